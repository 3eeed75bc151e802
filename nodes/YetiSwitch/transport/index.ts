/**
 * The one module that talks to Yeti-Switch: the admin API root below the credential's server URL,
 * JSON:API headers (exactly application/vnd.api+json), request documents, flattening of answers,
 * pagination, and errors in Yeti's words (the field from errors[].source.pointer).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError, apiRequest, joinUrl, type ApiResponse, type Expectation, type RequestSettings, type VendorError, type VendorProfile } from '../../shared/http';
import { readRequestSettings } from '../../shared/options';
import { paginateKeepingPartial } from '../../shared/pagination';
import { encodePathSegment } from '../../shared/validation';
import type { YetiRoute } from '../catalogue';

export const JSONAPI = 'application/vnd.api+json';
export const ADMIN_PATH = '/api/rest/admin';
/** The server's largest page. */
export const MAX_PAGE_SIZE = 1000;

const JSONAPI_HEADERS = { Accept: JSONAPI };
const JSONAPI_WRITE_HEADERS = { Accept: JSONAPI, 'Content-Type': JSONAPI };

interface JsonApiError {
	title?: string;
	detail?: string;
	code?: string;
	status?: string;
	source?: { pointer?: string; parameter?: string };
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = body.toString();
		if (!text.trim()) return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	return body;
}

/** "external-id: has already been taken" from {detail: "external-id - has already been taken", source: {pointer: ".../external-id"}}. */
export function describeJsonApiError(entry: JsonApiError): string {
	const field = entry.source?.pointer?.split('/').filter(Boolean).pop() ?? entry.source?.parameter;
	let detail = String(entry.detail ?? entry.title ?? 'error');
	if (field) {
		detail = detail.replace(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+-\\s+`), '');
		if (field === 'data') return detail;
		return `${field}: ${detail}`;
	}
	return detail;
}

/** What to do about the server's 400 codes (jsonapi-resources 0.9.12 error codes; yeti-server-facts.md §2). */
const CODE_HINTS: Record<string, string> = {
	'101': 'The record type sent does not match this route.',
	'102': 'Check the filter names in "Filters": this server does not know one of them.',
	'103': 'An ID or value has the wrong form (IDs of this route are numbers).',
	'105': 'A field was sent that the server does not accept for this operation (an older server may not know it yet).',
	'107': 'Check the filter values in "Filters": a value is not one the field takes, or several were given to an operator that compares with one.',
	'112': 'A related record named in "Include Related Records" is not a relationship of this route.',
	'114': 'The server cannot sort this route by that field.',
	'116': 'A related record was given with the wrong type.',
	'118': 'Page size must be between 1 and 1000.',
};

export const yetiProfile: VendorProfile = {
	vendor: 'Yeti-Switch',
	credentialType: 'yetiSwitchApi',
	describeError(_status, rawBody): VendorError | undefined {
		const body = parseBody(rawBody) as { errors?: JsonApiError[] } | undefined;
		const errors = Array.isArray(body?.errors) ? body.errors : [];
		if (!errors.length) return undefined;
		const details: IDataObject = {};
		const codes = errors.map((e) => e.code).filter(Boolean);
		if (codes.length) details.code = codes.length === 1 ? codes[0] : codes;
		const fields = errors.map((e) => e.source?.pointer?.split('/').pop()).filter(Boolean);
		if (fields.length) details.fields = fields as string[];
		const code = errors[0].code;
		return { message: errors.map(describeJsonApiError).join('; '), description: code ? CODE_HINTS[code] : undefined, details };
	},
	hints: {
		unauthorized:
			'Yeti-Switch refused the login token even after logging in again: check username and password in the Yeti-Switch credentials, and that this user may use the admin API.',
		forbidden: 'The user is logged in but not allowed to do this (or n8n\'s IP address is not allowed). Check the user\'s permissions in Yeti-Switch.',
	},
};

export interface YetiRequest {
	method: IHttpRequestMethods;
	/** Below /api/rest/admin, already encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	expect?: Expectation;
	itemIndex?: number;
	/** For 404 messages: "account 12". */
	what?: string;
	/** What a 404 means here, when it is more than an unknown ID (a call without recording). */
	notFound?: string;
	/** Secret values the request carries: masked in every error it raises (the request layer's SecretMask). */
	secrets?: readonly unknown[];
	/**
	 * Whether sending it twice is harmless. By default GET/PUT/DELETE are repeated after a timeout or a
	 * 5xx; pass false for a PUT that adds (balance correction), so an unsure attempt is reported
	 * ("may or may not have been carried out") instead of being applied twice.
	 */
	idempotent?: boolean;
}

interface ExecutionState {
	baseUrl: Promise<string>;
	settings: RequestSettings;
}

// Per execution (the same context object serves every item): credentials and settings read once.
const states = new WeakMap<object, ExecutionState>();

function stateOf(context: IExecuteFunctions | ILoadOptionsFunctions): ExecutionState {
	let state = states.get(context);
	if (!state) {
		state = {
			baseUrl: context.getCredentials('yetiSwitchApi').then((credentials) => joinUrl(String(credentials.baseUrl ?? ''), ADMIN_PATH)),
			settings: readRequestSettings(context),
		};
		states.set(context, state);
	}
	return state;
}

/** A login failure raised by the credential's preAuthentication, wherever n8n wrapped it. */
function loginFailure(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const message = (current as { message?: string }).message;
		if (typeof message === 'string' && message.includes('Yeti-Switch login failed')) return message.slice(message.indexOf('Yeti-Switch login failed'));
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Sends one request to the admin API and returns the parsed body. */
export async function yetiRequest<T = IDataObject>(context: IExecuteFunctions | ILoadOptionsFunctions, request: YetiRequest): Promise<T> {
	return (await yetiResponse<T>(context, request)).body;
}

/** Sends one request to the admin API and returns the whole answer (downloads read its headers). */
export async function yetiResponse<T = IDataObject>(context: IExecuteFunctions | ILoadOptionsFunctions, request: YetiRequest): Promise<ApiResponse<T>> {
	const state = stateOf(context);
	const baseUrl = await state.baseUrl;
	const write = request.body !== undefined;
	try {
		return (await apiRequest.call(
			context,
			yetiProfile,
			{
				method: request.method,
				url: `${baseUrl}/${request.path}`,
				qs: request.qs,
				body: request.body,
				headers: request.expect === 'binary' ? { Accept: '*/*' } : write ? JSONAPI_WRITE_HEADERS : JSONAPI_HEADERS,
				expect: request.expect ?? 'json',
				idempotent: request.idempotent,
				itemIndex: request.itemIndex,
				secrets: request.secrets,
			},
			state.settings,
		)) as ApiResponse<T>;
	} catch (error) {
		const login = loginFailure(error);
		if (login) {
			throw apiError(context, login, {
				description: /IP address/i.test(login)
					? 'Yeti-Switch only accepts admin API logins from allowed IP addresses: ask the Yeti-Switch administrator to allow the address n8n connects from.'
					: 'Check the username and password in the Yeti-Switch credentials.',
				httpCode: 401,
				itemIndex: request.itemIndex,
			});
		}
		if (error instanceof NodeApiError && String(error.httpCode) === '404' && request.what) {
			error.message = `Yeti-Switch: ${request.what} not found (404)`;
			error.description = request.notFound ?? `Record not found. Check the ID${request.what.includes('external ID') ? ' (the account\'s External ID, not its ID)' : ''}.`;
		}
		// apiRequest raises NodeApiError only; anything else is a bug worth seeing as it is.
		const known = error instanceof NodeApiError || error instanceof NodeOperationError;
		throw known ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex: request.itemIndex });
	}
}

/** Relationship ids go out as numbers when they are numbers, as the server's own example does (`"id": 4`). */
export function relationshipId(value: string | number): string | number {
	return typeof value === 'number' || /^\d{1,15}$/.test(value) ? Number(value) : value;
}

export function resourceDocument(type: string, attributes: IDataObject, relationships: Record<string, string | number | Array<string | number> | null>, relationshipTypes: Record<string, string>, id?: string): IDataObject {
	const data: IDataObject = { type };
	// data.id is the URL's id on update (the server refuses a mismatch).
	if (id !== undefined) data.id = id;
	if (Object.keys(attributes).length) data.attributes = attributes;
	const rels: IDataObject = {};
	for (const [name, value] of Object.entries(relationships)) {
		const relType = relationshipTypes[name];
		if (value === null) rels[name] = { data: null };
		else if (Array.isArray(value)) rels[name] = { data: value.map((v) => ({ type: relType, id: relationshipId(v) })) };
		else rels[name] = { data: { type: relType, id: relationshipId(value) } };
	}
	if (Object.keys(rels).length) data.relationships = rels;
	return { data };
}

interface ResourceObject {
	id: string;
	type: string;
	attributes?: IDataObject;
	relationships?: Record<string, { data?: { id: string; type: string } | Array<{ id: string; type: string }> | null }>;
	links?: IDataObject;
	meta?: IDataObject;
}

/**
 * Attribute names that hold a secret (a gateway's `auth-password`, an API access `password`, a RADIUS
 * `secret`, a `token`, the X-Yeti-Auth values a customers auth matches): their parameters are password
 * fields, so n8n masks them in the editor. Not `key` (a number-list entry's prefix) nor `private-notes` (admin-only notes).
 */
const SECRET_ATTRIBUTE = /(^|-)(password|passwd|secret|token|api-key|private-key)(-|$)|^x-yeti-auth$/;

// Answered once per attribute name: outputs of 100,000 records ask about the same few dozen names.
const secretAttributeNames = new Map<string, boolean>();

export function isSecretAttribute(key: string): boolean {
	let secret = secretAttributeNames.get(key);
	if (secret === undefined) {
		secret = SECRET_ATTRIBUTE.test(key);
		// Bounded: the names come from the server, and a hostile answer must not grow this forever.
		if (secretAttributeNames.size < 10_000) secretAttributeNames.set(key, secret);
	}
	return secret;
}

/** The secret values of a document's attributes (a gateway's auth-password, an API access password...). */
export function secretValues(attributes: IDataObject): unknown[] {
	return Object.entries(attributes)
		.filter(([key, value]) => isSecretAttribute(key) && value !== undefined && value !== null && value !== '')
		.flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
}

/** What outputs show instead of a stored secret (as the Ocamba node does). */
export const REDACTED = '__hidden__';

/**
 * Secrets the server echoes back (gateway SIP passwords, RADIUS secrets...) are hidden in outputs, in
 * place. Every attribute name is checked, not only the catalogue's, so a newer server cannot slip one
 * through. Except a customer token's `token`: the server makes it, and handing it over is the reason
 * for creating one.
 */
function hideSecrets(resource: ResourceObject): void {
	const attributes = resource.attributes;
	if (!attributes || resource.type === 'customer-tokens') return;
	for (const key in attributes) {
		if (!isSecretAttribute(key)) continue;
		const value = attributes[key];
		if (value !== '' && value !== null && value !== undefined) attributes[key] = REDACTED;
	}
}

/** The output key listing relationships whose ids the answer did not carry (see flatten). */
export const NOT_LOADED = 'relationships-not-loaded';

/**
 * One flat item per record: the attributes under the server's names, `id`, then each relationship's
 * id as `<relationship>-id` (has-many: `<relationship>-ids`) when the server sent it. The server sends
 * a relationship's ids only where its resource says so or when it is included (yeti-server-facts.md
 * §1.5): a relationship whose ids did not come is named under `relationships-not-loaded`, never
 * silently left out. Included records are attached, flattened, under the relationship's name — those
 * in `expand` (what the user asked to include), or all when `expand` is not given.
 */
export function flatten(resource: ResourceObject, included?: Map<string, ResourceObject>, expand?: ReadonlySet<string>): IDataObject {
	// The parsed attributes object becomes the item (no copy: Return All of 100,000 records keeps memory
	// close to the answers themselves); id is set on it, so it comes after the attributes.
	hideSecrets(resource);
	const item: IDataObject = resource.attributes ?? {};
	item.id = resource.id;
	let notLoaded: string[] | undefined;
	for (const [name, rel] of Object.entries(resource.relationships ?? {})) {
		if (!rel || !('data' in rel) || rel.data === undefined) {
			(notLoaded ??= []).push(name);
			continue;
		}
		const data = rel.data;
		const key = Array.isArray(data) ? `${name}-ids` : `${name}-id`;
		// Never overwrite an attribute of the same name.
		const target = key in item ? `relationship-${key}` : key;
		item[target] = Array.isArray(data) ? data.map((d) => d.id) : data ? data.id : null;
		if (included && data && (!expand || expand.has(name))) {
			const related = (Array.isArray(data) ? data : [data]).map((d) => included.get(`${d.type}:${d.id}`)).filter(Boolean) as ResourceObject[];
			// Copies: one included record may be attached to many items.
			const flatCopy = (r: ResourceObject) => flatten({ ...r, attributes: { ...(r.attributes ?? {}) } });
			if (related.length) item[name in item ? `included-${name}` : name] = Array.isArray(data) ? related.map(flatCopy) : flatCopy(related[0]);
		}
	}
	if (notLoaded) item[NOT_LOADED] = notLoaded;
	return item;
}

export function indexIncluded(document: { included?: ResourceObject[] }): Map<string, ResourceObject> | undefined {
	if (!Array.isArray(document.included) || !document.included.length) return undefined;
	return new Map(document.included.map((r) => [`${r.type}:${r.id}`, r]));
}

/**
 * Output of a single-record answer: flat, or the resource object as sent (Raw JSON:API; the included
 * records only when the user asked for some). `expand`: the relationships the user asked to include.
 */
export function outputRecord(document: IDataObject, raw: boolean, expand?: ReadonlySet<string>): IDataObject {
	const data = document?.data as ResourceObject | undefined;
	if (!data || typeof data !== 'object') {
		throw new Error('Yeti-Switch answered without a record (no "data" in the answer)');
	}
	const included = Array.isArray(document.included) && (!expand || expand.size) ? (document.included as unknown as ResourceObject[]) : undefined;
	if (raw) {
		hideSecrets(data);
		included?.forEach(hideSecrets);
		return included ? { data: data as unknown as IDataObject, included: included as unknown as IDataObject[] } : (data as unknown as IDataObject);
	}
	return flatten(data, indexIncluded(document as { included?: ResourceObject[] }), expand);
}

export interface ListOptions {
	returnAll: boolean;
	limit: number;
	qs: IDataObject;
	raw: boolean;
	itemIndex: number;
	paginated: boolean;
	/** The relationships the user asked to include (others may be included only for their ids). */
	expand?: ReadonlySet<string>;
	/**
	 * Continue On Fail: a page that fails after others arrived keeps their records, followed by one
	 * entry naming the failed page (error, failedPage, receivedBeforeFailure).
	 */
	keepPartial?: boolean;
}

/**
 * Whether a listing can go by id (keyset): the route filters `id` as a number (`filter[id_gt]`,
 * `filter[id_lt]`: ransack_filters) and sorts by it (sortable), the user's sort is none or by id, and
 * no filter of the user's is on id. Then each page asks for the records after the last id received,
 * so a record added or deleted during the listing neither comes twice nor pushes another out of it.
 * Descending where the route's order is newest first (CDRs: -time_start → -id).
 */
export function keysetOrder(route: YetiRoute, qs: IDataObject): 'asc' | 'desc' | undefined {
	if (!route.paginated || !route.sortable.includes('id') || !route.ransack.some(([field, type]) => field === 'id' && type === 'number')) return undefined;
	if (Object.keys(qs).some((key) => key.startsWith('filter[id_') || key === 'filter[id]')) return undefined;
	if (qs.sort === undefined) return route.defaultSort?.startsWith('-') ? 'desc' : 'asc';
	if (qs.sort === 'id') return 'asc';
	if (qs.sort === '-id') return 'desc';
	return undefined;
}

type ListDocument = { data?: ResourceObject[]; included?: ResourceObject[]; meta?: IDataObject };

/**
 * Get Many. Paged routes go through the shared engine (nodes/shared/pagination.ts): by id where
 * keysetOrder allows (pages of up to 1000 after the last id received; newest first as descending ids,
 * given to the engine as rising negative cursors), else by page number until meta.total-count, a short
 * page or the limit — and either way a record already output is never output again. With keepPartial,
 * a failed later page does not lose the pages before it.
 */
export async function listRecords(context: IExecuteFunctions, route: YetiRoute, options: ListOptions): Promise<IDataObject[]> {
	const path = route.path;
	const toItems = (document: ListDocument) => {
		const data = Array.isArray(document.data) ? document.data : [];
		if (options.raw) {
			data.forEach(hideSecrets);
			return data as unknown as IDataObject[];
		}
		const included = options.expand?.size ? indexIncluded(document) : undefined;
		return data.map((record) => flatten(record, included, options.expand));
	};
	const fetch = async (qs: IDataObject) => await yetiRequest<ListDocument>(context, { method: 'GET', path, qs, itemIndex: options.itemIndex });
	if (!route.paginated) {
		const items = toItems(await fetch(options.qs));
		return options.returnAll ? items : items.slice(0, Math.max(0, options.limit));
	}
	const order = keysetOrder(route, options.qs);
	const sign = order === 'desc' ? -1 : 1;
	// A PageFailure holds only text and numbers: a plain output item.
	return (await paginateKeepingPartial<IDataObject>({
		keepPartial: options.keepPartial === true,
		returnAll: options.returnAll,
		limit: options.limit,
		maxPageSize: MAX_PAGE_SIZE,
		key: (item) => item.id as string | undefined,
		keyset: order
			? {
					cursor: (item) => {
						const id = typeof item.id === 'string' && /^\d{1,15}$/.test(item.id) ? Number(item.id) : undefined;
						return id === undefined ? undefined : sign * id;
					},
				}
			: undefined,
		fetchPage: async (pageNumber, pageSize, after) => {
			const qs: IDataObject = { ...options.qs, 'page[number]': pageNumber, 'page[size]': pageSize };
			if (order) {
				qs.sort = order === 'desc' ? '-id' : 'id';
				if (after !== undefined) qs[order === 'desc' ? 'filter[id_lt]' : 'filter[id_gt]'] = String(sign * Number(after));
			}
			const document = await fetch(qs);
			// By id, meta.total-count counts the records after the cursor (the server counts with the filter).
			return { items: toItems(document), total: document.meta?.['total-count'] as number | undefined };
		},
	})) as IDataObject[];
}

export function recordPath(route: YetiRoute, id: string): string {
	return `${route.path}/${encodePathSegment(id)}`;
}

export function assertOperationAllowed(context: IExecuteFunctions, route: YetiRoute, op: YetiRoute['ops'][number], itemIndex: number) {
	if (!route.ops.includes(op)) {
		throw new NodeOperationError(context.getNode(), `The route "${route.path}" does not allow ${op}`, {
			itemIndex,
			description: `Yeti-Switch allows only: ${route.ops.join(', ')} on /${route.path}.`,
		});
	}
}
