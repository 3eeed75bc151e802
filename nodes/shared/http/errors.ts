/**
 * The wording of every failure the request layer reports: what happened, what to do, the HTTP status,
 * and nothing secret. Kept apart from the retry loop, the way n8n's Airtable node keeps its error texts
 * out of its transport.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Failure } from './failure';
import type { ApiRequest, RequestContext, VendorProfile } from './types';

const EXCERPT_LENGTH = 200;

export function excerpt(body: unknown): string {
	let text: string;
	if (body === undefined || body === null) text = '';
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (typeof body === 'string') text = body;
	else text = JSON.stringify(body);
	text = text.replace(/\s+/g, ' ').trim();
	return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

export function seconds(ms: number) {
	return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Set on errors of a send, create or other change whose fate is unknown (no answer, a final 5xx, an
 * unreadable 2xx): it may or may not have been carried out. Continue On Fail outputs it, so a workflow
 * can route such items to a check instead of a retry; campaign-style callers read it with isOutcomeUnknown.
 */
export interface OutcomeUnknown {
	outcomeUnknown?: true;
}

export function isOutcomeUnknown(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as OutcomeUnknown).outcomeUnknown === true;
}

/** Raises the error users see: what happened, what to do, the HTTP status, and nothing secret. */
export function apiError(
	context: RequestContext,
	message: string,
	options: { description?: string; httpCode?: number | string; itemIndex?: number; details?: IDataObject; outcomeUnknown?: boolean } = {},
): NodeApiError & OutcomeUnknown {
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
	if (options.outcomeUnknown) (error as OutcomeUnknown).outcomeUnknown = true;
	return error;
}

/**
 * The description for a request that is not safe to repeat and whose fate is unknown (no answer, a
 * 5xx, an unreadable answer): it was not sent again, and the user must look before running it again.
 */
export function unsureOutcome(profile: VendorProfile, request: ApiRequest): string {
	return `The request (${request.method} ${new URL(request.url).pathname}) may or may not have been carried out, so it was not sent again. Check in ${profile.vendor} before running this item again.`;
}

export function describeHttpFailure(profile: VendorProfile, request: ApiRequest, failure: Failure): { message: string; description?: string; details?: IDataObject } {
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
export function movedError(context: RequestContext, profile: VendorProfile, request: ApiRequest, failure: Failure): NodeApiError {
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

/**
 * The credential's login failed (wrong user or password, IP not allowed, server unreachable). Its
 * message says which; the description says what to do. Nothing was sent, so nothing is unsure.
 */
export function loginError(context: RequestContext, profile: VendorProfile, message: string, itemIndex?: number): NodeApiError {
	let description = profile.hints.loginFailed ?? 'Check the username and password in the credentials.';
	if (/IP address/i.test(message)) {
		description = profile.hints.ipNotAllowed ?? `${profile.vendor} refuses logins from the IP address this n8n connects from. Ask the ${profile.vendor} administrator to allow it.`;
	} else if (/could not reach|without a token/i.test(message)) {
		description = 'Check the server URL in the credentials and that the service is up.';
	}
	return apiError(context, message, { description, itemIndex });
}
