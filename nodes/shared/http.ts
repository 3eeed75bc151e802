/**
 * The one way our nodes talk to a vendor: authentication through n8n (so proxies, credential tests
 * and token renewal work), a timeout on every request, pacing, waiting out 429s, retrying temporary
 * failures only where repeating is harmless, and turning every failure into an error that says what
 * happened and what to do — with no secret in it.
 */
import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, UserError, sleep } from 'n8n-workflow';

import type { RateLimiter } from './throttle';

/** Where a request may be sent from: an operation, an editor list, or a trigger's webhook methods. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface VendorError {
	/** One line saying what went wrong, in the vendor's words where it gave any. */
	message: string;
	description?: string;
	/** Non-secret facts worth keeping in the output of a failed item (vendor code, trace id, fields). */
	details?: IDataObject;
}

export interface VendorProfile {
	/** As users know it: "Ocamba", "Octopush", "Yeti-Switch". */
	vendor: string;
	credentialType: string;
	/** Reads the vendor's error body; undefined when it has nothing useful. */
	describeError(status: number, body: unknown): VendorError | undefined;
	/** What to tell the user for statuses whose meaning is vendor-specific. */
	hints: {
		unauthorized: string;
		forbidden?: string;
		notFound?: string;
		/** For credentials that log in first (preAuthentication): what to do when the login is refused. */
		loginFailed?: string;
		/** ...and when the server refuses logins from n8n's IP address. */
		ipNotAllowed?: string;
	};
	/** The limiter for this context's account, when the vendor publishes limits. */
	rateLimiter?(context: RequestContext): RateLimiter | undefined;
}

export type Expectation = 'json' | 'none' | 'jsonOrNone' | 'binary';

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	/** An object is sent as JSON text with the given (or JSON) content type. */
	body?: unknown;
	headers?: Record<string, string>;
	/** What a successful answer must contain (default json). */
	expect?: Expectation;
	/** Whether sending it twice is harmless; defaults to true for GET, HEAD, PUT and DELETE. */
	idempotent?: boolean;
	itemIndex?: number;
	/** Serialise arrays in the query as `key[]=a&key[]=b` (brackets) or `key=a&key=b` (repeat). */
	arrayFormat?: 'brackets' | 'repeat' | 'indices' | 'comma';
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export interface RequestSettings {
	/** Milliseconds before a request is abandoned. */
	timeoutMs: number;
	/** How often a temporary failure (5xx, reset, timeout) of a harmless request is retried. */
	maxRetries: number;
	/** The longest total time spent waiting out rate limits before giving up. */
	maxRateLimitWaitMs: number;
	/** First retry delay; doubles each time. */
	retryDelayMs: number;
}

export const DEFAULT_SETTINGS: RequestSettings = {
	timeoutMs: 30_000,
	maxRetries: 3,
	maxRateLimitWaitMs: 120_000,
	retryDelayMs: 500,
};

/** Wait used when a 429 gives no usable Retry-After (Ocamba sends -1 for "unknown"). */
const UNKNOWN_RETRY_AFTER_MS = 1_000;
const EXCERPT_LENGTH = 200;

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Errors raised before the request left this machine: repeating them can never duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

interface Failure {
	status?: number;
	headers: Record<string, unknown>;
	body: unknown;
	code?: string;
	message: string;
	/**
	 * The credential's own login (preAuthentication, e.g. Yeti-Switch's JWT login) failed: nothing
	 * was sent, and the message is the credential's, written for users.
	 */
	loginFailed: boolean;
}

/** Digs the HTTP facts out of what n8n's request helper threw (a NodeApiError around an AxiosError). */
function readFailure(error: unknown): Failure {
	const outer = error as { cause?: unknown; message?: string; httpCode?: string | null };
	const inner = (outer?.cause ?? error) as {
		response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
		code?: string;
		message?: string;
		cause?: { code?: string };
	};
	const response = inner?.response;
	return {
		status: response?.status ?? (outer.httpCode ? Number(outer.httpCode) || undefined : undefined),
		headers: response?.headers ?? {},
		body: response?.data,
		code: inner?.code ?? inner?.cause?.code,
		message: inner?.message ?? outer?.message ?? 'Unknown error',
		loginFailed: inner instanceof UserError && !response,
	};
}

export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	const seconds = Number(text);
	if (!Number.isNaN(seconds)) return seconds < 0 ? undefined : seconds * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function excerpt(body: unknown): string {
	let text: string;
	if (body === undefined || body === null) text = '';
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (typeof body === 'string') text = body;
	else text = JSON.stringify(body);
	text = text.replace(/\s+/g, ' ').trim();
	return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

function isJsonValue(body: unknown): body is IDataObject | IDataObject[] {
	return typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

function seconds(ms: number) {
	return `${Math.round(ms / 100) / 10} s`;
}

/** Raises the error users see: what happened, what to do, the HTTP status, and nothing secret. */
export function apiError(
	context: RequestContext,
	message: string,
	options: { description?: string; httpCode?: number | string; itemIndex?: number; details?: IDataObject } = {},
): NodeApiError {
	const httpCode = options.httpCode === undefined ? undefined : String(options.httpCode);
	const response: JsonObject = { message, ...(httpCode ? { httpCode } : {}), ...(options.details ?? {}) } as JsonObject;
	const error = new NodeApiError(context.getNode(), response, {
		message,
		description: options.description,
		httpCode,
		itemIndex: options.itemIndex,
	});
	// Keep our message: NodeApiError replaces it with a generic one for known status codes.
	error.message = message;
	if (options.details) (error as unknown as { details: IDataObject }).details = options.details;
	return error;
}

function describeHttpFailure(profile: VendorProfile, request: ApiRequest, failure: Failure): { message: string; description?: string; details?: IDataObject } {
	const status = failure.status!;
	const vendorError = profile.describeError(status, failure.body);
	const said = vendorError?.message;
	const details = { httpCode: status, ...(vendorError?.details ?? {}) };
	const action = `${request.method} ${new URL(request.url).pathname}`;
	if (status === 401) return { message: `${profile.vendor} refused the credentials (401)${said ? `: ${said}` : ''}`, description: profile.hints.unauthorized, details };
	if (status === 403) return { message: `${profile.vendor} denied access (403)${said ? `: ${said}` : ''}`, description: profile.hints.forbidden ?? 'The credentials are valid but not allowed to do this. Check the account\'s permissions.', details };
	if (status === 404) return { message: `${profile.vendor}: not found (404)${said ? `: ${said}` : ''}`, description: profile.hints.notFound ?? `Nothing exists at ${action}. Check the ID.`, details };
	if (status >= 500) return { message: `${profile.vendor} had a server error (${status})${said ? `: ${said}` : ''}`, description: `The service is failing or down. Try again later.${vendorError?.description ? ` ${vendorError.description}` : ''}`, details };
	// A refusal of what was sent (400, 409, 422...): the vendor's words say what; the user's move is to fix it.
	const fix = 'Check the values the message names, correct them and run the item again.';
	if (said) return { message: `${profile.vendor} rejected the request (${status}): ${said}`, description: vendorError?.description ? `${vendorError.description} ${fix}` : fix, details };
	const text = excerpt(failure.body);
	return { message: `${profile.vendor} rejected the request (${status})`, description: text ? `The server answered: ${text}. ${fix}` : fix, details };
}

/**
 * The server answered a redirect: most often a Base URL with http:// where the API is served on
 * https://, or an old address. Nothing was done; the user's move is to fix the Base URL.
 */
function movedError(context: RequestContext, profile: VendorProfile, request: ApiRequest, failure: Failure): NodeApiError {
	const location = failure.headers.location;
	let target: string | undefined;
	try {
		// Only scheme, host and path: a query string is no help here and may carry anything.
		const url = new URL(String(Array.isArray(location) ? location[0] : location), request.url);
		target = `${url.origin}${url.pathname}`;
	} catch {
		target = undefined;
	}
	return apiError(context, `${profile.vendor} answered with a redirect (${failure.status})${target ? ` to ${target}` : ''}`, {
		description: `Nothing was done: requests are not followed to another address (a redirected ${request.method} would arrive without its data). Check the Base URL in the credentials${target ? `: the server points to ${target}, so the Base URL likely needs that scheme and host` : ' (https:// rather than http://, and the exact host)'}.`,
		httpCode: failure.status,
		itemIndex: request.itemIndex,
	});
}

/** Grace after the client's own timeout, so its (idle) timeout keeps reporting the usual cases. */
const DEADLINE_GRACE_MS = 250;

/**
 * The request timeout of the HTTP client is an idle timeout: a server that trickles one byte now and
 * then is never cut off. This puts a deadline on the whole request (the late request is left to end
 * on its own; its answer is ignored). AbortSignal.timeout's timer does not keep n8n's process alive.
 */
async function withDeadline<T>(request: Promise<T>, timeoutMs: number): Promise<T> {
	const deadline = AbortSignal.timeout(timeoutMs + DEADLINE_GRACE_MS);
	return await new Promise<T>((resolve, reject) => {
		// Shaped like the client's own timeout error, so retries and messages treat both alike.
		const expire = () => reject(Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' }));
		deadline.addEventListener('abort', expire, { once: true });
		// Once settled, the signal keeps no reference to this request (nor to its answer).
		request.then(
			(value) => {
				deadline.removeEventListener('abort', expire);
				resolve(value);
			},
			(error: unknown) => {
				deadline.removeEventListener('abort', expire);
				reject(error);
			},
		);
	});
}

/**
 * The credential's login failed (wrong user or password, IP not allowed, server unreachable). Its
 * message says which; the description says what to do. Nothing was sent, so nothing is unsure.
 */
function loginError(context: RequestContext, profile: VendorProfile, message: string, itemIndex?: number): NodeApiError {
	let description = profile.hints.loginFailed ?? 'Check the username and password in the credentials.';
	if (/IP address/i.test(message)) {
		description = profile.hints.ipNotAllowed ?? `${profile.vendor} refuses logins from the IP address this n8n connects from. Ask the ${profile.vendor} administrator to allow it.`;
	} else if (/could not reach|without a token/i.test(message)) {
		description = 'Check the server URL in the credentials and that the service is up.';
	}
	return apiError(context, message, { description, itemIndex });
}

/**
 * The node's decrypted credentials, read once per execution and handed to n8n with every request.
 * Without them n8n reads (in n8n itself: loads from the database, decrypts, resolves) the credential
 * again for each request. n8n's login step (preAuthentication) writes a new token into this same
 * object, so every later request of the execution uses it, and a 401 still renews it as before.
 * Undefined (n8n reads them itself, as before) when they cannot be read here.
 */
const credentialsByContext = new WeakMap<object, Map<string, Promise<IAdditionalCredentialOptions | undefined>>>();

function credentialsFor(context: RequestContext, type: string): Promise<IAdditionalCredentialOptions | undefined> {
	let byType = credentialsByContext.get(context);
	if (!byType) credentialsByContext.set(context, (byType = new Map()));
	let cached = byType.get(type);
	if (!cached) {
		const reference = context.getNode().credentials?.[type];
		cached = reference
			? context.getCredentials(type).then(
					(data) => ({ credentialsDecrypted: { id: String(reference.id ?? ''), name: reference.name, type, data } }),
					() => undefined,
				)
			: Promise.resolve(undefined);
		byType.set(type, cached);
	}
	return cached;
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
			const transient = failure.status === undefined ? NOT_SENT_CODES.has(failure.code ?? '') || TRANSIENT_CODES.has(failure.code ?? '') || /timeout|socket hang up|aborted/i.test(failure.message) : failure.status >= 500;
			const safeToRepeat = idempotent || NOT_SENT_CODES.has(failure.code ?? '');
			if (transient && safeToRepeat && retries < settings.maxRetries) {
				// A timeout or reset may have happened after the server did the work (5xx: rarely, but possible).
				if (!NOT_SENT_CODES.has(failure.code ?? '')) unsureEarlierAttempt = true;
				await sleep(settings.retryDelayMs * 2 ** retries);
				retries += 1;
				continue;
			}
			if (failure.status === undefined) {
				const timedOut = /timeout/i.test(failure.message) || failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
				const what = timedOut
					? `${profile.vendor} did not answer within ${seconds(settings.timeoutMs)}`
					: `Could not reach ${profile.vendor} (${failure.code ?? failure.message})`;
				const unsure = !idempotent && !NOT_SENT_CODES.has(failure.code ?? '');
				throw apiError(this, what, {
					description: unsure
						? `The request (${request.method} ${new URL(request.url).pathname}) may or may not have been carried out, so it was not sent again. Check in ${profile.vendor} before running this item again.`
						: `${retries ? `Tried ${retries + 1} times. ` : ''}Check the Base URL in the credentials and that the service is up${timedOut ? ', or raise "Timeout" in the node\'s Request Options' : ''}.`,
					itemIndex: request.itemIndex,
				});
			}
			if (failure.status >= 300 && failure.status < 400) throw movedError(this, profile, request, failure);
			const described = describeHttpFailure(profile, request, failure);
			let description = described.description;
			if (failure.status >= 500 && !idempotent) {
				description = `The request (${request.method} ${new URL(request.url).pathname}) may or may not have been carried out, so it was not sent again. Check in ${profile.vendor} before running this item again.`;
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
