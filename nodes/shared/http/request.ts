/**
 * The one way our nodes talk to a vendor: authentication through n8n (so proxies, credential tests
 * and token renewal work), a timeout on every request, pacing, waiting out 429s, retrying temporary
 * failures only where repeating is harmless, and turning every failure into an error that says what
 * happened and what to do — with no secret in it.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { credentialsFor } from './credentials';
import { withDeadline } from './deadline';
import { apiError, describeHttpFailure, excerpt, loginError, movedError, seconds, unsureOutcome } from './errors';
import { isTimeout, isTransient, parseRetryAfter, readFailure, wasNotSent } from './failure';
import { DEFAULT_SETTINGS, type ApiRequest, type ApiResponse, type Expectation, type RequestContext, type RequestSettings, type VendorProfile } from './types';

/** Wait used when a 429 gives no usable Retry-After (Ocamba sends -1 for "unknown"). */
const UNKNOWN_RETRY_AFTER_MS = 1_000;

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isJsonValue(body: unknown): body is IDataObject | IDataObject[] {
	return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

/**
 * Sends one request to a vendor, with the node's credentials, and returns the parsed answer.
 * Throws a NodeApiError (never anything else) when it cannot.
 */
export async function apiRequest<T = unknown>(
	this: RequestContext,
	profile: VendorProfile,
	request: ApiRequest,
	settings: RequestSettings = DEFAULT_SETTINGS,
): Promise<ApiResponse<T>> {
	const expect = request.expect ?? 'json';
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
	const limiter = profile.rateLimiter?.(this);
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
	let waitedForLimits = 0;
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
				this.helpers.httpRequestWithAuthentication.call(this, profile.credentialType, options, await credentialsFor(this, profile.credentialType)),
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
				throw loginError(this, profile, failure.message, request.itemIndex);
			}
			if (failure.status === 429) {
				const wait = parseRetryAfter(failure.headers['retry-after']) ?? parseRetryAfter(failure.headers['x-ratelimit-reset']) ?? UNKNOWN_RETRY_AFTER_MS;
				if (waitedForLimits + wait <= settings.maxRateLimitWaitMs) {
					waitedForLimits += wait;
					limiter?.pause(wait);
					await sleep(wait);
					continue;
				}
				const said = profile.describeError(429, failure.body)?.message;
				throw apiError(this, `${profile.vendor} rate limit hit (429)${said ? `: ${said}` : ''}`, {
					description: `Waited ${seconds(waitedForLimits)} in total and the limit still applies. Run fewer items at once, or raise "Max Rate Limit Wait" in the node's Request Options.`,
					httpCode: 429,
					itemIndex: request.itemIndex,
				});
			}
			const transient = isTransient(failure);
			const safeToRepeat = idempotent || wasNotSent(failure);
			if (transient && safeToRepeat && retries < settings.maxRetries) {
				// A timeout or reset may have happened after the server did the work (5xx: rarely, but possible).
				if (!wasNotSent(failure)) unsureEarlierAttempt = true;
				await sleep(settings.retryDelayMs * 2 ** retries);
				retries += 1;
				continue;
			}
			if (failure.status === undefined) {
				const timedOut = isTimeout(failure);
				const what = timedOut
					? `${profile.vendor} did not answer within ${seconds(settings.timeoutMs)}`
					: `Could not reach ${profile.vendor} (${failure.code ?? failure.message})`;
				const unsure = !idempotent && !wasNotSent(failure);
				throw apiError(this, what, {
					description: unsure
						? unsureOutcome(profile, request)
						: `${retries ? `Tried ${retries + 1} times. ` : ''}Check the Base URL in the credentials and that the service is up${timedOut ? ', or raise "Timeout" in the node\'s Request Options' : ''}.`,
					itemIndex: request.itemIndex,
				});
			}
			if (failure.status >= 300 && failure.status < 400) throw movedError(this, profile, request, failure);
			const described = describeHttpFailure(profile, request, failure);
			let description = described.description;
			if (failure.status >= 500 && !idempotent) {
				description = unsureOutcome(profile, request);
			} else if (failure.status >= 500 && retries) {
				description = `${description ?? ''} Tried ${retries + 1} times.`.trim();
			} else if (failure.status === 404 && request.method === 'DELETE' && unsureEarlierAttempt) {
				// The retry of a delete found nothing: most likely the first attempt deleted it.
				description = `An earlier attempt got no clear answer and was repeated; the repeat found nothing to delete, so the earlier attempt most likely deleted it. Check in ${profile.vendor}.`;
			}
			throw apiError(this, described.message, {
				description,
				httpCode: failure.status,
				itemIndex: request.itemIndex,
				details: described.details,
			});
		}
		limiter?.observe(response.headers, Date.now, ticket);
		return { ...response, body: checkBody(this, profile, request, expect, response) as T };
	}
}

function checkBody(context: RequestContext, profile: VendorProfile, request: ApiRequest, expect: Expectation, response: ApiResponse<unknown>): unknown {
	const { body, statusCode } = response;
	if (expect === 'binary') return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
	if (expect === 'none') return undefined;
	if (isJsonValue(body)) return body;
	if (expect === 'jsonOrNone' && isEmpty(body)) return undefined;
	const text = excerpt(body);
	throw apiError(
		context,
		isEmpty(body)
			? `${profile.vendor} answered ${statusCode} with an empty body where data was expected`
			: `${profile.vendor} answered ${statusCode} with something that is not JSON`,
		{
			description: `${request.method} ${new URL(request.url).pathname}${text ? ` returned: ${text}` : ''}. A proxy or a wrong Base URL in the credentials often causes this: check that the Base URL points to the ${profile.vendor} API, and try again in case the service was briefly unavailable.`,
			httpCode: statusCode,
			itemIndex: request.itemIndex,
		},
	);
}

/** Joins a base URL (with or without trailing slashes) and a path. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${String(baseUrl).trim().replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
