/** The shapes the request layer is called with and answers with, and what each vendor declares about itself. */
import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import type { RateLimiter } from '../throttle';

/** Where requests are made from: an operation, an editor list (loadOptions), or a trigger's webhook methods. */
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
	/**
	 * Credential fields whose values are secret, masked in every error wherever they reappear. Defaults
	 * to every field whose name says it is one (key, token, secret, password...).
	 */
	secretCredentialFields?: readonly string[];
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
	/**
	 * Whether running the item again would do it again: a send, a create, a balance change. When its
	 * fate is unknown (no answer, a final 5xx, an unreadable 2xx answer) the error says "may or may not
	 * have been carried out" and carries `outcomeUnknown: true`, never "try again". Defaults to
	 * `!idempotent`; set it on requests that only a per-run id makes harmless to retry (Octopush's
	 * request_id: a new execution sends a new id, so a re-run would send again).
	 */
	repeatsOnRerun?: boolean;
	/**
	 * Values this request carries that are secret (a provider's API key in a body, a password being
	 * set): masked in every error the request raises, as the credential's own secrets are.
	 */
	secrets?: readonly unknown[];
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
	/** The shortest wait before repeating a request answered 429, whatever the server announced (it may say 0). */
	minRateLimitWaitMs: number;
	/** How often one request answered 429 is repeated at most, whatever the wait budget allows. */
	maxRateLimitRetries: number;
}

export const DEFAULT_SETTINGS: RequestSettings = {
	timeoutMs: 30_000,
	maxRetries: 3,
	maxRateLimitWaitMs: 120_000,
	retryDelayMs: 500,
	minRateLimitWaitMs: 1_000,
	maxRateLimitRetries: 30,
};
