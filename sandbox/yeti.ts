/**
 * The Yeti-Switch sandbox: the admin JSON:API of vendor-specs/yeti-switch.md for EVERY route of the
 * generated catalogue (nodes/YetiSwitch/catalogue.ts), in memory.
 *
 * - POST /api/rest/admin/auth (plain JSON) → 201 {"jwt"}: a real HS256 JWT {sub, aud:["admin"], exp}.
 *   A missing, bad, expired or revoked token on an admin route → 401 with an EMPTY body.
 * - Accept: application/json only → 406; writes without Content-Type exactly application/vnd.api+json → 415.
 * - index / show / create (201 + Location) / update (PATCH, data.id = URL id) / destroy (204) only
 *   where the catalogue allows them (others: 404, as Rails' router answers); fields that are not
 *   creatable / updatable → 400 code 105; validation → 422 with source.pointer; unknown → 404.
 * - Lists: page[number]/page[size] (default 50, max 1000, beyond → 400 code 118), meta.total-count,
 *   links; filters plain and ransack (unknown → 400 code 102, bad value → 107), sort (114), include (112).
 * - Extras: PUT accounts/{external-id}/balance, PUT accounts/{id}/balance-correction,
 *   GET invoices/{id}/pdf, GET cdrs/{id}/recording (binary); active calls list/show/drop.
 * Money comes back as strings ("10.0") like the seed's response.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { RANSACK_OPERATORS, YETI_ROUTES, type YetiFieldType, type YetiRoute } from '../nodes/YetiSwitch/catalogue';
import { Sandbox, parseJsonBody, type SandboxOptions } from './core';

export const YETI_ADMIN = '/api/rest/admin';
export const YETI_SANDBOX_USERNAME = 'admin';
export const YETI_SANDBOX_PASSWORD = 'yeti-sandbox-password';
/** Signs the sandbox's JWTs (exported so the suite's secret scan looks for it). */
export const YETI_JWT_SECRET = 'yeti-sandbox-jwt-signing-secret';
export const JSONAPI = 'application/vnd.api+json';

export interface YetiSandboxOptions extends SandboxOptions {
	username?: string;
	password?: string;
	/** Token lifetime in seconds (default 600); null = tokens never expire. */
	tokenLifetimeSeconds?: number | null;
}

export interface YetiRecord {
	id: string;
	attributes: Record<string, unknown>;
	/** has_one: id or null; has_many: ids. */
	relationships: Record<string, string | string[] | null>;
}

interface Table {
	rows: Map<string, YetiRecord>;
	nextId: number;
}

type Body = Record<string, unknown>;

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly errors: Array<Record<string, unknown>>,
	) {
		super(String(errors[0]?.detail ?? status));
	}
}

const error = (status: number, title: string, detail: string, code: string | number = status, pointer?: string) =>
	new HttpError(status, [{ title, detail, code: String(code), status: String(status), ...(pointer ? { source: { pointer } } : {}) }]);

/** Fields required on create, per route (the spec names accounts'; the others follow the server's models). */
const REQUIRED_ON_CREATE: Record<string, string[]> = {
	accounts: ['name', 'min-balance', 'max-balance', 'contractor'],
	contractors: ['name'],
	contacts: ['email', 'contractor'],
	'customers-auths': ['name', 'ip', 'customer', 'account', 'gateway', 'rateplan', 'routing-plan'],
	gateways: ['name', 'contractor'],
	'gateway-groups': ['name', 'vendor'],
	rateplans: ['name'],
	'routing-plans': ['name'],
	destinations: ['prefix', 'rate-group'],
	dialpeers: ['prefix', 'vendor', 'account', 'routing-group'],
	numberlists: ['name'],
	'numberlist-items': ['key', 'numberlist'],
	payments: ['account', 'amount'],
	transactions: ['account', 'amount'],
	invoices: ['account', 'start-date', 'end-date'],
};

/** Unique fields per route → 422 "has already been taken". */
const UNIQUE: Record<string, string[]> = {
	accounts: ['external-id'],
	contractors: ['external-id'],
	'customers-auths': ['external-id'],
};

/** Number attributes the server stores as decimals and renders as strings ("10.0"). */
const DECIMAL = /(balance|amount|price|fee|vat|profit|threshold|correction|spent|earned|rate$|rate-delta-max)/;

function formatDecimal(value: unknown): unknown {
	if (typeof value !== 'number') return value;
	return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

const OPERATOR_SUFFIXES = ['not_eq', 'not_in', 'cont_any', 'gteq', 'lteq', 'start', 'cont', 'end', 'eq', 'gt', 'lt', 'in'];

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

const FAKE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
/** A 44-byte WAV header followed by a little silence. */
const FAKE_WAV = (() => {
	const data = Buffer.alloc(800);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVEfmt ', 8);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(16000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36);
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
})();

export class YetiSandbox extends Sandbox {
	readonly tables = new Map<string, Table>();
	private readonly issued = new Set<string>();
	private readonly revoked = new Set<string>();
	username: string;
	password: string;
	tokenLifetimeSeconds: number | null;
	/** When true, logins fail with "Your IP address is not allowed." */
	ipNotAllowed = false;
	/** How many logins succeeded since the last reset. */
	logins = 0;

	constructor(options: YetiSandboxOptions = {}) {
		super('yeti', options);
		this.username = options.username ?? YETI_SANDBOX_USERNAME;
		this.password = options.password ?? YETI_SANDBOX_PASSWORD;
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds === undefined ? 600 : options.tokenLifetimeSeconds;
		for (const route of YETI_ROUTES) if (!route.path.includes('/')) this.tables.set(route.path, { rows: new Map(), nextId: 1 });
		this.registerRoutes();
		this.onReset(() => this.seed());
		this.seed();
	}

	// ---------------------------------------------------------------- auth

	/** Signs a token as the server would (tests use it to forge expired or foreign tokens). */
	signToken(payload: Record<string, unknown>, secret = YETI_JWT_SECRET): string {
		const head = base64url(JSON.stringify({ alg: 'HS256' }));
		const body = base64url(JSON.stringify(payload));
		const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
		return `${head}.${body}.${signature}`;
	}

	issueToken(): string {
		const payload: Record<string, unknown> = { sub: 1, aud: ['admin'] };
		if (this.tokenLifetimeSeconds !== null) payload.exp = Math.floor(Date.now() / 1000) + this.tokenLifetimeSeconds;
		// A nonce keeps two logins in the same second apart (the server's tokens differ by exp only).
		payload.jti = randomUUID();
		const token = this.signToken(payload);
		this.issued.add(token);
		return token;
	}

	/** Makes every token issued so far invalid, as if they had all expired. */
	expireAllTokens() {
		for (const token of this.issued) this.revoked.add(token);
	}

	private tokenIsValid(token: string): boolean {
		const parts = token.split('.');
		if (parts.length !== 3) return false;
		const expected = createHmac('sha256', YETI_JWT_SECRET).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
		if (this.revoked.has(token)) return false;
		try {
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { aud?: string[]; exp?: number };
			if (!Array.isArray(payload.aud) || !payload.aud.includes('admin')) return false;
			if (payload.exp !== undefined && payload.exp * 1000 <= Date.now()) return false;
			return true;
		} catch {
			return false;
		}
	}

	private tokenOf(request: FastifyRequest): string | undefined {
		const header = request.headers.authorization;
		if (typeof header === 'string' && header.trim()) return header.replace(/^Bearer\s+/i, '').trim();
		const query = request.query as Record<string, unknown> | undefined;
		return typeof query?.token === 'string' ? query.token : undefined;
	}

	private login(request: FastifyRequest, reply: FastifyReply) {
		let body: { auth?: { username?: unknown; password?: unknown } } | undefined;
		try {
			body = parseJsonBody(request.body) as typeof body;
		} catch {
			body = undefined;
		}
		const failed = (detail: string) =>
			reply
				.code(401)
				.header('content-type', 'application/json; charset=utf-8')
				.send(JSON.stringify({ errors: [{ title: 'Authentication failed', detail, code: '401', status: '401' }] }));
		if (this.ipNotAllowed) return failed('Your IP address is not allowed.');
		if (!body?.auth || body.auth.username !== this.username || body.auth.password !== this.password) {
			return failed('Incorrect login or password.');
		}
		this.logins += 1;
		return reply.code(201).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ jwt: this.issueToken() }));
	}

	// ---------------------------------------------------------------- data

	table(path: string): Table {
		const table = this.tables.get(path);
		if (!table) throw new Error(`No table ${path}`);
		return table;
	}

	insert(path: string, attributes: Record<string, unknown>, relationships: Record<string, string | string[] | null> = {}, id?: string): YetiRecord {
		const table = this.table(path);
		const route = routeOf(path);
		const full: Record<string, unknown> = {};
		for (const name of route.attributes) full[name] = attributes[name] ?? null;
		for (const [name, value] of Object.entries(attributes)) if (route.attributeTypes[name]) full[name] = value;
		const rels: Record<string, string | string[] | null> = {};
		for (const rel of route.relationships) rels[rel.name] = relationships[rel.name] ?? (rel.kind === 'many' ? [] : null);
		const record: YetiRecord = { id: id ?? String(table.nextId++), attributes: full, relationships: rels };
		if (id && Number(id) >= table.nextId) table.nextId = Number(id) + 1;
		table.rows.set(record.id, record);
		return record;
	}

	/** Loads N accounts cheaply (benchmarks and pagination tests); returns the first new id. */
	seedAccounts(count: number, contractorId = '4'): number {
		const table = this.table('accounts');
		const first = table.nextId;
		const names = routeOf('accounts').attributes;
		for (let i = 0; i < count; i++) {
			const id = String(table.nextId++);
			const attributes: Record<string, unknown> = {};
			for (const name of names) attributes[name] = null;
			Object.assign(attributes, {
				name: `Bulk account ${id}`,
				balance: (i % 200) - 50,
				'min-balance': 0,
				'max-balance': 1000,
				vat: 0,
				'send-balance-notifications-to': [],
				uuid: randomUUID(),
				'origination-capacity': 10,
				'termination-capacity': 10,
				'total-capacity': 20,
				timezone: 'UTC',
			});
			table.rows.set(id, { id, attributes, relationships: { contractor: contractorId, 'invoice-template': null } });
		}
		return first;
	}

	private seed() {
		// Tokens stay valid across a reset (like a server whose data was reloaded): n8n keeps its token.
		this.ipNotAllowed = false;
		this.logins = 0;
		for (const table of this.tables.values()) {
			table.rows.clear();
			table.nextId = 1;
		}
		const now = new Date('2026-01-15T10:00:00.000Z');
		const iso = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
		for (let i = 1; i <= 5; i++) {
			this.insert('contractors', {
				name: ['Acme Telecom', 'Blue Carrier', 'Cheap Routes', 'Demo Customer', 'Echo Vendor'][i - 1],
				enabled: true,
				vendor: i === 2 || i === 5,
				customer: i !== 2 && i !== 5,
				description: null,
				address: null,
				phones: null,
				'external-id': 1000 + i,
			});
		}
		this.insert('contacts', { email: 'billing@acme.example', notes: 'Billing' }, { contractor: '1' });
		this.insert('contacts', { email: 'noc@demo.example', notes: 'NOC' }, { contractor: '4' });
		const account = (name: string, balance: number, contractor: string, externalId: number | null) =>
			this.insert(
				'accounts',
				{
					name,
					balance,
					'min-balance': -100,
					'max-balance': 1000,
					vat: 0,
					'balance-low-threshold': 10,
					'balance-high-threshold': 900,
					'send-balance-notifications-to': [],
					'external-id': externalId,
					uuid: randomUUID(),
					'origination-capacity': 10,
					'termination-capacity': 10,
					'total-capacity': 20,
					timezone: 'UTC',
				},
				{ contractor },
			);
		account('Acme main', 250.5, '1', 5001);
		account('Demo prepaid', 3.2, '4', 5004);
		account('Demo postpaid', -20, '4', 5005);
		this.insert('rateplans', { name: 'Retail', 'profit-control-mode-id': 1 });
		this.insert('rateplans', { name: 'Wholesale', 'profit-control-mode-id': 2 });
		this.insert('rate-groups', { name: 'Default rates' }, { rateplans: ['1'] });
		this.insert('routing-plans', { name: 'Least cost', 'rate-delta-max': 0, 'use-lnp': false, 'max-rerouting-attempts': 10, 'sorting-id': 1 });
		this.insert('routing-plans', { name: 'Quality first', 'rate-delta-max': 0.5, 'use-lnp': false, 'max-rerouting-attempts': 5, 'sorting-id': 2 });
		this.insert('routing-groups', { name: 'Main group' }, { 'routing-plans': ['1'] });
		this.insert('gateway-groups', { name: 'Vendor group', 'balancing-mode-id': 1, 'max-rerouting-attempts': 3 }, { vendor: '2' });
		this.insert('gateways', { name: 'Acme SBC', host: '198.51.100.10', port: 5060, enabled: true, 'allow-origination': true, 'allow-termination': false }, { contractor: '1' });
		this.insert('gateways', { name: 'Blue termination', host: '203.0.113.20', port: 5060, enabled: true, 'allow-origination': false, 'allow-termination': true }, { contractor: '2', 'gateway-group': '1' });
		this.insert('destinations', { prefix: '33', enabled: true, 'initial-rate': 0.01, 'next-rate': 0.01, 'initial-interval': 1, 'next-interval': 1, 'connect-fee': 0 }, { 'rate-group': '1' });
		this.insert('destinations', { prefix: '44', enabled: true, 'initial-rate': 0.02, 'next-rate': 0.02, 'initial-interval': 60, 'next-interval': 60, 'connect-fee': 0 }, { 'rate-group': '1' });
		this.insert('dialpeers', { prefix: '33', enabled: true, 'initial-rate': 0.005, 'next-rate': 0.005, 'initial-interval': 1, 'next-interval': 1, 'connect-fee': 0 }, { gateway: '2', vendor: '2', account: '1', 'routing-group': '1' });
		this.insert('numberlists', { name: 'Blocked numbers', 'mode-id': 1, 'default-action-id': 1 });
		this.insert('numberlist-items', { key: '33100000000', 'action-id': 1 }, { numberlist: '1' });
		this.insert('payments', { amount: 100, notes: 'Initial top-up', 'created-at': iso(-600), status: 'completed', 'type-name': 'manual', 'balance-before-payment': 150.5 }, { account: '1' });
		this.insert('transactions', { amount: 1.5, description: 'DID rental', 'created-at': iso(-300), uuid: randomUUID() }, { account: '1' });
		this.insert('invoices', { reference: 'INV-0001', state: 'approved', 'invoice-type': 'manual', 'start-date': '2025-12-01T00:00:00.000Z', 'end-date': '2026-01-01T00:00:00.000Z', 'pdf-path': 'invoices/1.pdf', 'amount-spent': 42.5, 'amount-earned': 0 }, { account: '1' });
		this.insert('invoices', { reference: 'INV-0002', state: 'pending', 'invoice-type': 'auto', 'start-date': '2025-12-01T00:00:00.000Z', 'end-date': '2026-01-01T00:00:00.000Z', 'pdf-path': null, 'amount-spent': 0, 'amount-earned': 0 }, { account: '2' });
		for (let i = 1; i <= 3; i++) {
			this.insert(
				'cdrs',
				{ 'time-start': iso(-i * 10), duration: i * 30, success: i !== 3, 'customer-price': 0.05 * i, 'dst-prefix-in': `3310000000${i}`, 'src-prefix-in': '33900000000', 'audio-recorded': i === 1, metadata: null, uuid: randomUUID() },
				{ customer: '1', 'customer-acc': '1', vendor: '2', 'orig-gw': '1', 'term-gw': '2' },
			);
		}
		this.insert('active-calls', { duration: 42, 'dst-prefix-routing': '33123456789', 'src-prefix-routing': '33900000000', 'start-time': iso(-1), 'local-tag': 'a1b2c3' }, { customer: '1', 'customer-acc': '1', 'orig-gw': '1' }, '1*a1b2c3');
		this.insert('active-calls', { duration: 7, 'dst-prefix-routing': '44123456789', 'src-prefix-routing': '33900000001', 'start-time': iso(0), 'local-tag': 'd4e5f6' }, { customer: '4', 'customer-acc': '2', 'orig-gw': '1' }, '1*d4e5f6');
		this.table('active-calls').nextId = 1;
		for (const [i, name] of ['UTC', 'Europe/Kyiv', 'Europe/Paris', 'America/New_York'].entries()) this.insert('timezones', { name, 'utc-offset': ['+00:00', '+02:00', '+01:00', '-05:00'][i] });
		this.insert('pops', { name: 'Paris' });
		this.insert('nodes', { name: 'node-1', 'rpc-endpoint': '127.0.0.1:7080' }, { pop: '1' });
		this.insert('countries', { name: 'France', iso2: 'FR' });
		this.insert('countries', { name: 'United Kingdom', iso2: 'GB' });
		this.insert('currencies', { name: 'USD', rate: 1 });
		for (const name of ['UDP', 'TCP', 'TLS']) this.insert('transport-protocols', { name });
		this.insert('codec-groups', { name: 'Default codecs' });
		this.insert('disconnect-policies', { name: 'Default policy' });
	}

	// ---------------------------------------------------------------- HTTP

	private registerRoutes() {
		this.app.post(`${YETI_ADMIN}/auth`, (request, reply) => this.login(request, reply));
		// Expires every issued token (tests of token renewal from outside the process).
		this.app.post('/__sandbox/yeti/expire-tokens', async (_request, reply) => {
			this.expireAllTokens();
			return reply.code(204).send();
		});
		this.app.post('/__sandbox/yeti/ip-not-allowed', async (request, reply) => {
			const body = (parseJsonBody(request.body) ?? {}) as { enabled?: boolean };
			this.ipNotAllowed = body.enabled !== false;
			return reply.code(204).send();
		});
		this.app.post('/__sandbox/yeti/seed-accounts', async (request, reply) => {
			const body = (parseJsonBody(request.body) ?? {}) as { count?: number };
			return reply.code(200).send({ firstId: this.seedAccounts(Number(body.count ?? 0)) });
		});

		const handle = (work: (request: FastifyRequest, reply: FastifyReply) => unknown) => async (request: FastifyRequest, reply: FastifyReply) => {
			try {
				const token = this.tokenOf(request);
				// 401 with an empty body, as the server answers (the node must not try to parse it).
				if (!token || !this.tokenIsValid(token)) return reply.code(401).send('');
				const accept = String(request.headers.accept ?? '');
				if (accept && !accept.includes(JSONAPI) && !accept.includes('*/*')) {
					throw error(406, 'Not acceptable', `All requests must use the '${JSONAPI}' Accept without media type parameters. This request specified '${accept}'.`, 406);
				}
				if (['POST', 'PATCH', 'PUT'].includes(request.method) && request.headers['content-type'] !== JSONAPI) {
					throw error(415, 'Unsupported media type', `All requests that create or update must use the '${JSONAPI}' Content-Type. This request specified '${request.headers['content-type'] ?? ''}'.`, 415);
				}
				return await work(request, reply);
			} catch (caught) {
				if (caught instanceof HttpError) {
					return this.send(reply, caught.status, { errors: caught.errors });
				}
				throw caught;
			}
		};

		for (const route of YETI_ROUTES) {
			if (route.path.includes('/')) continue;
			const base = `${YETI_ADMIN}/${route.path}`;
			const notRouted = () => {
				throw error(404, 'Not found', `No route matches ${route.path} for this method`, 404);
			};
			this.app.route({
				method: ['GET', 'POST'],
				url: base,
				handler: handle((request, reply) => {
					if (request.method === 'GET') return route.ops.includes('index') ? this.index(route, request, reply) : notRouted();
					return route.ops.includes('create') ? this.create(route, request, reply) : notRouted();
				}),
			});
			this.app.route({
				method: ['GET', 'PATCH', 'PUT', 'DELETE'],
				url: `${base}/:id`,
				handler: handle((request, reply) => {
					const id = (request.params as { id: string }).id;
					if (request.method === 'GET') return route.ops.includes('show') ? this.show(route, id, request, reply) : notRouted();
					if (request.method === 'DELETE') return route.ops.includes('destroy') ? this.destroy(route, id, reply) : notRouted();
					return route.ops.includes('update') ? this.update(route, id, request, reply) : notRouted();
				}),
			});
		}
		this.app.put(`${YETI_ADMIN}/accounts/:id/balance`, handle((request, reply) => this.setBalance(request, reply)));
		this.app.put(`${YETI_ADMIN}/accounts/:id/balance-correction`, handle((request, reply) => this.correctBalance(request, reply)));
		this.app.get(`${YETI_ADMIN}/invoices/:id/pdf`, handle((request, reply) => {
			const invoice = this.find(routeOf('invoices'), (request.params as { id: string }).id);
			if (!invoice.attributes['pdf-path']) throw error(404, 'Record not found', 'The invoice has no PDF yet.', 404);
			return reply.code(200).header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="invoice-${invoice.id}.pdf"`).send(FAKE_PDF);
		}));
		this.app.get(`${YETI_ADMIN}/cdrs/:id/recording`, handle((request, reply) => {
			const cdr = this.find(routeOf('cdrs'), (request.params as { id: string }).id);
			if (!cdr.attributes['audio-recorded']) throw error(404, 'Record not found', 'The call has no recording.', 404);
			return reply.code(200).header('content-type', 'audio/wav').header('content-disposition', `attachment; filename="${cdr.id}.wav"`).send(FAKE_WAV);
		}));
	}

	private baseUrl(request: FastifyRequest) {
		return `${request.protocol}://${request.headers.host ?? request.hostname}${YETI_ADMIN}`;
	}

	private find(route: YetiRoute, id: string): YetiRecord {
		const record = this.table(route.path).rows.get(id);
		if (!record) throw error(404, 'Record not found', `The record identified by ${id} could not be found.`, 404);
		return record;
	}

	/** A resource object; to-many linkage (data) only for included relationships, as jsonapi-resources does. */
	serialize(route: YetiRoute, record: YetiRecord, baseUrl: string, include: string[] = []): Body {
		const self = `${baseUrl}/${route.path}/${encodeURIComponent(record.id)}`;
		const attributes: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(record.attributes)) {
			attributes[name] = route.attributeTypes[name] === 'number' && DECIMAL.test(name) ? formatDecimal(value) : value;
		}
		const relationships: Record<string, unknown> = {};
		for (const rel of route.relationships) {
			const links = { self: `${self}/relationships/${rel.name}`, related: `${self}/${rel.name}` };
			if (rel.kind === 'many') {
				const ids = (record.relationships[rel.name] as string[] | undefined) ?? [];
				relationships[rel.name] = include.includes(rel.name) ? { links, data: ids.map((id) => ({ type: rel.type, id })) } : { links };
			} else {
				const target = record.relationships[rel.name] as string | null;
				relationships[rel.name] = { links, data: target ? { type: rel.type, id: target } : null };
			}
		}
		return { id: record.id, type: route.type, links: { self }, attributes, relationships };
	}

	private document(route: YetiRoute, records: YetiRecord[], request: FastifyRequest, include: string[]) {
		const baseUrl = this.baseUrl(request);
		const data = records.map((record) => this.serialize(route, record, baseUrl, include));
		if (!include.length) return { data };
		const included: Body[] = [];
		const seen = new Set<string>();
		for (const record of records) {
			for (const name of include) {
				const rel = route.relationships.find((r) => r.name === name)!;
				const target = routeByType(rel.type);
				const ids = ([] as Array<string | null>).concat(record.relationships[name] ?? []);
				for (const id of ids) {
					const related = id && target && this.tables.get(target.path)?.rows.get(id);
					if (!related || seen.has(`${rel.type}:${id}`)) continue;
					seen.add(`${rel.type}:${id}`);
					included.push(this.serialize(target, related, baseUrl));
				}
			}
		}
		return { data, included };
	}

	private includes(route: YetiRoute, query: Record<string, unknown>): string[] {
		const raw = typeof query.include === 'string' ? query.include : '';
		const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
		for (const name of names) {
			if (!route.relationships.some((r) => r.name === name)) {
				throw error(400, 'Invalid field', `${name} is not a valid includable relationship of ${route.type}`, 112);
			}
		}
		return names;
	}

	private index(route: YetiRoute, request: FastifyRequest, reply: FastifyReply) {
		const query = request.query as Record<string, unknown>;
		let rows = [...this.table(route.path).rows.values()];
		const filters = Object.entries(query).filter(([key]) => key.startsWith('filter['));
		for (const [key, value] of filters) rows = this.applyFilter(route, key.slice(7, -1), String(value), rows);
		const sort = typeof query.sort === 'string' && query.sort ? query.sort : route.defaultSort;
		if (sort) rows = this.sort(route, sort, rows);
		const include = this.includes(route, query);
		const total = rows.length;
		const meta = { 'total-count': total };
		if (!route.paginated) return this.send(reply, 200, { ...this.document(route, rows, request, include), meta });
		const size = query['page[size]'] === undefined ? 50 : Number(query['page[size]']);
		const number = query['page[number]'] === undefined ? 1 : Number(query['page[number]']);
		if (!Number.isInteger(size) || size < 1 || size > 1000) {
			throw error(400, 'Invalid page value', `${query['page[size]']} is not a valid value for size page parameter (maximum 1000).`, 118);
		}
		if (!Number.isInteger(number) || number < 1) throw error(400, 'Invalid page value', `${query['page[number]']} is not a valid value for number page parameter.`, 118);
		const page = rows.slice((number - 1) * size, number * size);
		const lastPage = Math.max(1, Math.ceil(total / size));
		const link = (n: number) => `${this.baseUrl(request)}/${route.path}?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}`;
		const links: Record<string, string> = { first: link(1) };
		if (number > 1) links.prev = link(number - 1);
		if (number < lastPage) links.next = link(number + 1);
		links.last = link(lastPage);
		return this.send(reply, 200, { ...this.document(route, page, request, include), meta, links });
	}

	/** The value a filter field refers to: an attribute, a relationship id (`contractor_id`, `contractor.id`) or the id. */
	private fieldValue(route: YetiRoute, record: YetiRecord, field: string): unknown {
		if (field === 'id') return Number(record.id);
		const dashed = field.replace(/_/g, '-');
		if (dashed in record.attributes) return record.attributes[dashed];
		const relName = dashed.replace(/(\.id|-id)$/, '');
		if (relName in record.relationships) {
			const value = record.relationships[relName];
			return value === null ? null : Array.isArray(value) ? value.map(Number) : Number(value);
		}
		return undefined;
	}

	private applyFilter(route: YetiRoute, name: string, raw: string, rows: YetiRecord[]): YetiRecord[] {
		const ransack = this.ransackOf(route, name);
		if (ransack) return rows.filter((row) => matchRansack(this.fieldValue(route, row, ransack.field), ransack.op, ransack.type, raw, name));
		if (route.filters.includes(name)) {
			// Plain filters: any of the comma-separated values; relationship filters compare ids.
			const values = raw.split(',').map((v) => v.trim());
			return rows.filter((row) => {
				const value = this.fieldValue(route, row, name);
				return value !== undefined ? values.some((v) => String(value) === v) : true;
			});
		}
		throw error(400, 'Filter not allowed', `${name} is not allowed.`, 102);
	}

	private ransackOf(route: YetiRoute, name: string): { field: string; op: string; type: YetiFieldType } | undefined {
		for (const op of OPERATOR_SUFFIXES) {
			if (!name.endsWith(`_${op}`)) continue;
			const field = name.slice(0, -(op.length + 1));
			const entry = route.ransack.find(([f]) => f === field);
			if (entry && RANSACK_OPERATORS[entry[1]]?.includes(op)) return { field, op, type: entry[1] };
			// Filters the server declares by full name (active calls' customer_id_eq...).
			if (route.filters.includes(name)) return { field, op, type: 'string' };
		}
		return undefined;
	}

	private sort(route: YetiRoute, sort: string, rows: YetiRecord[]): YetiRecord[] {
		const keys = sort.split(',').map((s) => s.trim()).filter(Boolean).map((key) => ({ desc: key.startsWith('-'), field: key.replace(/^-/, '') }));
		for (const key of keys) {
			if (key.field !== 'id' && !route.attributes.includes(key.field)) {
				throw error(400, 'Invalid sort criteria', `${key.field} is not a valid sort criteria for ${route.type}`, 114);
			}
		}
		const value = (row: YetiRecord, field: string) => (field === 'id' ? Number(row.id) || row.id : row.attributes[field]);
		return rows.sort((a, b) => {
			for (const key of keys) {
				const x = value(a, key.field) as string | number | null;
				const y = value(b, key.field) as string | number | null;
				if (x === y) continue;
				if (x === null || x === undefined) return key.desc ? 1 : -1;
				if (y === null || y === undefined) return key.desc ? -1 : 1;
				const order = x < y ? -1 : 1;
				return key.desc ? -order : order;
			}
			return 0;
		});
	}

	private show(route: YetiRoute, id: string, request: FastifyRequest, reply: FastifyReply) {
		const record = this.find(route, id);
		const include = this.includes(route, request.query as Record<string, unknown>);
		const doc = this.document(route, [record], request, include);
		return this.send(reply, 200, { ...doc, data: doc.data[0] });
	}

	private readData(request: FastifyRequest, route: YetiRoute): { id?: unknown; attributes: Body; relationships: Body } {
		let body: { data?: { type?: unknown; id?: unknown; attributes?: unknown; relationships?: unknown } } | undefined;
		try {
			body = parseJsonBody(request.body) as typeof body;
		} catch {
			throw error(400, 'Bad Request', 'The request body is not valid JSON.', 400);
		}
		const data = body?.data;
		if (!data || typeof data !== 'object') throw error(400, 'Missing Parameter', 'The required parameter, data, is missing.', 106);
		if (data.type !== route.type) throw error(400, 'Invalid resource', `${String(data.type)} is not a valid resource.`, 101);
		const attributes = (data.attributes ?? {}) as Body;
		const relationships = (data.relationships ?? {}) as Body;
		if (typeof attributes !== 'object' || Array.isArray(attributes)) throw error(400, 'Bad Request', 'data.attributes must be an object.', 400);
		return { id: data.id, attributes, relationships };
	}

	/** Checks keys (400/105), values (422) and relationship targets (422); returns what to store. */
	private writable(route: YetiRoute, allowed: string[], attributes: Body, relationships: Body) {
		const values: Record<string, unknown> = {};
		const rels: Record<string, string | string[] | null> = {};
		const problems: Array<Record<string, unknown>> = [];
		const problem = (pointer: string, name: string, detail: string) =>
			problems.push({ title: detail, detail: `${name} - ${detail}`, code: '100', status: '422', source: { pointer } });
		for (const [name, value] of Object.entries(attributes)) {
			if (!allowed.includes(name) || !route.attributeTypes[name]) throw error(400, 'Param not allowed', `${name} is not allowed.`, 105);
			const type = route.attributeTypes[name];
			const pointer = `/data/attributes/${name}`;
			if (value === null) values[name] = null;
			else if (type === 'number') {
				const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
				if (!Number.isFinite(number)) problem(pointer, name, 'is not a number');
				else values[name] = number;
			} else if (type === 'boolean') {
				if (typeof value !== 'boolean') problem(pointer, name, 'must be true or false');
				else values[name] = value;
			} else if (type === 'array') {
				if (!Array.isArray(value)) problem(pointer, name, 'must be an array');
				else values[name] = value;
			} else if (type === 'json') values[name] = value;
			else if (typeof value === 'object') problem(pointer, name, 'is invalid');
			else values[name] = value;
		}
		for (const [name, value] of Object.entries(relationships)) {
			const rel = route.relationships.find((r) => r.name === name);
			if (!rel || !allowed.includes(name)) throw error(400, 'Param not allowed', `${name} is not allowed.`, 105);
			const data = (value as { data?: unknown })?.data;
			const pointer = `/data/relationships/${name}`;
			const ids: Array<{ type?: unknown; id?: unknown }> = Array.isArray(data) ? data : data ? [data as { type?: unknown; id?: unknown }] : [];
			for (const ref of ids) {
				if (ref.type !== rel.type) throw error(400, 'Invalid resource', `${String(ref.type)} is not a valid resource for ${name}.`, 101);
				const target = routeByType(rel.type);
				const table = target && this.tables.get(target.path);
				if (table && !table.rows.has(String(ref.id))) problem(pointer, name, 'must exist');
			}
			rels[name] = rel.kind === 'many' ? ids.map((ref) => String(ref.id)) : ids[0] ? String(ids[0].id) : null;
		}
		return { values, rels, problems };
	}

	private unique(route: YetiRoute, values: Record<string, unknown>, problems: Array<Record<string, unknown>>, exceptId?: string) {
		for (const field of UNIQUE[route.path] ?? []) {
			const value = values[field];
			if (value === undefined || value === null) continue;
			for (const row of this.table(route.path).rows.values()) {
				if (row.id !== exceptId && row.attributes[field] === value) {
					problems.push({ title: 'has already been taken', detail: `${field} - has already been taken`, code: '100', status: '422', source: { pointer: `/data/attributes/${field}` } });
					break;
				}
			}
		}
	}

	private create(route: YetiRoute, request: FastifyRequest, reply: FastifyReply) {
		const { attributes, relationships } = this.readData(request, route);
		const { values, rels, problems } = this.writable(route, route.creatable, attributes, relationships);
		for (const field of REQUIRED_ON_CREATE[route.path] ?? []) {
			const isRel = route.relationships.some((r) => r.name === field);
			const present = isRel ? rels[field] : values[field];
			if (present === undefined || present === null || present === '') {
				const pointer = isRel ? `/data/relationships/${field}` : `/data/attributes/${field}`;
				if (!problems.some((p) => (p.source as { pointer: string }).pointer === pointer)) {
					problems.push({ title: isRel ? 'must exist' : "can't be blank", detail: `${field} - ${isRel ? 'must exist' : "can't be blank"}`, code: '100', status: '422', source: { pointer } });
				}
			}
		}
		this.unique(route, values, problems);
		if (problems.length) throw new HttpError(422, problems);
		if (route.path === 'accounts') {
			values.balance = 0;
			values.uuid ??= randomUUID();
		}
		if (route.path === 'payments') {
			const account = this.table('accounts').rows.get(String(rels.account));
			if (account) {
				values['balance-before-payment'] = account.attributes.balance;
				account.attributes.balance = round(Number(account.attributes.balance ?? 0) + Number(values.amount));
			}
			values['created-at'] = new Date().toISOString();
			values.status = 'completed';
			values['type-name'] = 'manual';
		}
		if (route.attributes.includes('created-at')) values['created-at'] ??= new Date().toISOString();
		const record = this.insert(route.path, values, rels);
		const body = { data: this.serialize(route, record, this.baseUrl(request)) };
		reply.header('location', `${this.baseUrl(request)}/${route.path}/${record.id}`);
		return this.send(reply, 201, body);
	}

	private update(route: YetiRoute, id: string, request: FastifyRequest, reply: FastifyReply) {
		const record = this.find(route, id);
		const data = this.readData(request, route);
		this.checkKey(data.id, id);
		const { values, rels, problems } = this.writable(route, route.updatable, data.attributes, data.relationships);
		this.unique(route, values, problems, id);
		if (problems.length) throw new HttpError(422, problems);
		Object.assign(record.attributes, values);
		Object.assign(record.relationships, rels);
		return this.send(reply, 200, { data: this.serialize(route, record, this.baseUrl(request)) });
	}

	/** Updates carry data.id, equal to the key in the URL (jsonapi-resources refuses anything else). */
	private checkKey(given: unknown, id: string) {
		if (given === undefined || given === null) throw error(400, 'Key is missing', 'The resource object does not contain a key.', 109);
		if (String(given) !== id) throw error(400, 'Key is not included in URL', `The URL does not support the key ${String(given)}`, 108);
	}

	private destroy(route: YetiRoute, id: string, reply: FastifyReply) {
		this.find(route, id);
		this.table(route.path).rows.delete(id);
		return reply.code(204).send();
	}

	private setBalance(request: FastifyRequest, reply: FastifyReply) {
		const route = routeOf('accounts/:id/balance');
		const externalId = (request.params as { id: string }).id;
		const account = [...this.table('accounts').rows.values()].find((row) => String(row.attributes['external-id']) === externalId);
		if (!account) throw error(404, 'Record not found', `The record identified by ${externalId} could not be found.`, 404);
		const data = this.readData(request, route);
		this.checkKey(data.id, externalId);
		const { values, problems } = this.writable(route, route.updatable, data.attributes, data.relationships);
		if (values.balance === undefined && !problems.length) problems.push({ title: "can't be blank", detail: "balance - can't be blank", code: '100', status: '422', source: { pointer: '/data/attributes/balance' } });
		if (problems.length) throw new HttpError(422, problems);
		account.attributes.balance = values.balance;
		return this.send(reply, 200, { data: { id: externalId, type: route.type, attributes: { balance: formatDecimal(values.balance) } } });
	}

	private correctBalance(request: FastifyRequest, reply: FastifyReply) {
		const route = routeOf('accounts/:id/balance-correction');
		const id = (request.params as { id: string }).id;
		const account = this.find(routeOf('accounts'), id);
		const data = this.readData(request, route);
		this.checkKey(data.id, id);
		const { values, problems } = this.writable(route, route.updatable, data.attributes, data.relationships);
		if (values.correction === undefined && !problems.length) problems.push({ title: "can't be blank", detail: "correction - can't be blank", code: '100', status: '422', source: { pointer: '/data/attributes/correction' } });
		if (problems.length) throw new HttpError(422, problems);
		account.attributes.balance = round(Number(account.attributes.balance ?? 0) + Number(values.correction));
		return this.send(reply, 200, {
			// correction is write-only (the resource's fetchable fields exclude it).
			data: { id, type: route.type, attributes: { name: account.attributes.name, balance: formatDecimal(account.attributes.balance) } },
		});
	}

	private send(reply: FastifyReply, status: number, body: unknown) {
		// A Buffer, so fastify adds no "; charset=utf-8": the server sends the bare media type.
		return reply.code(status).header('content-type', JSONAPI).send(Buffer.from(JSON.stringify(body)));
	}
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function routeOf(path: string): YetiRoute {
	const route = YETI_ROUTES.find((r) => r.path === path);
	if (!route) throw new Error(`No route ${path}`);
	return route;
}

const BY_TYPE = new Map(YETI_ROUTES.filter((r) => !r.path.includes('/')).map((r) => [r.type, r]));
function routeByType(type: string): YetiRoute | undefined {
	return BY_TYPE.get(type);
}

function parseScalar(type: YetiFieldType, raw: string, filter: string): unknown {
	if (type === 'number' || type === 'foreign_key') {
		const number = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(number)) throw error(400, 'Invalid filter value', `${raw} is not a valid value for ${filter}.`, 107);
		return number;
	}
	if (type === 'boolean') {
		if (['true', '1', 't'].includes(raw)) return true;
		if (['false', '0', 'f'].includes(raw)) return false;
		throw error(400, 'Invalid filter value', `${raw} is not a valid value for ${filter}.`, 107);
	}
	if (type === 'datetime') {
		const time = Date.parse(raw);
		if (Number.isNaN(time)) throw error(400, 'Invalid filter value', `${raw} is not a valid value for ${filter}.`, 107);
		return time;
	}
	return raw;
}

function matchRansack(value: unknown, op: string, type: YetiFieldType, raw: string, filter: string): boolean {
	const list = ['in', 'not_in', 'cont_any'].includes(op);
	const wanted = list ? raw.split(',').map((v) => parseScalar(type, v.trim(), filter)) : [parseScalar(type, raw, filter)];
	let actual: unknown = value;
	if (actual !== null && actual !== undefined) {
		if (type === 'number' || type === 'foreign_key') actual = Number(actual);
		else if (type === 'datetime') actual = Date.parse(String(actual));
	}
	const w = wanted[0] as number | string | boolean;
	const text = actual === null || actual === undefined ? '' : String(actual).toLowerCase();
	switch (op) {
		case 'eq':
			return actual === w;
		case 'not_eq':
			return actual !== w;
		case 'gt':
			return actual !== null && actual !== undefined && (actual as number) > (w as number);
		case 'gteq':
			return actual !== null && actual !== undefined && (actual as number) >= (w as number);
		case 'lt':
			return actual !== null && actual !== undefined && (actual as number) < (w as number);
		case 'lteq':
			return actual !== null && actual !== undefined && (actual as number) <= (w as number);
		case 'in':
			return wanted.includes(actual);
		case 'not_in':
			return !wanted.includes(actual);
		case 'cont':
			return text.includes(String(w).toLowerCase());
		case 'cont_any':
			return wanted.some((v) => text.includes(String(v).toLowerCase()));
		case 'start':
			return text.startsWith(String(w).toLowerCase());
		case 'end':
			return text.endsWith(String(w).toLowerCase());
		default:
			return false;
	}
}

export function createYetiSandbox(options: YetiSandboxOptions = {}): YetiSandbox {
	return new YetiSandbox(options);
}
