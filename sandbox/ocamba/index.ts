/**
 * The Ocamba sandbox: accounts (+ contacts), Hood providers, integrations and users, and the token
 * check, as ../shared/vendor-specs/ocamba.md, the seeds and docs.ocamba.com describe them. Bearer
 * tokens are checked exactly, lists page with `page=N,M`, filters follow `field=[op:]value`, and the
 * burst / steady rate limits are counted per ACCOUNT (tokens map to accounts) and announced in
 * X-RateLimit-* headers. Where the docs are silent, `modes.ts` lists the readings it can play.
 */
import type { FastifyReply } from 'fastify';

import { MemoryTable, Sandbox, parseJsonBody, type SandboxOptions } from '../core';
import { COMPANY_ID, registerAccountRoutes, type Account } from './accounts';
import { registerHoodRoutes, type HoodUser, type Integration, type SentSms } from './hood';
import { HttpError, errorBody, sendError, timestamp } from './http';
import { DEFAULT_OCAMBA_MODES, type OcambaModes } from './modes';
import { OCAMBA_PROVIDERS, type Provider } from './providers';
import { AccountUsage, DEFAULT_OCAMBA_RATE_LIMITS, countRequest, newRateCounter, type OcambaRateLimits, type RateCounter } from './rateLimits';

export { OCAMBA_PROVIDERS, type Provider, type ProviderSetting } from './providers';
export { DEFAULT_OCAMBA_MODES, MASKED_SECRET, type OcambaModes } from './modes';
export { DEFAULT_OCAMBA_RATE_LIMITS, countRequest, type OcambaRateLimits, type RateAnswer, type RateCounter } from './rateLimits';
export type { SentSms } from './hood';

export const OCAMBA_SANDBOX_TOKEN = 'ocamba-sandbox-token-7f3c9a1e5b';
/** The account the default token belongs to. */
export const OCAMBA_SANDBOX_ACCOUNT = 'company-1000001';

export interface OcambaSandboxOptions extends SandboxOptions {
	/** Accepted API tokens: a list (all of one account) or token → account. */
	tokens?: string[] | Record<string, string>;
	rateLimits?: Partial<OcambaRateLimits>;
}

/** A failing list request: the Nth request to `path` since the fault was set (`nth`), or the one asking for page N (`page`). */
export interface PageFault {
	path: string;
	page?: number;
	nth?: number;
	status: number;
	message: string;
}

export interface OcambaSandbox extends Sandbox {
	/** Change the rate limits (also POST /__sandbox/ocamba/rate-limits). Counters restart. */
	setRateLimits(limits: Partial<OcambaRateLimits>): OcambaRateLimits;
	readonly rateLimits: OcambaRateLimits;
	/** How many 429s were answered since the last reset. */
	readonly throttled: number;
	/** Requests each account's windows accepted, per clock second and minute (since the last reset). */
	readonly usage: AccountUsage;
	/** The accepted tokens: a list (all of the default account) or token → account. */
	setTokens(tokens: string[] | Record<string, string>): void;
	/** Play another reading where the docs are silent (also POST /__sandbox/ocamba/modes); reset restores the defaults. */
	setModes(modes: Partial<OcambaModes>): OcambaModes;
	readonly modes: OcambaModes;
	/** Make one list request fail once (tests of partial results). */
	failPage(fault: PageFault): void;
	/**
	 * Serve at most `size` items per page, silently, whatever page size was asked; undefined restores
	 * the default (a 400 above 1000). Shorthand for setModes({ pageSize: { max: size, over: 'cap' } }).
	 */
	setSilentPageCap(size: number | undefined): void;
	/** Adds `count` accounts ("Account 1"...) directly, for benchmarks and pagination tests. */
	seedAccounts(count: number, fields?: { status?: string; namePrefix?: string }): void;
	/** Adds `count` integrations (Twilio, or Mitto for every fifth) directly. */
	seedIntegrations(count: number): void;
	/** Serves one more provider (ones the docs do not list, for tests); reset removes it. */
	addProvider(provider: Omit<Provider, 'logo'>): void;
	/** Deletes a record directly, as another user would while a node is listing. */
	deleteDirectly(kind: 'account' | 'integration', id: string): boolean;
	/** Runs `hook` before each API request is answered (changes made "while" a node works); reset removes it. */
	beforeAnswer(hook: (request: { method: string; path: string; query: Record<string, unknown> }) => void): void;
	/** The SMS sent through Send SMS To User since the last reset. */
	readonly sentSms: SentSms[];
}

const DEFAULT_TOKENS = { [OCAMBA_SANDBOX_TOKEN]: OCAMBA_SANDBOX_ACCOUNT };

function tokenMap(tokens: string[] | Record<string, string>): Map<string, string> {
	return new Map(Array.isArray(tokens) ? tokens.map((token) => [token, OCAMBA_SANDBOX_ACCOUNT]) : Object.entries(tokens));
}

export function createOcambaSandbox(options: OcambaSandboxOptions = {}): OcambaSandbox {
	const sandbox = new Sandbox('ocamba', options) as OcambaSandbox;
	const app = sandbox.app;
	let tokens = tokenMap(options.tokens ?? DEFAULT_TOKENS);
	let limits: OcambaRateLimits = { ...DEFAULT_OCAMBA_RATE_LIMITS, ...(options.rateLimits ?? {}) };
	let modes: OcambaModes = { ...DEFAULT_OCAMBA_MODES };
	let throttled = 0;
	/** Per account: the fixed windows' start and count. */
	let counters = new Map<string, RateCounter>();
	const usage = new AccountUsage();
	let extraProviders: Provider[] = [];
	let pageFaults: Array<PageFault & { seen: number }> = [];
	let hooks: Array<Parameters<OcambaSandbox['beforeAnswer']>[0]> = [];
	const sentSms: SentSms[] = [];

	const accounts = new MemoryTable<Account>(1000001);
	const integrations = new MemoryTable<Integration>(1165);
	const users = new MemoryTable<HoodUser>(2000001);
	const seed = () => {
		accounts.clear();
		integrations.clear();
		users.clear();
		counters = new Map();
		usage.clear();
		throttled = 0;
		modes = { ...DEFAULT_OCAMBA_MODES };
		extraProviders = [];
		pageFaults = [];
		hooks = [];
		sentSms.length = 0;
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
		users.insert({ email: 'ada@example.com', mobile_phone_number: '+33612345678', tag_id: '1' });
		users.insert({ email: 'grace@example.com', mobile_phone_number: '', tag_id: '1' });
	};
	seed();
	sandbox.onReset(seed);

	Object.defineProperty(sandbox, 'rateLimits', { get: () => ({ ...limits }) });
	Object.defineProperty(sandbox, 'throttled', { get: () => throttled });
	Object.defineProperty(sandbox, 'usage', { get: () => usage });
	Object.defineProperty(sandbox, 'modes', { get: () => ({ ...modes }) });
	Object.defineProperty(sandbox, 'sentSms', { get: () => [...sentSms] });
	sandbox.setRateLimits = (changes) => {
		limits = { ...limits, ...changes };
		counters = new Map();
		return { ...limits };
	};
	sandbox.setTokens = (list) => {
		tokens = tokenMap(list);
	};
	sandbox.setModes = (changes) => {
		modes = { ...modes, ...changes };
		return { ...modes };
	};
	sandbox.failPage = (fault) => {
		pageFaults.push({ ...fault, seen: 0 });
	};
	sandbox.setSilentPageCap = (size) => {
		modes = { ...modes, pageSize: size === undefined ? DEFAULT_OCAMBA_MODES.pageSize : { max: size, over: 'cap' } };
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
	sandbox.addProvider = (provider) => {
		extraProviders.push({ ...provider, logo: `https://storage.ocamba.com/hood/providers/${provider.id}.svg` });
	};
	sandbox.deleteDirectly = (kind, id) => (kind === 'account' ? accounts : integrations).delete(id);
	sandbox.beforeAnswer = (hook) => {
		hooks.push(hook);
	};

	const send = (reply: FastifyReply, error: HttpError) => sendError(reply, error);

	app.addHook('preHandler', async (request, reply) => {
		if (reply.sent || request.method !== 'GET' || pageFaults.length === 0) return;
		const path = request.url.split('?')[0];
		const page = Number(String((request.query as Record<string, unknown>).page ?? '1').split(',')[0]);
		const index = pageFaults.findIndex((f) => {
			if (f.path !== path) return false;
			if (f.nth !== undefined) return ++f.seen === f.nth;
			return f.page === page;
		});
		if (index < 0) return;
		const [fault] = pageFaults.splice(index, 1);
		return send(reply, new HttpError(fault.status, fault.status >= 500 ? 'Internal server error.' : 'Bad request.', fault.message));
	});

	app.post('/__sandbox/ocamba/rate-limits', async (request) => sandbox.setRateLimits((parseJsonBody(request.body) ?? {}) as Partial<OcambaRateLimits>));
	app.get('/__sandbox/ocamba/rate-limits', async () => ({ ...limits, throttled }));
	app.post('/__sandbox/ocamba/modes', async (request) => sandbox.setModes((parseJsonBody(request.body) ?? {}) as Partial<OcambaModes>));
	app.get('/__sandbox/ocamba/modes', async () => ({ ...modes }));

	// Auth, then rate limits (per account), for every API route (the core's recording and faults run first).
	app.addHook('preHandler', async (request, reply) => {
		if (request.url.startsWith('/__sandbox')) return;
		if (reply.sent) return;
		const header = request.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
		const account = match ? tokens.get(match[1]) : undefined;
		if (!account) {
			return send(reply, new HttpError(401, 'Unauthorized.', header ? 'The access token is invalid or has expired.' : 'The access token is missing.'));
		}
		const counter = counters.get(account) ?? newRateCounter();
		counters.set(account, counter);
		const now = Date.now();
		const answer = countRequest(counter, limits, now);
		if (answer.status === 429) {
			throttled += 1;
			reply.header('Retry-After', limits.retryAfterUnknown ? '-1' : String(Math.max(1, Math.ceil(answer.waitMs / 1000))));
			return send(reply, new HttpError(429, 'Too many requests.', 'Rate limit exceeded. Slow down.'));
		}
		usage.count(account, now);
		for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
		for (const hook of hooks) hook({ method: request.method, path: request.url.split('?')[0], query: request.query as Record<string, unknown> });
	});

	app.setErrorHandler((error, _request, reply) => {
		if (error instanceof HttpError) return send(reply, error);
		const { statusCode: status, message } = error as { statusCode?: number; message?: string };
		if (status && status < 500) return send(reply, new HttpError(status, status === 404 ? 'Not found.' : 'Bad request.', message ?? 'Bad request.'));
		return reply.code(500).header('content-type', 'application/json').send(errorBody(500, 'Internal server error.'));
	});
	app.setNotFoundHandler((request, reply) => send(reply, new HttpError(404, 'Not found.', `No route ${request.method} ${request.url.split('?')[0]}.`)));

	app.post('/v2/ocamba/personal-api-keys/validate', async (_request, reply) => reply.code(204).send());

	const pageSize = () => modes.pageSize;
	registerAccountRoutes(app, { modes: () => modes, pageSize, accounts });
	registerHoodRoutes(app, { modes: () => modes, pageSize, providers: () => [...OCAMBA_PROVIDERS, ...extraProviders], integrations, users, sentSms });

	return sandbox;
}
