/**
 * The one module that talks to Ocamba: its error body, its hints, its rate limits (10/s burst,
 * 150/min steady per account, learned from X-RateLimit-* headers for other tiers) and its
 * `page=N,M` lists. Operations call these helpers, never apiRequest directly.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiRequest, joinUrl, type RequestContext, type VendorProfile } from '../../shared/http';
import { readRequestSettings } from '../../shared/options';
import { paginateKeepingPartial, toCount, type Page } from '../../shared/pagination';
import { getRateLimiter } from '../../shared/throttle';

export const CREDENTIAL_TYPE = 'ocambaApi';

/**
 * Ocamba's largest page is undocumented. We ask for 1,000 (fewest requests) and, should the first
 * page come back shorter while `total` says more exist, take that as the server's real maximum and
 * page on with it, so a silent cap can never end the list early.
 */
export const MAX_PAGE_SIZE = 1000;

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
		},
		readRequestSettings(this),
	);
	return response.body as IDataObject;
}

/**
 * `{total, items}` pages via `page=N,M`, until total (string or number), a short page, or the limit.
 * With `keepPartial`, a page that fails after others arrived does not throw away those records: they
 * are returned followed by one error entry saying which page failed (Continue On Fail; the shared
 * paginateKeepingPartial does this).
 */
export async function ocambaList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	options: { returnAll: boolean; limit: number; itemIndex?: number; keepPartial?: boolean },
): Promise<IDataObject[]> {
	const fetchPage = async (pageNumber: number, pageSize: number): Promise<Page<IDataObject>> => {
		const body = await ocambaRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, page: `${pageNumber},${pageSize}` },
			itemIndex: options.itemIndex,
		});
		const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
		return { items, total: body.total as number | string | undefined };
	};
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	if (wanted === 0) return [];
	// Page 1 is read first, on its own: its size tells whether Ocamba caps pages below what we ask.
	// (If it fails there is nothing to keep, so its error goes out unchanged either way.)
	let pageSize = Math.min(MAX_PAGE_SIZE, wanted);
	let first: Page<IDataObject> | undefined = await fetchPage(1, pageSize);
	const total = toCount(first.total);
	if (first.items.length > 0 && first.items.length < pageSize && total !== undefined && total > first.items.length) {
		// A silent cap: page 1 of the capped size is exactly what we got, so page on with that size.
		pageSize = first.items.length;
	}
	const records = await paginateKeepingPartial<IDataObject>({
		keepPartial: options.keepPartial === true,
		returnAll: options.returnAll,
		limit: options.limit,
		maxPageSize: pageSize,
		fetchPage: async (pageNumber, size) => {
			if (pageNumber === 1 && first) {
				// Handed over once, not fetched again.
				const page = first;
				first = undefined;
				return page;
			}
			return await fetchPage(pageNumber, size);
		},
	});
	// A PageFailure holds only text and numbers: a plain output item.
	return records as IDataObject[];
}

/** Setting names whose values are secrets: never put into outputs. */
const SECRET_SETTING = /(token|password|secret|api_?key|private)/i;
export const REDACTED = '__hidden__';

/** Integrations come back with their provider settings; the secret ones are hidden in outputs. */
export function redactIntegration<T extends IDataObject>(integration: T): T {
	const settings = integration.settings;
	if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return integration;
	const hidden = Object.fromEntries(
		Object.entries(settings as IDataObject).map(([key, value]) => [key, SECRET_SETTING.test(key) && value !== '' && value !== null ? REDACTED : value]),
	);
	return { ...integration, settings: hidden };
}
