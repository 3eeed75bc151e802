/**
 * The one way our nodes talk to a vendor: authentication through n8n (so proxies, credential tests
 * and token renewal work), a timeout on every request, pacing, waiting out 429s, retrying temporary
 * failures only where repeating is harmless, and turning every failure into an error that says what
 * happened and what to do — with no secret in it.
 */
import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { credentialsFor } from './credentials';
import { withDeadline } from './deadline';
import { apiError, describeHttpFailure, excerpt, loginError, movedError, seconds, unsureOutcome } from './errors';
import { isTimeout, isTransient, parseRetryAfter, readFailure, wasNotSent, type Failure } from './failure';
import { credentialSecrets, SecretMask } from './secrets';
import { DEFAULT_SETTINGS, type ApiRequest, type ApiResponse, type Expectation, type RequestContext, type RequestSettings, type VendorProfile } from './types';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isJsonValue(body: unknown): body is IDataObject | IDataObject[] {
	return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

/** What one call of apiRequest knows about its request, shared by the retry loop and the error wording. */
interface Call {
	context: RequestContext;
	profile: VendorProfile;
	request: ApiRequest;
	settings: RequestSettings;
	/** Sending it twice is harmless: temporary failures are retried. */
	idempotent: boolean;
	/** Running the item again would do it again: an unknown fate is reported as such. */
	repeatsOnRerun: boolean;
}

/**
 * Sends one request to a vendor, with the node's credentials, and returns the parsed answer.
 * Throws a NodeApiError (never anything else) when it cannot, with every secret the request carried
 * (the credential's, and `request.secrets`) masked wherever the vendor echoed it.
 */
export async function apiRequest<T = unknown>(
	this: RequestContext,
	profile: VendorProfile,
	request: ApiRequest,
	settings: RequestSettings = DEFAULT_SETTINGS,
): Promise<ApiResponse<T>> {
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
	const call: Call = { context: this, profile, request, settings: { ...DEFAULT_SETTINGS, ...settings }, idempotent, repeatsOnRerun: request.repeatsOnRerun ?? !idempotent };
	try {
		return await sendWithRetries<T>(call);
	} catch (error) {
		throw await masked(call, error as NodeApiError);
	}
}

/** The error with the request's secrets masked (read after the request: a login may have added a token). */
async function masked(call: Call, error: NodeApiError): Promise<NodeApiError> {
	const credentials = await credentialsFor(call.context, call.profile.credentialType);
	const secrets = [...credentialSecrets(credentials?.credentialsDecrypted?.data, call.profile.secretCredentialFields), ...(call.request.secrets ?? [])];
	return new SecretMask(secrets).error(error);
}

async function sendWithRetries<T>(call: Call): Promise<ApiResponse<T>> {
	const { context, profile, request, settings } = call;
	const expect = request.expect ?? 'json';
	const limiter = profile.rateLimiter?.(context);
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	let body: string | undefined;
	if (request.body !== undefined) {
		body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
	}
	if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) {
		headers.Accept = expect === 'binary' ? '*/*' : 'application/json';
	}

	let retries = 0;
	const rateLimited = { answers: 0, waitedMs: 0 };
	let unsureEarlierAttempt = false;
	for (;;) {
		const ticket = limiter ? await limiter.acquire() : undefined;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			headers: { ...headers },
			body,
			timeout: settings.timeoutMs,
			returnFullResponse: true,
			// A redirect is refused, not followed: following turns a POST into a GET without its body (a
			// create that silently does nothing) and may carry the credentials elsewhere. See movedError.
			disableFollowRedirect: true,
			...(request.arrayFormat ? { arrayFormat: request.arrayFormat } : {}),
			...(expect === 'binary' ? { encoding: 'arraybuffer' as const } : {}),
		};
		let response: ApiResponse<unknown>;
		try {
			response = (await withDeadline(
				context.helpers.httpRequestWithAuthentication.call(context, profile.credentialType, options, await credentialsFor(context, profile.credentialType)),
				settings.timeoutMs,
			)) as ApiResponse<unknown>;
		} catch (error) {
			const failure = readFailure(error);
			limiter?.observe(failure.headers, Date.now, ticket);
			if (failure.loginFailed) {
				// Nothing was sent: a login that failed for a temporary reason may be tried again.
				if (/HTTP 5\d\d|could not reach/i.test(failure.message) && retries < settings.maxRetries) {
					await sleep(settings.retryDelayMs * 2 ** retries);
					retries += 1;
					continue;
				}
				throw loginError(context, profile, failure.message, request.itemIndex);
			}
			if (failure.status === 429) {
				const wait = rateLimitWait(call, failure, rateLimited);
				rateLimited.answers += 1;
				rateLimited.waitedMs += wait;
				limiter?.pause(wait);
				await sleep(wait);
				continue;
			}
			const transient = isTransient(failure);
			const safeToRepeat = call.idempotent || wasNotSent(failure);
			if (transient && safeToRepeat && retries < settings.maxRetries) {
				// A timeout or reset may have happened after the server did the work (5xx: rarely, but possible).
				if (!wasNotSent(failure)) unsureEarlierAttempt = true;
				await sleep(settings.retryDelayMs * 2 ** retries);
				retries += 1;
				continue;
			}
			throw finalFailure(call, failure, { retries, unsureEarlierAttempt });
		}
		limiter?.observe(response.headers, Date.now, ticket);
		return { ...response, body: checkBody(call, expect, response) as T };
	}
}

/**
 * How long to wait before repeating a request answered 429, or the error that ends the waiting. The
 * server's Retry-After (or X-RateLimit-Reset) is honoured, but never below a floor: a server that says
 * "0" on every answer would otherwise be asked thousands of times a second. Both the total wait (Max
 * Rate Limit Wait) and the number of repeats are capped.
 */
function rateLimitWait(call: Call, failure: Failure, soFar: { answers: number; waitedMs: number }): number {
	const { context, profile, request, settings } = call;
	const announced = parseRetryAfter(failure.headers['retry-after']) ?? parseRetryAfter(failure.headers['x-ratelimit-reset']) ?? 0;
	const wait = Math.max(announced, settings.minRateLimitWaitMs);
	const said = profile.describeError(429, failure.body)?.message;
	const message = `${profile.vendor} rate limit hit (429)${said ? `: ${said}` : ''}`;
	if (soFar.waitedMs + wait > settings.maxRateLimitWaitMs) {
		throw apiError(context, message, {
			description: `Waited ${seconds(soFar.waitedMs)} in total and the limit still applies. Run fewer items at once, or raise "Max Rate Limit Wait" in the node's Request Options.`,
			httpCode: 429,
			itemIndex: request.itemIndex,
		});
	}
	if (soFar.answers >= settings.maxRateLimitRetries) {
		throw apiError(context, message, {
			description: `Asked ${soFar.answers + 1} times over ${seconds(soFar.waitedMs)} and the limit still applies; the node stops repeating one request after ${settings.maxRateLimitRetries} "too many requests" answers. Run fewer items at once, or try again later.`,
			httpCode: 429,
			itemIndex: request.itemIndex,
		});
	}
	return wait;
}

/** The error for a request that failed for good: what happened, whether it may have been carried out, what to do. */
function finalFailure(call: Call, failure: Failure, attempts: { retries: number; unsureEarlierAttempt: boolean }): NodeApiError {
	const { context, profile, request, settings } = call;
	const tried = attempts.retries ? `Tried ${attempts.retries + 1} times. ` : '';
	// Repeating cannot have done anything twice if the connection was never made.
	const unsure = call.repeatsOnRerun && !wasNotSent(failure);
	if (failure.status === undefined) {
		const timedOut = isTimeout(failure);
		const what = timedOut ? `${profile.vendor} did not answer within ${seconds(settings.timeoutMs)}` : `Could not reach ${profile.vendor} (${failure.code ?? failure.message})`;
		return apiError(context, what, {
			description: unsure
				? `${tried}${unsureOutcome(profile, request)}`
				: `${tried}Check the Base URL in the credentials and that the service is up${timedOut ? ', or raise "Timeout" in the node\'s Request Options' : ''}.`,
			itemIndex: request.itemIndex,
			outcomeUnknown: unsure,
		});
	}
	if (failure.status >= 300 && failure.status < 400) return movedError(context, profile, request, failure);
	const described = describeHttpFailure(profile, request, failure);
	let description = described.description;
	const serverError = failure.status >= 500;
	if (serverError && unsure) {
		description = `${tried}${unsureOutcome(profile, request)}`;
	} else if (serverError && attempts.retries) {
		description = `${description ?? ''} ${tried.trim()}`.trim();
	} else if (failure.status === 404 && request.method === 'DELETE' && attempts.unsureEarlierAttempt) {
		// The retry of a delete found nothing: most likely the first attempt deleted it.
		description = `An earlier attempt got no clear answer and was repeated; the repeat found nothing to delete, so the earlier attempt most likely deleted it. Check in ${profile.vendor}.`;
	}
	return apiError(context, described.message, {
		description,
		httpCode: failure.status,
		itemIndex: request.itemIndex,
		details: described.details,
		outcomeUnknown: serverError && unsure,
	});
}

/**
 * The answer's body as the caller expects it, or an error. A 2xx whose body cannot be read means the
 * request arrived and was most likely acted on: for a send or create that is an unknown outcome, not
 * something to try again.
 */
function checkBody(call: Call, expect: Expectation, response: ApiResponse<unknown>): unknown {
	const { context, profile, request } = call;
	const { body, statusCode } = response;
	if (expect === 'binary') return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
	if (expect === 'none') return undefined;
	if (isJsonValue(body)) return body;
	if (expect === 'jsonOrNone' && isEmpty(body)) return undefined;
	const text = excerpt(body);
	const returned = `${request.method} ${new URL(request.url).pathname}${text ? ` returned: ${text}` : ''}.`;
	throw apiError(
		context,
		isEmpty(body) ? `${profile.vendor} answered ${statusCode} with an empty body where data was expected` : `${profile.vendor} answered ${statusCode} with something that is not JSON`,
		{
			description: call.repeatsOnRerun
				? `${returned} ${unsureOutcome(profile, request)} A proxy or a wrong Base URL in the credentials can cause such answers.`
				: `${returned} A proxy or a wrong Base URL in the credentials often causes this: check that the Base URL points to the ${profile.vendor} API, and try again in case the service was briefly unavailable.`,
			httpCode: statusCode,
			itemIndex: request.itemIndex,
			outcomeUnknown: call.repeatsOnRerun,
		},
	);
}

/** Joins a base URL (with or without trailing slashes) and a path. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${String(baseUrl).trim().replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
