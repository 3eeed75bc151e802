/**
 * The Ocamba sandbox: accounts (+ contacts), Hood integrations, providers and the token check, as
 * ../shared/vendor-specs/ocamba.md and the seeds describe them. Bearer tokens are checked exactly,
 * lists page with `page=N,M`, filters follow `field=[op:]value`, and the burst / steady rate limits
 * are enforced per token and announced in X-RateLimit-* headers.
 *
 * Choices where the docs say nothing (also in docs/ocamba.md):
 * - An account is "in use" while it is the company's default account (`is_default: 1`, the seeded
 *   account 1000000); deleting it answers 409 with the error body.
 * - Integrations report `total` as a STRING (as some Ocamba lists do), accounts and contacts as a number.
 * - Telegram is provider "1006" (type sms) with settings bot_token (secret) and bot_username.
 * - The largest page is 1000 items; a larger one is a 400.
 * - X-RateLimit-* describe the window with the smallest share of its limit left (the 1 s burst or
 *   the 1 min steady window), Reset in seconds with millisecond precision (e.g. "0.412").
 * - Integration PATCH merges `settings` (JSON merge patch), dropping keys foreign to the provider.
 */
import { randomUUID } from 'crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { MemoryTable, Sandbox, parseJsonBody, type SandboxOptions } from './core';

export const OCAMBA_SANDBOX_TOKEN = 'ocamba-sandbox-token-7f3c9a1e5b';

export interface OcambaRateLimits {
	/** Requests per fixed 1 s window, per token (Ocamba: 10). */
	perSecond: number;
	/** Requests per fixed 1 min window, per token (Ocamba: 150). */
	perMinute: number;
	/** Enforce limits at all (headers are sent either way). */
	enabled: boolean;
	/** Send `Retry-After: -1` (the "parallel limit, no wait known" answer) instead of the seconds. */
	retryAfterUnknown: boolean;
}

export interface OcambaSandboxOptions extends SandboxOptions {
	/** Accepted API tokens (default: OCAMBA_SANDBOX_TOKEN). */
	tokens?: string[];
	rateLimits?: Partial<OcambaRateLimits>;
}

export interface OcambaSandbox extends Sandbox {
	/** Change the rate limits (also POST /__sandbox/ocamba/rate-limits). Counters restart. */
	setRateLimits(limits: Partial<OcambaRateLimits>): OcambaRateLimits;
	readonly rateLimits: OcambaRateLimits;
	/** How many 429s were answered since the last reset. */
	readonly throttled: number;
	setTokens(tokens: string[]): void;
	/** Make one page of a list fail once (tests of partial results): `page` is N of `page=N,M`. */
	failPage(fault: { path: string; page: number; status: number; message: string }): void;
	/**
	 * Serve at most `size` items per page, silently, whatever page size was asked (an API whose
	 * undocumented maximum is lower than the client assumed); undefined restores the 400 above 1000.
	 */
	setSilentPageCap(size: number | undefined): void;
	/** Adds `count` accounts ("Account 1"...) directly, for benchmarks and pagination tests. */
	seedAccounts(count: number, fields?: { status?: string; namePrefix?: string }): void;
	/** Adds `count` integrations (Twilio, or Mitto for every fifth) directly. */
	seedIntegrations(count: number): void;
}

export const DEFAULT_OCAMBA_RATE_LIMITS: OcambaRateLimits = { perSecond: 10, perMinute: 150, enabled: true, retryAfterUnknown: false };

const ACCOUNT_STATUSES = ['active', 'verification', 'rejected', 'paused', 'inactive', 'archived', 'hourly-limit', 'daily-limit', 'monthly-limit', 'lifetime-limit'];
const CONFIGURED_STATUSES = ['active', 'verification', 'rejected', 'paused', 'inactive', 'archived'];
const CONTACT_TYPES = ['phone', 'mobile', 'skype', 'sip', 'email', 'website'];
const INTEGRATION_STATUSES = ['active', 'inactive'];
const MAX_PAGE_SIZE = 1000;
const COMPANY_ID = '1000001';

interface ProviderSetting {
	title: string;
	name: string;
	type: 'text' | 'password' | 'email';
	required: boolean;
	deprecated: boolean;
}
interface Provider {
	id: string;
	type: 'sms' | 'email';
	name: string;
	logo: string;
	settings: ProviderSetting[];
}

const setting = (name: string, title: string, type: ProviderSetting['type'] = 'text', required = true): ProviderSetting => ({ title, name, type, required, deprecated: false });

export const OCAMBA_PROVIDERS: Provider[] = [
	{ id: '1000', type: 'sms', name: 'Twilio', settings: [setting('account_sid', 'Account SID'), setting('auth_token', 'Auth Token', 'password'), setting('default_phone_number', 'Default Phone Number')] },
	{
		id: '1001',
		type: 'email',
		name: 'Custom SMTP',
		settings: [
			setting('default_sender_email', 'Default Sender Email', 'email'),
			setting('default_sender_name', 'Default Sender Name'),
			setting('sending_domain', 'Sending Domain'),
			setting('port', 'Port'),
			setting('username', 'Username'),
			setting('password', 'Password', 'password'),
		],
	},
	{
		id: '1002',
		type: 'email',
		name: 'Mandrill',
		settings: [setting('api_key', 'API Key', 'password'), setting('default_sender_name', 'Default Sender Name'), setting('default_sender_email', 'Default Sender Email', 'email'), setting('default_reply_to_email', 'Default Reply-To Email', 'email', false)],
	},
	{
		id: '1003',
		type: 'email',
		name: 'SendGrid',
		settings: [setting('api_key', 'API Key', 'password'), setting('default_sender_name', 'Default Sender Name'), setting('default_sender_email', 'Default Sender Email', 'email'), setting('default_reply_to_email', 'Default Reply-To Email', 'email', false)],
	},
	{ id: '1004', type: 'sms', name: 'Mitto', settings: [setting('api_key', 'API Key', 'password'), setting('sender_name', 'Sender Name')] },
	{ id: '1005', type: 'email', name: 'Mailgun', settings: [setting('api_key', 'API Key', 'password'), setting('domain', 'Domain'), setting('sender_email', 'Sender Email', 'email'), setting('sender_name', 'Sender Name')] },
	{ id: '1006', type: 'sms', name: 'Telegram', settings: [setting('bot_token', 'Bot Token', 'password'), setting('bot_username', 'Bot Username')] },
].map((p) => ({ ...p, logo: `https://storage.ocamba.com/hood/providers/${p.id}.svg` })) as Provider[];

interface Contact {
	id: string;
	type: string;
	value: string;
}
interface Account {
	id: string;
	company_id: string;
	creator_id: string;
	status: string;
	configured_status: string;
	name: string;
	image: string;
	contacts: Contact[];
	feeds: { postbacks: string };
	is_default: number;
	create_time: string;
	update_time: string;
}
interface Integration {
	id: string;
	company_id: string;
	name: string;
	type: string;
	provider_id: string;
	settings: Record<string, string>;
	status: string;
	is_default: boolean;
	create_time: string;
	update_time: string;
}

class HttpError extends Error {
	constructor(
		readonly code: number,
		readonly title: string,
		message: string,
	) {
		super(message);
	}
}
const badRequest = (message: string) => new HttpError(400, 'Bad request.', message);
const notFound = (what: string) => new HttpError(404, 'Not found.', `${what} not found.`);

function errorBody(code: number, title: string, message?: string) {
	return { code, title, ...(message === undefined ? {} : { message }), trace_id: randomUUID() };
}

function timestamp(date = new Date()): string {
	return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** Rows as Ocamba shows them: the id first. */
function idFirst<T extends { id: string }>(row: T): T {
	return Object.assign({ id: row.id }, row);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readObject(request: FastifyRequest): Record<string, unknown> {
	const type = String(request.headers['content-type'] ?? '');
	if (!type.startsWith('application/json')) throw badRequest('The request body must be JSON (Content-Type: application/json).');
	let body: unknown;
	try {
		body = parseJsonBody(request.body);
	} catch {
		throw badRequest('The request body is not valid JSON.');
	}
	if (!isObject(body)) throw badRequest('The request body is not valid: expected a JSON object.');
	return body;
}

function onlyKeys(body: Record<string, unknown>, allowed: string[], where = '') {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw badRequest(`The request body is not valid: unknown field "${where}${key}".`);
	}
}

function nonEmptyString(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw badRequest(`The request body is not valid: "${field}" must be a non-empty string.`);
	return value;
}

function readContact(value: unknown, field: string): Omit<Contact, 'id'> {
	if (!isObject(value)) throw badRequest(`The request body is not valid: "${field}" must be an object with type and value.`);
	onlyKeys(value, ['type', 'value', 'id'], `${field}.`);
	if (!CONTACT_TYPES.includes(value.type as string)) throw badRequest(`The request body is not valid: "${field}.type" must be one of ${CONTACT_TYPES.join(', ')}.`);
	return { type: value.type as string, value: nonEmptyString(value.value, `${field}.value`) };
}

/** The account fields of a create (all) or update (partial) body. */
function readAccountFields(body: Record<string, unknown>, partial: boolean): Partial<Account> {
	onlyKeys(body, ['name', 'status', 'contacts', 'feeds']);
	const fields: Partial<Account> = {};
	if (body.name !== undefined || !partial) fields.name = nonEmptyString(body.name, 'name');
	if (body.status !== undefined) {
		if (!ACCOUNT_STATUSES.includes(body.status as string)) throw badRequest(`The request body is not valid: "status" must be one of ${ACCOUNT_STATUSES.join(', ')}.`);
		fields.status = body.status as string;
	}
	if (body.contacts !== undefined) {
		if (!Array.isArray(body.contacts)) throw badRequest('The request body is not valid: "contacts" must be a list.');
		fields.contacts = body.contacts.map((c, i) => ({ id: randomUUID(), ...readContact(c, `contacts[${i}]`) }));
	}
	if (body.feeds !== undefined) {
		if (!isObject(body.feeds)) throw badRequest('The request body is not valid: "feeds" must be an object.');
		onlyKeys(body.feeds, ['postbacks'], 'feeds.');
		if (typeof body.feeds.postbacks !== 'string') throw badRequest('The request body is not valid: "feeds.postbacks" must be a string.');
		fields.feeds = { postbacks: body.feeds.postbacks };
	}
	if (partial && Object.keys(fields).length === 0) throw badRequest('The request body is not valid: nothing to update.');
	return fields;
}

function providerById(id: unknown): Provider {
	if (typeof id !== 'string') throw badRequest('The request body is not valid: "provider_id" must be a string such as "1000".');
	const provider = OCAMBA_PROVIDERS.find((p) => p.id === id);
	if (!provider) throw badRequest(`The request body is not valid: unknown provider_id "${id}".`);
	return provider;
}

/** Keeps the provider's own settings (foreign keys are dropped, as Ocamba does), all strings. */
function readSettings(provider: Provider, value: unknown, requireAll: boolean): Record<string, string> {
	if (!isObject(value)) throw badRequest('The request body is not valid: "settings" must be an object.');
	const settings: Record<string, string> = {};
	for (const field of provider.settings) {
		const given = value[field.name];
		if (given === undefined) {
			if (requireAll && field.required) throw badRequest(`The request body is not valid: "settings.${field.name}" is required for ${provider.name}.`);
			continue;
		}
		if (typeof given !== 'string') throw badRequest(`The request body is not valid: "settings.${field.name}" must be a string.`);
		if (field.required && given.trim() === '') throw badRequest(`The request body is not valid: "settings.${field.name}" must not be empty.`);
		settings[field.name] = given;
	}
	return settings;
}

/** Validation beyond presence, as POST /v1/hood/integrations/validate checks against the provider. */
function checkSettingsWithProvider(provider: Provider, settings: Record<string, string>) {
	if (provider.id === '1001' && !/^\d{1,5}$/.test(settings.port ?? '')) throw badRequest('Invalid settings: "port" must be a port number such as "587".');
	if (provider.id === '1000' && !/^AC/.test(settings.account_sid ?? '')) throw badRequest('Invalid settings: "account_sid" must start with "AC".');
}

// ----- lists: page, sort, q, filters -----

const RESERVED_QUERY = new Set(['page', 'sort', 'q', 'q_fields', 'fields', 'view']);
const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'is', 'isn', 'r', 'rf', 'rl', 'rr'];

function compareValues(a: unknown, b: unknown): number {
	const na = Number(a);
	const nb = Number(b);
	if (a !== '' && b !== '' && a !== null && b !== null && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	return String(a ?? '').localeCompare(String(b ?? ''));
}

function filterRows<T extends object>(rows: T[], query: Record<string, unknown>): T[] {
	let result = rows;
	for (const [field, raw] of Object.entries(query)) {
		if (RESERVED_QUERY.has(field)) continue;
		if (Array.isArray(raw)) throw badRequest(`Invalid filter "${field}": given more than once.`);
		const text = String(raw);
		const match = /^([a-z]+):(.*)$/s.exec(text);
		const [op, value] = match && OPERATORS.includes(match[1]) ? [match[1], match[2]] : ['eq', text];
		if (rows.length && !rows.some((row) => field in row)) throw badRequest(`Invalid filter: unknown field "${field}".`);
		const list = value.split(',');
		if (['r', 'rf', 'rl', 'rr'].includes(op) && list.length !== 2) throw badRequest(`Invalid filter "${field}": the ${op} operator needs two values "from,to".`);
		result = result.filter((row) => {
			const actual = (row as Record<string, unknown>)[field];
			switch (op) {
				case 'eq':
					return String(actual) === value;
				case 'neq':
					return String(actual) !== value;
				case 'gt':
					return compareValues(actual, value) > 0;
				case 'gte':
					return compareValues(actual, value) >= 0;
				case 'lt':
					return compareValues(actual, value) < 0;
				case 'lte':
					return compareValues(actual, value) <= 0;
				case 'in':
					return list.includes(String(actual));
				case 'nin':
					return !list.includes(String(actual));
				case 'is':
					return value === 'null' ? actual === null || actual === undefined || actual === '' : String(actual) === value;
				case 'isn':
					return value === 'null' ? !(actual === null || actual === undefined || actual === '') : String(actual) !== value;
				// Ranges (inferred): r includes both ends, rf only the first, rl only the last, rr neither.
				case 'r':
					return compareValues(actual, list[0]) >= 0 && compareValues(actual, list[1]) <= 0;
				case 'rf':
					return compareValues(actual, list[0]) >= 0 && compareValues(actual, list[1]) < 0;
				case 'rl':
					return compareValues(actual, list[0]) > 0 && compareValues(actual, list[1]) <= 0;
				default:
					return compareValues(actual, list[0]) > 0 && compareValues(actual, list[1]) < 0;
			}
		});
	}
	return result;
}

function listResponse<T extends object>(rows: T[], query: Record<string, unknown>, options: { searchFields: string[]; totalAsString: boolean; silentPageCap?: number }) {
	let result = filterRows(rows, query);
	if (query.q !== undefined && String(query.q) !== '') {
		const term = String(query.q).toLowerCase();
		const fields = query.q_fields ? String(query.q_fields).split(',') : options.searchFields;
		result = result.filter((row) => fields.some((f) => String((row as Record<string, unknown>)[f] ?? '').toLowerCase().includes(term)));
	}
	const sort = query.sort ? String(query.sort).split(',') : ['id'];
	const keys = sort.map((s) => (s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s, desc: false }));
	for (const key of keys) {
		if (rows.length && !rows.some((row) => key.field in row)) throw badRequest(`Invalid sort: unknown field "${key.field}".`);
	}
	result = [...result].sort((a, b) => {
		for (const key of keys) {
			const c = compareValues((a as Record<string, unknown>)[key.field], (b as Record<string, unknown>)[key.field]);
			if (c !== 0) return key.desc ? -c : c;
		}
		return 0;
	});
	let page = 1;
	let size = 20;
	if (query.page !== undefined) {
		const match = /^(\d+),(\d+)$/.exec(String(query.page));
		if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw badRequest('Invalid "page": expected page=N,M with N ≥ 1 and M ≥ 1.');
		page = Number(match[1]);
		size = Number(match[2]);
		if (options.silentPageCap !== undefined) size = Math.min(size, options.silentPageCap);
		else if (size > MAX_PAGE_SIZE) throw badRequest(`Invalid "page": the page size must be at most ${MAX_PAGE_SIZE}.`);
	}
	const items = result.slice((page - 1) * size, page * size).map((row) => project(row, query));
	return { total: options.totalAsString ? String(result.length) : result.length, items };
}

function project<T extends object>(row: T, query: Record<string, unknown>): Partial<T> {
	if (!query.fields) return row;
	const wanted = String(query.fields).split(',');
	return Object.fromEntries(Object.entries(row).filter(([key]) => wanted.includes(key))) as Partial<T>;
}

// ----- rate limits -----

/** One token's fixed, clock-aligned windows: which second / minute they are in and the count so far. */
export interface RateCounter {
	second: number;
	secondCount: number;
	minute: number;
	minuteCount: number;
}

export type RateAnswer = { status: 429; waitMs: number } | { status: 200; headers: Record<string, string> };

/**
 * Counts one request at `now` against the token's windows: a 429 (and how long until the window that
 * is full resets) or the X-RateLimit-* headers of the answer. Pure, so the client's limiter can be
 * tested against the same server model on a fake clock.
 */
export function countRequest(counter: RateCounter, limits: OcambaRateLimits, now: number): RateAnswer {
	const second = Math.floor(now / 1000);
	const minute = Math.floor(now / 60000);
	if (counter.second !== second) Object.assign(counter, { second, secondCount: 0 });
	if (counter.minute !== minute) Object.assign(counter, { minute, minuteCount: 0 });
	const secondReset = (second + 1) * 1000 - now;
	const minuteReset = (minute + 1) * 60000 - now;
	if (limits.enabled && (counter.secondCount >= limits.perSecond || counter.minuteCount >= limits.perMinute)) {
		return { status: 429, waitMs: counter.minuteCount >= limits.perMinute ? minuteReset : secondReset };
	}
	counter.secondCount += 1;
	counter.minuteCount += 1;
	// Announce the window with the smallest share left, so clients learn both windows over time.
	const secondLeft = Math.max(0, limits.perSecond - counter.secondCount);
	const minuteLeft = Math.max(0, limits.perMinute - counter.minuteCount);
	const useMinute = minuteLeft / limits.perMinute < secondLeft / limits.perSecond;
	return {
		status: 200,
		headers: {
			'X-RateLimit-Limit': String(useMinute ? limits.perMinute : limits.perSecond),
			'X-RateLimit-Remaining': String(useMinute ? minuteLeft : secondLeft),
			'X-RateLimit-Reset': String(Math.max(1, useMinute ? minuteReset : secondReset) / 1000),
		},
	};
}

// ----- the server -----

export function createOcambaSandbox(options: OcambaSandboxOptions = {}): OcambaSandbox {
	const sandbox = new Sandbox('ocamba', options) as OcambaSandbox;
	const app = sandbox.app;
	let tokens = new Set(options.tokens ?? [OCAMBA_SANDBOX_TOKEN]);
	let limits: OcambaRateLimits = { ...DEFAULT_OCAMBA_RATE_LIMITS, ...(options.rateLimits ?? {}) };
	let throttled = 0;
	/** Per token: the fixed windows' start and count. */
	let counters = new Map<string, RateCounter>();

	const accounts = new MemoryTable<Account>(1000001);
	const integrations = new MemoryTable<Integration>(1165);
	const seed = () => {
		accounts.clear();
		integrations.clear();
		counters = new Map();
		throttled = 0;
		accounts.insert({
			id: '1000000',
			company_id: COMPANY_ID,
			creator_id: COMPANY_ID,
			status: 'active',
			configured_status: 'active',
			name: 'Default account',
			image: '',
			contacts: [{ id: '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b', type: 'email', value: 'billing@example.com' }],
			feeds: { postbacks: '' },
			is_default: 1,
			create_time: '2021-10-29 12:47:00',
			update_time: '2021-10-30 14:27:26',
		});
	};
	seed();
	sandbox.onReset(seed);

	Object.defineProperty(sandbox, 'rateLimits', { get: () => ({ ...limits }) });
	Object.defineProperty(sandbox, 'throttled', { get: () => throttled });
	sandbox.setRateLimits = (changes) => {
		limits = { ...limits, ...changes };
		counters = new Map();
		return { ...limits };
	};
	sandbox.setTokens = (list) => {
		tokens = new Set(list);
	};
	let silentPageCap: number | undefined;
	let pageFaults: Array<{ path: string; page: number; status: number; message: string }> = [];
	sandbox.failPage = (fault) => {
		pageFaults.push(fault);
	};
	sandbox.onReset(() => {
		pageFaults = [];
		silentPageCap = undefined;
	});
	sandbox.setSilentPageCap = (size) => {
		silentPageCap = size;
	};
	sandbox.seedAccounts = (count, fields = {}) => {
		const statuses = ['active', 'paused', 'inactive'];
		for (let i = 1; i <= count; i++) {
			const status = fields.status ?? statuses[i % statuses.length];
			accounts.insert({
				company_id: COMPANY_ID,
				creator_id: COMPANY_ID,
				status,
				configured_status: status,
				name: `${fields.namePrefix ?? 'Account'} ${i}`,
				image: '',
				contacts: [],
				feeds: { postbacks: '' },
				is_default: 0,
				create_time: timestamp(),
				update_time: timestamp(),
			});
		}
	};
	sandbox.seedIntegrations = (count) => {
		for (let i = 1; i <= count; i++) {
			const mitto = i % 5 === 0;
			integrations.insert({
				company_id: '6197120',
				name: `${mitto ? 'Mitto' : 'Twilio'} ${i}`,
				type: 'sms',
				provider_id: mitto ? '1004' : '1000',
				settings: mitto ? { api_key: 'seeded-mitto-key', sender_name: 'Seeded' } : { account_sid: 'AC0', auth_token: 'seeded-twilio-token', default_phone_number: '+33600000000' },
				status: i % 7 === 0 ? 'inactive' : 'active',
				is_default: false,
				create_time: timestamp(),
				update_time: timestamp(),
			});
		}
	};
	app.addHook('preHandler', async (request, reply) => {
		if (reply.sent || request.method !== 'GET' || pageFaults.length === 0) return;
		const path = request.url.split('?')[0];
		const page = Number(String((request.query as Record<string, unknown>).page ?? '1').split(',')[0]);
		const index = pageFaults.findIndex((f) => f.path === path && f.page === page);
		if (index < 0) return;
		const [fault] = pageFaults.splice(index, 1);
		return send(reply, new HttpError(fault.status, fault.status >= 500 ? 'Internal server error.' : 'Bad request.', fault.message));
	});

	app.post('/__sandbox/ocamba/rate-limits', async (request) => {
		const body = (parseJsonBody(request.body) ?? {}) as Partial<OcambaRateLimits>;
		return sandbox.setRateLimits(body);
	});
	app.get('/__sandbox/ocamba/rate-limits', async () => ({ ...limits, throttled }));

	const send = (reply: FastifyReply, error: HttpError) => reply.code(error.code).header('content-type', 'application/json').send(errorBody(error.code, error.title, error.message));

	// Auth, then rate limits, for every API route (the core's recording and faults run first).
	app.addHook('preHandler', async (request, reply) => {
		if (request.url.startsWith('/__sandbox')) return;
		if (reply.sent) return;
		const header = request.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
		if (!match || !tokens.has(match[1])) {
			return send(reply, new HttpError(401, 'Unauthorized.', header ? 'The access token is invalid or has expired.' : 'The access token is missing.'));
		}
		const counter = counters.get(match[1]) ?? { second: 0, secondCount: 0, minute: 0, minuteCount: 0 };
		counters.set(match[1], counter);
		const answer = countRequest(counter, limits, Date.now());
		if (answer.status === 429) {
			throttled += 1;
			reply.header('Retry-After', limits.retryAfterUnknown ? '-1' : String(Math.max(1, Math.ceil(answer.waitMs / 1000))));
			return send(reply, new HttpError(429, 'Too many requests.', 'Rate limit exceeded. Slow down.'));
		}
		for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
	});

	app.setErrorHandler((error, _request, reply) => {
		if (error instanceof HttpError) return send(reply, error);
		const { statusCode: status, message } = error as { statusCode?: number; message?: string };
		if (status && status < 500) return send(reply, new HttpError(status, status === 404 ? 'Not found.' : 'Bad request.', message ?? 'Bad request.'));
		return reply.code(500).header('content-type', 'application/json').send(errorBody(500, 'Internal server error.'));
	});
	app.setNotFoundHandler((request, reply) => send(reply, new HttpError(404, 'Not found.', `No route ${request.method} ${request.url.split('?')[0]}.`)));

	type Params = { id: string; accountId: string; contactId: string };
	const account = (id: string) => {
		const found = accounts.get(id);
		if (!found) throw notFound(`Account ${id}`);
		return found;
	};
	const integration = (id: string) => {
		const found = integrations.get(id);
		if (!found) throw notFound(`Integration ${id}`);
		return found;
	};

	app.post('/v2/ocamba/personal-api-keys/validate', async (_request, reply) => reply.code(204).send());

	// Accounts
	app.post('/v2/ocamba/accounts', async (request, reply) => {
		const fields = readAccountFields(readObject(request), false);
		const status = fields.status ?? 'active';
		const created = accounts.insert({
			company_id: COMPANY_ID,
			creator_id: COMPANY_ID,
			status,
			configured_status: CONFIGURED_STATUSES.includes(status) ? status : 'active',
			name: fields.name!,
			image: '',
			contacts: fields.contacts ?? [],
			feeds: fields.feeds ?? { postbacks: '' },
			is_default: 0,
			create_time: timestamp(),
			update_time: timestamp(),
		});
		return reply.code(201).send(idFirst(created));
	});
	app.get('/v2/ocamba/accounts', async (request) => listResponse(accounts.all().map(idFirst), request.query as Record<string, unknown>, { searchFields: ['name'], totalAsString: false, silentPageCap }));
	app.get<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request) => project(idFirst(account(request.params.id)), request.query as Record<string, unknown>));
	app.patch<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request, reply) => {
		const found = account(request.params.id);
		const fields = readAccountFields(readObject(request), true);
		if (fields.status) fields.configured_status = CONFIGURED_STATUSES.includes(fields.status) ? fields.status : found.configured_status;
		accounts.update(found.id, { ...fields, update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request, reply) => {
		const found = account(request.params.id);
		if (found.is_default) throw new HttpError(409, 'Conflict.', `Account ${found.id} is in use (it is the default account) and cannot be deleted.`);
		accounts.delete(found.id);
		return reply.code(204).send();
	});

	// Account contacts
	const contactOf = (owner: Account, id: string) => {
		const found = owner.contacts.find((c) => c.id === id);
		if (!found) throw notFound(`Contact ${id}`);
		return found;
	};
	app.get<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts', async (request) =>
		listResponse(account(request.params.accountId).contacts, request.query as Record<string, unknown>, { searchFields: ['value'], totalAsString: false, silentPageCap }),
	);
	app.post<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts', async (request, reply) => {
		const owner = account(request.params.accountId);
		const body = readObject(request);
		onlyKeys(body, ['type', 'value']);
		const contact = { id: randomUUID(), ...readContact(body, 'contact') };
		accounts.update(owner.id, { contacts: [...owner.contacts, contact], update_time: timestamp() });
		return reply.code(201).send(contact);
	});
	app.get<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request) => contactOf(account(request.params.accountId), request.params.contactId));
	app.patch<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request, reply) => {
		const owner = account(request.params.accountId);
		const existing = contactOf(owner, request.params.contactId);
		const body = readObject(request);
		onlyKeys(body, ['type', 'value']);
		if (body.type === undefined && body.value === undefined) throw badRequest('The request body is not valid: nothing to update.');
		const updated = readContact({ type: body.type ?? existing.type, value: body.value ?? existing.value }, 'contact');
		accounts.update(owner.id, { contacts: owner.contacts.map((c) => (c.id === existing.id ? { ...c, ...updated } : c)), update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request, reply) => {
		const owner = account(request.params.accountId);
		const existing = contactOf(owner, request.params.contactId);
		accounts.update(owner.id, { contacts: owner.contacts.filter((c) => c.id !== existing.id), update_time: timestamp() });
		return reply.code(204).send();
	});

	// Hood integrations
	const withProvider = (row: Integration) => {
		const provider = OCAMBA_PROVIDERS.find((p) => p.id === row.provider_id)!;
		return { ...idFirst(row), provider: { id: provider.id, name: provider.name, type: provider.type, logo: provider.logo }, effective_status: row.status };
	};
	app.get('/v1/hood/providers', async () => OCAMBA_PROVIDERS);
	app.post('/v1/hood/integrations', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['name', 'provider_id', 'settings', 'status']);
		const name = nonEmptyString(body.name, 'name');
		const provider = providerById(body.provider_id);
		const settings = readSettings(provider, body.settings, true);
		if (body.status !== undefined && !INTEGRATION_STATUSES.includes(body.status as string)) throw badRequest('The request body is not valid: "status" must be active or inactive.');
		const created = integrations.insert({
			company_id: '6197120',
			name,
			type: provider.type,
			provider_id: provider.id,
			settings,
			status: (body.status as string) ?? 'active',
			is_default: false,
			create_time: timestamp(),
			update_time: timestamp(),
		});
		const { create_time: _c, update_time: _u, ...answer } = idFirst(created);
		return reply.code(201).send(answer);
	});
	app.get('/v1/hood/integrations', async (request) => {
		const query = request.query as Record<string, unknown>;
		if (query.type !== undefined && !['sms', 'email'].includes(String(query.type).replace(/^eq:/, ''))) throw badRequest('Invalid filter "type": expected sms or email.');
		return listResponse(integrations.all().map(idFirst), query, { searchFields: ['name'], totalAsString: true, silentPageCap });
	});
	app.get<{ Params: Params }>('/v1/hood/integrations/:id', async (request) => withProvider(integration(request.params.id)));
	app.patch<{ Params: Params }>('/v1/hood/integrations/:id', async (request, reply) => {
		const found = integration(request.params.id);
		const body = readObject(request);
		onlyKeys(body, ['name', 'settings', 'status']);
		if (Object.keys(body).length === 0) throw badRequest('The request body is not valid: nothing to update.');
		const patch: Partial<Integration> = {};
		if (body.name !== undefined) patch.name = nonEmptyString(body.name, 'name');
		if (body.status !== undefined) {
			if (!INTEGRATION_STATUSES.includes(body.status as string)) throw badRequest('The request body is not valid: "status" must be active or inactive.');
			patch.status = body.status as string;
		}
		if (body.settings !== undefined) {
			const provider = providerById(found.provider_id);
			patch.settings = { ...found.settings, ...readSettings(provider, body.settings, false) };
		}
		integrations.update(found.id, { ...patch, update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: Params }>('/v1/hood/integrations/:id', async (request, reply) => {
		integrations.delete(integration(request.params.id).id);
		return reply.code(204).send();
	});
	app.post('/v1/hood/integrations/validate', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['name', 'provider_id', 'settings', 'status']);
		const provider = providerById(body.provider_id);
		checkSettingsWithProvider(provider, readSettings(provider, body.settings, true));
		return reply.code(204).send();
	});
	app.post('/v1/hood/test-notification', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['integration', 'recipient']);
		if (!isObject(body.integration)) throw badRequest('The request body is not valid: "integration" must be an object.');
		onlyKeys(body.integration, ['id', 'name', 'provider_id', 'settings', 'status'], 'integration.');
		const provider = providerById(body.integration.provider_id);
		checkSettingsWithProvider(provider, readSettings(provider, body.integration.settings, true));
		const recipient = nonEmptyString(body.recipient, 'recipient');
		if (provider.type === 'email' && !recipient.includes('@')) throw badRequest('The request body is not valid: "recipient" must be an e-mail address for an e-mail provider.');
		if (provider.type === 'sms' && provider.id !== '1006' && !/^\+?\d{6,15}$/.test(recipient)) throw badRequest('The request body is not valid: "recipient" must be a phone number for an SMS provider.');
		return reply.code(204).send();
	});

	return sandbox;
}
