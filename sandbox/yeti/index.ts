/**
 * The Yeti-Switch sandbox: the admin JSON:API of every route in the server's facts
 * (../shared/vendor-specs/yeti-admin-resources.json, read by ./facts.ts), in memory. It imitates the
 * server (yeti-web 1.15.38 on jsonapi-resources 0.9.12), never the node: no file here imports from nodes/.
 *
 * - POST /auth → 201 {"jwt"}; a bad token on an admin route → 401 with an empty body (./auth.ts).
 * - Accept other than the JSON:API type → 406; writes without exactly that Content-Type → 415.
 * - Lists: page[number]/page[size] where the route is paged (default 50, max 1000 → 118), the others
 *   return everything; meta.total-count; CSV-parsed filters (102/107), `sort` limited to `sortable`
 *   (114; `sortable_fails` → 500), include (112), fields (101/104) — ./query.ts.
 * - Resource objects: links.self built from the TYPE, relationship `data` only where the facts' linkage
 *   says so or the relationship is included, links only for routed relationships.
 * - Writes (./writes.ts): dasherized keys only (105), linkage type checks (116), validations (422 with
 *   pointers), requirements by server version (serverVersion: 1.15.38 by default, 1.14.71 = the seed's
 *   era), non-attributes → 500, NOT NULL columns → 500.
 * - Files (./files.ts): invoice PDF, CDR recording, CDR export download, with an empty 404 where the
 *   server answers `head 404`, and the three ways a server delivers files (nginx, none, S3).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Sandbox, parseJsonBody, type SandboxOptions } from '../core';
import { TokenIssuer, tokenOf, YETI_JWT_SECRET, YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME } from './auth';
import { atLeast, DEFAULT_SERVER_VERSION, underscore, yetiFacts, type RouteFacts, type YetiFacts } from './facts';
import { registerFileRoutes, type FileDelivery } from './files';
import { formatDecimal, HttpError, jsonApiError, JSONAPI, YETI_ADMIN, type Body } from './jsonapi';
import { applyFilters, parseCsvLine, parseSort, sortRows, type ValueOf } from './query';
import { seedAccounts, seedCdrs, seedYeti } from './seed';
import { YetiStore, type Table, type YetiRecord } from './store';
import { YetiWrites } from './writes';

export { JSONAPI, YETI_ADMIN, YETI_JWT_SECRET, YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME };
export { DEFAULT_SERVER_VERSION, SEED_SERVER_VERSION } from './facts';
export type { YetiRecord, Table };
export type { FileDelivery };

export interface YetiSandboxOptions extends SandboxOptions {
	username?: string;
	password?: string;
	/** Token lifetime in seconds (default 600); null = tokens never expire. */
	tokenLifetimeSeconds?: number | null;
	/** The Yeti-Switch version to behave as (default 1.15.38; 1.14.71 = before accounts needed a currency). */
	serverVersion?: string;
	/** How files reach the client: through nginx (default), from the app alone (empty body), from S3. */
	fileDelivery?: FileDelivery;
	/** YetiConfig.rec_format: mp3 (default) or wav. */
	recordingFormat?: 'mp3' | 'wav';
	/** Folder of the facts files (default: found beside the project). */
	factsDir?: string;
}

/** An include tree: relationship → what to include from its records. */
type IncludeTree = Map<string, IncludeTree>;

interface RenderContext {
	baseUrl: string;
	include: IncludeTree;
	/** Sparse fieldsets by type (wire keys). */
	fields: Map<string, Set<string>>;
	included: Map<string, Body>;
}

export class YetiSandbox extends Sandbox {
	readonly facts: YetiFacts;
	readonly store: YetiStore;
	readonly tokens: TokenIssuer;
	private readonly writes: YetiWrites;
	username: string;
	password: string;
	serverVersion: string;
	fileDelivery: FileDelivery;
	recordingFormat: 'mp3' | 'wav';
	/** When true, logins fail with "Your IP address is not allowed." */
	ipNotAllowed = false;
	/** How many logins succeeded since the last reset. */
	logins = 0;
	/**
	 * Called before a list request is answered (route path, page number asked): tests change the data
	 * between pages as a live server's would change (calls arriving, records deleted). Cleared by reset.
	 */
	beforeList?: (path: string, pageNumber: number) => void;

	constructor(options: YetiSandboxOptions = {}) {
		super('yeti', options);
		this.facts = yetiFacts(options.factsDir);
		this.store = new YetiStore(this.facts);
		this.writes = new YetiWrites(this);
		this.username = options.username ?? YETI_SANDBOX_USERNAME;
		this.password = options.password ?? YETI_SANDBOX_PASSWORD;
		this.tokens = new TokenIssuer(options.tokenLifetimeSeconds === undefined ? 600 : options.tokenLifetimeSeconds);
		this.serverVersion = options.serverVersion ?? DEFAULT_SERVER_VERSION;
		this.fileDelivery = options.fileDelivery ?? 'nginx';
		this.recordingFormat = options.recordingFormat ?? 'mp3';
		this.registerRoutes();
		this.onReset(() => this.seed(options));
		this.seed(options);
	}

	// ---------------------------------------------------------------- state

	get tables(): Map<string, Table> {
		return this.store.tables;
	}

	table(path: string): Table {
		return this.store.table(path);
	}

	route(path: string): RouteFacts {
		return this.store.route(path);
	}

	insert(path: string, attributes: Record<string, unknown>, relationships: Record<string, string | string[] | null> = {}, id?: string): YetiRecord {
		return this.store.insert(path, attributes, relationships, id);
	}

	/** Loads N accounts cheaply (benchmarks and pagination tests); returns the first new id. */
	seedAccounts(count: number, contractorId = '4'): number {
		return seedAccounts(this.store, count, contractorId);
	}

	/** Loads N CDRs after the last one (listing tests); returns the first new id. */
	seedCdrs(count: number): number {
		return seedCdrs(this.store, count);
	}

	/** Signs a token as the server would (tests forge expired or foreign tokens with it). */
	signToken(payload: Record<string, unknown>, secret = YETI_JWT_SECRET): string {
		return this.tokens.sign(payload, secret);
	}

	issueToken(): string {
		return this.tokens.issue();
	}

	expireAllTokens() {
		this.tokens.expireAll();
	}

	/** Whether an attribute exists at the server version played (accounts' currency since 1.14.72...). */
	hasAttribute(route: RouteFacts, key: string): boolean {
		const fact = route.attributes.get(key);
		return !!fact && atLeast(this.serverVersion, fact.since);
	}

	private seed(options: YetiSandboxOptions) {
		// Tokens stay valid across a reset (like a server whose data was reloaded): n8n keeps its token.
		this.ipNotAllowed = false;
		this.logins = 0;
		this.beforeList = undefined;
		this.serverVersion = options.serverVersion ?? DEFAULT_SERVER_VERSION;
		this.fileDelivery = options.fileDelivery ?? 'nginx';
		this.recordingFormat = options.recordingFormat ?? 'mp3';
		seedYeti(this.store);
	}

	// ---------------------------------------------------------------- HTTP

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
		return reply.code(201).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ jwt: this.tokens.issue() }));
	}

	/**
	 * An admin route's handler: the token first (401, empty body), then Accept (406) and, for JSON:API
	 * writes, Content-Type (415) — jr:lib/jsonapi/acts_as_resource_controller.rb. File routes check
	 * neither (custom actions).
	 */
	handle(work: (request: FastifyRequest, reply: FastifyReply) => unknown, options: { custom?: boolean } = {}) {
		return async (request: FastifyRequest, reply: FastifyReply) => {
			try {
				const token = tokenOf(request);
				if (!token || !this.tokens.isValid(token)) return reply.code(401).send('');
				if (!options.custom) {
					const accept = request.headers.accept;
					if (accept !== undefined && accept !== '' && accept !== JSONAPI && !accept.split(',').some((a) => a.trim() === '*/*' || a.trim() === JSONAPI)) {
						throw jsonApiError(this.facts.errors, '406', `All requests must use the '${JSONAPI}' Accept without media type parameters. This request specified '${accept}'.`);
					}
					if (['POST', 'PATCH', 'PUT'].includes(request.method) && request.headers['content-type'] !== JSONAPI) {
						throw jsonApiError(this.facts.errors, '415', `All requests that create or update must use the '${JSONAPI}' Content-Type. This request specified '${request.headers['content-type'] ?? ''}'.`);
					}
				}
				return await work(request, reply);
			} catch (caught) {
				if (caught instanceof HttpError) {
					if (caught.errors === null) return reply.code(caught.status).send('');
					return this.send(reply, caught.status, { errors: caught.errors });
				}
				throw caught;
			}
		};
	}

	private registerRoutes() {
		this.app.post(`${YETI_ADMIN}/auth`, (request, reply) => this.login(request, reply));
		const control = (path: string, act: (body: Record<string, unknown>) => unknown) =>
			this.app.post(`/__sandbox/yeti/${path}`, async (request, reply) => {
				const result = act((parseJsonBody(request.body) ?? {}) as Record<string, unknown>);
				return result === undefined ? reply.code(204).send() : reply.code(200).send(result);
			});
		// Out-of-process switches (the real-n8n suites, npm start).
		control('expire-tokens', () => this.expireAllTokens());
		control('ip-not-allowed', (body) => {
			this.ipNotAllowed = body.enabled !== false;
		});
		control('seed-accounts', (body) => ({ firstId: this.seedAccounts(Number(body.count ?? 0)) }));
		control('server', (body) => {
			if (typeof body.version === 'string') this.serverVersion = body.version;
			if (typeof body.fileDelivery === 'string') this.fileDelivery = body.fileDelivery as FileDelivery;
			if (body.recordingFormat === 'mp3' || body.recordingFormat === 'wav') this.recordingFormat = body.recordingFormat;
			return { version: this.serverVersion, fileDelivery: this.fileDelivery, recordingFormat: this.recordingFormat };
		});

		for (const route of this.facts.routes.values()) {
			if (route.path.includes('/')) continue;
			const base = `${YETI_ADMIN}/${route.path}`;
			// What Rails' router answers for an action the routes do not declare: its 404 page.
			const notRouted = (reply: FastifyReply) => reply.code(404).header('content-type', 'text/html; charset=utf-8').send("<html><body><h1>The page you were looking for doesn't exist.</h1></body></html>");
			this.app.route({
				method: ['GET', 'POST'],
				url: base,
				handler: async (request, reply) => {
					const op = request.method === 'GET' ? 'index' : 'create';
					if (!route.ops.has(op)) return notRouted(reply);
					return this.handle((req, rep) => (op === 'index' ? this.index(route, req, rep) : this.writes.create(route, req, rep)))(request, reply);
				},
			});
			this.app.route({
				method: ['GET', 'PATCH', 'PUT', 'DELETE'],
				url: `${base}/:id`,
				handler: async (request, reply) => {
					const op = request.method === 'GET' ? 'show' : request.method === 'DELETE' ? 'destroy' : 'update';
					if (!route.ops.has(op)) return notRouted(reply);
					const id = (request.params as { id: string }).id;
					return this.handle((req, rep) => {
						if (op === 'show') return this.show(route, id, req, rep);
						if (op === 'destroy') return this.writes.destroy(route, id, rep);
						return this.writes.update(route, id, req, rep);
					})(request, reply);
				},
			});
		}
		for (const method of ['PUT', 'PATCH'] as const) {
			this.app.route({ method, url: `${YETI_ADMIN}/accounts/:id/balance`, handler: this.handle((request, reply) => this.writes.setBalance(request, reply)) });
			this.app.route({ method, url: `${YETI_ADMIN}/accounts/:id/balance-correction`, handler: this.handle((request, reply) => this.writes.correctBalance(request, reply)) });
		}
		registerFileRoutes(this);
	}

	baseUrl(request: FastifyRequest) {
		return `${request.protocol}://${request.headers.host ?? request.hostname}${YETI_ADMIN}`;
	}

	/** An id from the URL: integers where the route's keys are (else 400 code 103, jr verify_key). */
	verifyKey(route: RouteFacts, id: string): string {
		if (route.integerIds && !/^\d+$/.test(id)) throw jsonApiError(this.facts.errors, '103', `${id} is not a valid value for id.`);
		return id;
	}

	find(route: RouteFacts, id: string): YetiRecord {
		const record = this.store.find(route.path, this.verifyKey(route, id));
		if (!record) throw jsonApiError(this.facts.errors, '404', `The record identified by ${id} could not be found.`);
		return record;
	}

	send(reply: FastifyReply, status: number, body: unknown) {
		// A Buffer, so fastify adds no "; charset=utf-8": the server sends the bare media type.
		return reply.code(status).header('content-type', JSONAPI).send(Buffer.from(JSON.stringify(body)));
	}

	// ---------------------------------------------------------------- reads

	/** A record's value for a filter or sort field (server names): attribute, id, relationship id, or a related record's attribute (country.name). */
	valueOf(route: RouteFacts): ValueOf {
		const byName = new Map([...route.attributes.values()].map((a) => [a.name, a.wire]));
		return (record, field) => {
			if (field === 'id') return route.integerIds ? Number(record.id) : record.id;
			const wire = byName.get(field);
			if (wire) return record.attributes[wire];
			const relationship = field.replace(/(\.id|_id)$/, '').replace(/_/g, '-');
			const rel = route.relationships.get(relationship);
			if (rel && (field.endsWith('_id') || field.endsWith('.id'))) {
				const value = record.relationships[rel.wire];
				return value === null ? null : Array.isArray(value) ? value.map(Number) : Number(value);
			}
			const [head, tail] = field.split('.');
			const dotted = tail ? route.relationships.get(head.replace(/_/g, '-')) : undefined;
			if (dotted && tail) {
				const target = this.facts.byType.get(dotted.type);
				const relatedId = record.relationships[dotted.wire];
				const related = target && typeof relatedId === 'string' ? this.store.find(target.path, relatedId) : undefined;
				const wireTail = target ? [...target.attributes.values()].find((a) => a.name === tail)?.wire : undefined;
				return related && wireTail ? related.attributes[wireTail] : null;
			}
			return undefined;
		};
	}

	/** `include`, CSV-parsed; every part must be a relationship in its dasherized name (112, jr check_include). */
	private includeTree(route: RouteFacts, raw: unknown): IncludeTree {
		const tree: IncludeTree = new Map();
		if (typeof raw !== 'string' || raw === '') return tree;
		let parts: Array<string | null>;
		try {
			parts = parseCsvLine(raw);
		} catch {
			throw jsonApiError(this.facts.errors, '112', `${raw} is not a valid relationship of ${route.type}`);
		}
		for (const part of parts) {
			if (!part) continue;
			let current = route;
			let level = tree;
			for (const name of part.split('.')) {
				const rel = current.relationships.get(name);
				if (!rel) throw jsonApiError(this.facts.errors, '112', `${name} is not a valid relationship of ${current.type}`);
				if (!level.has(name)) level.set(name, new Map());
				level = level.get(name)!;
				const next = this.facts.byType.get(rel.type);
				if (!next) break;
				current = next;
			}
		}
		return tree;
	}

	/** `fields[type]=a,b`: the type in its dasherized form (101), each field one of its own (104) — jr parse_fields. */
	private sparseFields(query: Record<string, unknown>): Map<string, Set<string>> {
		const fields = new Map<string, Set<string>>();
		for (const [key, value] of Object.entries(query)) {
			const match = /^fields\[(.+)\]$/.exec(key);
			if (!match) continue;
			const type = match[1];
			const target = this.facts.byType.get(type.replace(/_/g, '-'));
			if (!target || type.includes('_')) throw jsonApiError(this.facts.errors, '101', `${type} is not a valid resource.`);
			const names = typeof value === 'string' && value !== '' ? value.split(',') : [];
			if (!names.length) throw jsonApiError(this.facts.errors, '104', `nil is not a valid field for ${type}.`);
			for (const name of names) {
				if (name !== 'id' && !this.hasAttribute(target, name) && !target.relationships.has(name)) {
					throw jsonApiError(this.facts.errors, '104', `${name} is not a valid field for ${type}.`);
				}
			}
			fields.set(type, new Set(names));
		}
		return fields;
	}

	/** A resource object as jsonapi-resources 0.9.12 serializes it (jr:lib/jsonapi/resource_serializer.rb, link_builder.rb). */
	serialize(route: RouteFacts, record: YetiRecord, context: RenderContext, include: IncludeTree = context.include): Body {
		const self = `${context.baseUrl}/${route.type}/${encodeURIComponent(record.id)}`;
		const only = context.fields.get(route.type);
		const attributes: Body = {};
		for (const key of route.fetchable) {
			if (only && !only.has(key)) continue;
			const fact = route.attributes.get(key);
			if (!fact || !atLeast(this.serverVersion, fact.since)) continue;
			const value = record.attributes[key];
			attributes[key] = fact.type === 'decimal' ? formatDecimal(value) : value ?? null;
		}
		const relationships: Body = {};
		for (const rel of route.relationships.values()) {
			if (only && !only.has(rel.wire)) continue;
			const included = include.get(rel.wire);
			const object: Body = {};
			if (route.relationshipRoutes) object.links = { self: `${self}/relationships/${rel.wire}`, related: `${self}/${rel.wire}` };
			// Linkage only where the relationship is declared with always_include_linkage_data, or included (§1.5).
			if (rel.linkage || included) {
				const value = record.relationships[rel.wire];
				object.data = rel.kind === 'many' ? ((value as string[] | undefined) ?? []).map((id) => ({ type: rel.type, id })) : value ? { type: rel.type, id: value } : null;
			}
			if (included) this.addIncluded(rel.type, record.relationships[rel.wire], included, context);
			// Neither links nor data: the relationship is left out.
			if (Object.keys(object).length) relationships[rel.wire] = object;
		}
		const resource: Body = { id: record.id, type: route.type };
		if (route.selfLinks) resource.links = { self };
		resource.attributes = attributes;
		if (Object.keys(relationships).length) resource.relationships = relationships;
		return resource;
	}

	private addIncluded(type: string, ids: string | string[] | null | undefined, include: IncludeTree, context: RenderContext) {
		const target = this.facts.byType.get(type);
		if (!target || ids === null || ids === undefined) return;
		for (const id of Array.isArray(ids) ? ids : [ids]) {
			const key = `${type}:${id}`;
			if (context.included.has(key)) continue;
			const related = this.store.find(target.path, id);
			if (!related) continue;
			context.included.set(key, {});
			context.included.set(key, this.serialize(target, related, context, include));
		}
	}

	private document(route: RouteFacts, records: YetiRecord[], request: FastifyRequest, single: boolean): Body {
		const query = request.query as Record<string, unknown>;
		const context: RenderContext = { baseUrl: this.baseUrl(request), include: this.includeTree(route, query.include), fields: this.sparseFields(query), included: new Map() };
		const data = records.map((record) => this.serialize(route, record, context));
		const document: Body = { data: single ? data[0] : data };
		if (context.included.size) document.included = [...context.included.values()];
		return document;
	}

	/** Renders a created or updated record (writes honour include and fields too: jr setup_create_action). */
	renderRecord(route: RouteFacts, record: YetiRecord, request: FastifyRequest): Body {
		return this.document(route, [record], request, true);
	}

	private show(route: RouteFacts, id: string, request: FastifyRequest, reply: FastifyReply) {
		const record = this.find(route, id);
		return this.send(reply, 200, this.document(route, [record], request, true));
	}

	private index(route: RouteFacts, request: FastifyRequest, reply: FastifyReply) {
		const query = request.query as Record<string, unknown>;
		this.beforeList?.(route.path, Number(query['page[number]'] ?? 1));
		const all = [...this.table(route.path).rows.values()];
		// The order of jr setup_index_action: fields, include, filters, sort, pagination.
		this.sparseFields(query);
		this.includeTree(route, query.include);
		const filters = Object.entries(query)
			.filter(([key]) => key.startsWith('filter['))
			.map(([key, value]) => [key.slice(7, -1), Array.isArray(value) ? String(value[value.length - 1]) : String(value)] as [string, string]);
		const valueOf = this.valueOf(route);
		let rows = applyFilters(route, filters, all, valueOf, this.facts.errors);
		const sortText = typeof query.sort === 'string' && query.sort.trim() !== '' ? query.sort : undefined;
		const keys = sortText ? parseSort(route, sortText, this.facts.errors) : undefined;
		// Accepted by the parser, then ORDER BY a column that does not exist (or a json column): PG error → 500.
		if (keys?.some((key) => route.sortableFails.has(key.field))) {
			throw new HttpError(500, [{ title: 'Internal Server Error', detail: 'Internal Server Error', code: '500', status: '500' }]);
		}
		const order = keys ?? route.defaultSort;
		if (order) rows = sortRows(rows, order, valueOf);
		const total = route.count === 'zero' ? 0 : route.count === 'all' ? all.length : rows.length;
		const meta = { 'total-count': total };
		if (!route.paginated) return this.send(reply, 200, { ...this.document(route, rows, request, false), meta });
		const rubyInt = (value: unknown, fallback: number) => (value === undefined ? fallback : Number(/^\s*[-+]?\d+/.exec(String(value))?.[0] ?? 0));
		const size = rubyInt(query['page[size]'], 50);
		const number = rubyInt(query['page[number]'], 1);
		if (size > 1000) throw jsonApiError(this.facts.errors, '118', 'size exceeds maximum page size of 1000.');
		if (size < 1) throw jsonApiError(this.facts.errors, '118', `${String(query['page[size]'])} is not a valid value for size page parameter.`);
		if (number < 1) throw jsonApiError(this.facts.errors, '118', `${String(query['page[number]'])} is not a valid value for number page parameter.`);
		const page = rows.slice((number - 1) * size, number * size);
		const lastPage = Math.max(1, Math.ceil(total / size));
		// Pagination links are built from the type, like every link (wrong path for invoice-template).
		const link = (n: number) => `${this.baseUrl(request)}/${route.type}?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}`;
		const links: Record<string, string> = { first: link(1) };
		if (number > 1) links.prev = link(number - 1);
		if (number < lastPage) links.next = link(number + 1);
		links.last = link(lastPage);
		return this.send(reply, 200, { ...this.document(route, page, request, false), meta, links });
	}
}

export { underscore };

export function createYetiSandbox(options: YetiSandboxOptions = {}): YetiSandbox {
	return new YetiSandbox(options);
}
