/**
 * The one way requests reach Ocamba: its error body, its hints and its rate limits (10/s burst,
 * 150/min steady per account, learned from X-RateLimit-* headers for other tiers). Operations call
 * the transport's helpers, never apiRequest directly.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiRequest, joinUrl, type RequestContext, type VendorProfile } from '../../shared/http';
import { readRequestSettings } from '../../shared/options';
import { getRateLimiter } from '../../shared/throttle';

export const CREDENTIAL_TYPE = 'ocambaApi';

interface OcambaErrorBody {
	code?: number | string;
	title?: string;
	message?: string;
	trace_id?: string;
}

export const ocambaProfile: VendorProfile = {
	vendor: 'Ocamba',
	credentialType: CREDENTIAL_TYPE,
	describeError(_status, body) {
		if (typeof body !== 'object' || body === null) return undefined;
		const error = body as OcambaErrorBody;
		const said = error.message ?? error.title;
		if (!said && !error.trace_id) return undefined;
		const details: IDataObject = {};
		if (error.title) details.title = error.title;
		if (error.code !== undefined) details.code = error.code;
		if (error.trace_id) details.traceId = error.trace_id;
		return {
			message: String(said ?? 'no message'),
			description: error.trace_id ? `Ocamba trace ID: ${error.trace_id} (quote it to Ocamba support).` : undefined,
			details,
		};
	},
	hints: {
		unauthorized:
			'The API token is wrong, expired or revoked. In Ocamba open the profile menu → API Tokens → Add Token, and paste the new token into the Ocamba credential.',
		forbidden: 'The token is valid but may not do this. Check the token owner\'s role and the account\'s permissions in Ocamba.',
		notFound: 'No such object in this Ocamba company. Check the ID (Get Many lists the existing ones).',
	},
	rateLimiter(context: RequestContext) {
		const credentials = context.getNode().credentials?.[CREDENTIAL_TYPE];
		const key = `ocamba:${credentials?.id ?? credentials?.name ?? 'default'}:${baseUrlCache.get(context) ?? ''}`;
		// Ocamba counts in fixed 1 s and 1 min windows by arrival time; our windows are a little longer
		// so network jitter between sending and arriving cannot push a 101st request into a second
		// that allows 100. The limits themselves are learned from X-RateLimit-* (other tiers).
		return getRateLimiter(key, [
			{ limit: 10, ms: 1050 },
			{ limit: 150, ms: 60_600 },
		]);
	},
};

/** The base URL per context, read once (the limiter key needs it synchronously). */
const baseUrlCache = new WeakMap<object, string>();

async function baseUrl(context: RequestContext): Promise<string> {
	const cached = baseUrlCache.get(context);
	if (cached !== undefined) return cached;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const url = String(credentials.baseUrl || 'https://api.ocamba.com').trim();
	baseUrlCache.set(context, url);
	return url;
}

export interface OcambaRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, with ids already encoded (encodePathSegment). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** 'none' for 204 answers. */
	expect?: 'json' | 'none' | 'jsonOrNone';
	/** PATCH of the same values is harmless to repeat. */
	idempotent?: boolean;
	/** Secret values the request carries: masked wherever an error repeats them (Ocamba quotes rejected values). */
	secrets?: string[];
}

/** One request; the parsed JSON answer (undefined for 204 answers with expect 'none'). */
export async function ocambaRequest(this: IExecuteFunctions | ILoadOptionsFunctions, request: OcambaRequest): Promise<IDataObject> {
	const url = joinUrl(await baseUrl(this), request.path);
	const response = await apiRequest.call(
		this,
		ocambaProfile,
		{
			method: request.method,
			url,
			qs: request.qs && Object.keys(request.qs).length ? request.qs : undefined,
			body: request.body,
			expect: request.expect ?? 'json',
			idempotent: request.idempotent ?? (request.method === 'PATCH' ? true : undefined),
			itemIndex: request.itemIndex,
			secrets: request.secrets,
		},
		readRequestSettings(this),
	);
	return response.body as IDataObject;
}
