/** Reading what went wrong with one attempt: the HTTP facts out of n8n's error, and whether repeating can help. */
import { UserError } from 'n8n-workflow';

/** Errors raised before the request left this machine: repeating them can never duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

export interface Failure {
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

/**
 * Digs the HTTP facts out of what n8n's request helper threw (a NodeApiError around an AxiosError).
 * n8n 1.x (n8n-workflow 1.x) loses the AxiosError: its ExecutionBaseError declares a `cause` class
 * field that resets the cause after the Error constructor set it. What survives there is the status
 * (`httpCode`) and an object body (`context.data`); the answer's headers are gone, so a 429's
 * Retry-After is not seen on 1.x and the request layer's own floor and cap decide the wait.
 */
export function readFailure(error: unknown): Failure {
	const outer = error as { cause?: unknown; message?: string; messages?: unknown; httpCode?: string | null; context?: { data?: unknown } };
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
		body: response ? response.data : outer?.context?.data,
		code: inner?.code ?? inner?.cause?.code ?? codeInMessages(outer?.messages),
		message: inner?.message ?? outer?.message ?? 'Unknown error',
		loginFailed: inner instanceof UserError && !response,
	};
}

/** n8n 1.x keeps a lost cause's message ("connect ECONNREFUSED 127.0.0.1:9") among the error's messages. */
function codeInMessages(messages: unknown): string | undefined {
	if (!Array.isArray(messages)) return undefined;
	for (const text of messages) {
		const code = typeof text === 'string' ? /\b(E[A-Z_]{3,})\b/.exec(text)?.[1] : undefined;
		if (code && (NOT_SENT_CODES.has(code) || TRANSIENT_CODES.has(code))) return code;
	}
	return undefined;
}

/** The connection was never made (refused, unknown host...): the server cannot have seen the request. */
export function wasNotSent(failure: Failure): boolean {
	return NOT_SENT_CODES.has(failure.code ?? '');
}

/** A failure that may pass if the same request is made again: a 5xx, a reset, a timeout, no connection. */
export function isTransient(failure: Failure): boolean {
	if (failure.status !== undefined) return failure.status >= 500;
	return wasNotSent(failure) || TRANSIENT_CODES.has(failure.code ?? '') || /timeout|socket hang up|aborted/i.test(failure.message);
}

/** A failure where no answer arrived in time (the client's idle timeout or our deadline). */
export function isTimeout(failure: Failure): boolean {
	return /timeout/i.test(failure.message) || failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
}

export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	const seconds = Number(text);
	if (!Number.isNaN(seconds)) return seconds < 0 ? undefined : seconds * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
