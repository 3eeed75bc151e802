/**
 * What every vendor sandbox shares: a fastify server on loopback that records every request
 * (so tests assert exactly what a node sent), and fault switches (429, 5xx, slow answers,
 * dropped connections, malformed JSON) that tests and the real-n8n suite can flip, in process
 * or over HTTP at /__sandbox/*.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export interface RecordedRequest {
	method: string;
	/** Path and query string exactly as received. */
	url: string;
	path: string;
	/** Query parameters, decoded; repeated keys become arrays. */
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** The body parsed as JSON when it was JSON, else undefined. */
	body: unknown;
	at: number;
}

export interface Fault {
	/** Only requests with this method / whose path matches (string = exact path or prefix ending in *). */
	method?: string;
	path?: string;
	/** How many matching requests it affects (default 1); Infinity for all. */
	times?: number;
	/** Answer with this status (and body/headers) instead of the real handler. */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (the real answer unless status is set). */
	delayMs?: number;
	/**
	 * Carry the request out at once but hold its answer back this long: a request that took effect
	 * and whose answer was lost to the client's timeout, whatever the machine's speed.
	 */
	answerDelayMs?: number;
	/** Destroy the connection without answering. */
	drop?: boolean;
	/** Answer 200 with a truncated JSON body. */
	malformed?: boolean;
	/** Answer 200 with an HTML page, as a misconfigured proxy would. */
	html?: boolean;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	/** Log requests to stdout (CLI use); never logs header values. */
	verbose?: boolean;
}

const CONTROL_PREFIX = '/__sandbox';

function matches(fault: Fault, request: FastifyRequest): boolean {
	if (fault.method && fault.method.toUpperCase() !== request.method) return false;
	if (fault.path) {
		const path = request.url.split('?')[0];
		if (fault.path.endsWith('*')) return path.startsWith(fault.path.slice(0, -1));
		return path === fault.path;
	}
	return true;
}

export function parseQuery(url: string): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
	for (const [key, value] of new URLSearchParams(search)) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

export class Sandbox {
	readonly app: FastifyInstance;
	readonly requests: RecordedRequest[] = [];
	private faults: Array<Fault & { remaining: number }> = [];
	private resetHandlers: Array<() => void> = [];
	url = '';

	constructor(
		readonly name: string,
		private readonly options: SandboxOptions = {},
	) {
		this.app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
		// Vendors differ in the content types they accept (Yeti: application/vnd.api+json only), so
		// bodies reach handlers as raw text and each vendor decides what it accepts.
		this.app.removeAllContentTypeParsers();
		this.app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
		this.app.addHook('preHandler', async (request, reply) => {
			if (request.url.startsWith(CONTROL_PREFIX)) return;
			this.record(request);
			await this.applyFault(request, reply);
		});
		this.app.addHook('onSend', async (request, _reply, payload) => {
			const delay = this.heldAnswers.get(request);
			if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
			return payload;
		});
		this.registerControlRoutes();
	}

	private record(request: FastifyRequest) {
		const rawBody = typeof request.body === 'string' ? request.body : '';
		let body: unknown;
		if (rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = undefined;
			}
		}
		const entry: RecordedRequest = {
			method: request.method,
			url: request.url,
			path: request.url.split('?')[0],
			query: parseQuery(request.url),
			headers: { ...request.headers },
			rawBody,
			body,
			at: Date.now(),
		};
		this.requests.push(entry);
		if (this.options.verbose) console.log(`[${this.name}] ${request.method} ${request.url}`);
	}

	/** Requests whose answer is held back (Fault.answerDelayMs). */
	private readonly heldAnswers = new WeakMap<FastifyRequest, number>();

	private async applyFault(request: FastifyRequest, reply: FastifyReply) {
		const fault = this.faults.find((f) => f.remaining > 0 && matches(f, request));
		if (!fault) return;
		fault.remaining -= 1;
		if (fault.answerDelayMs) this.heldAnswers.set(request, fault.answerDelayMs);
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault.drop) {
			request.raw.socket.destroy();
			return reply.hijack();
		}
		if (fault.malformed) {
			return reply.code(200).header('content-type', 'application/json').send('{"data": [{"id": "1", "attr');
		}
		if (fault.html) {
			return reply
				.code(fault.status ?? 200)
				.header('content-type', 'text/html')
				.send('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
		}
		if (fault.status) {
			reply.code(fault.status);
			for (const [key, value] of Object.entries(fault.headers ?? {})) reply.header(key, value);
			if (fault.body === undefined) return reply.send('');
			if (typeof fault.body === 'string') return reply.send(fault.body);
			return reply.header('content-type', 'application/json').send(JSON.stringify(fault.body));
		}
	}

	private registerControlRoutes() {
		const parse = (body: unknown) => (typeof body === 'string' && body ? JSON.parse(body) : body ?? {});
		this.app.get(`${CONTROL_PREFIX}/requests`, async () => this.requests);
		this.app.delete(`${CONTROL_PREFIX}/requests`, async (_request, reply) => {
			this.clearRequests();
			return reply.code(204).send();
		});
		this.app.post(`${CONTROL_PREFIX}/faults`, async (request, reply) => {
			const body = parse(request.body) as Fault | Fault[];
			for (const fault of Array.isArray(body) ? body : [body]) this.injectFault(fault);
			return reply.code(204).send();
		});
		this.app.delete(`${CONTROL_PREFIX}/faults`, async (_request, reply) => {
			this.faults = [];
			return reply.code(204).send();
		});
		this.app.post(`${CONTROL_PREFIX}/reset`, async (_request, reply) => {
			this.reset();
			return reply.code(204).send();
		});
	}

	/** Queue a fault; the first matching request(s) get it instead of the normal answer. */
	injectFault(fault: Fault) {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clearFaults() {
		this.faults = [];
	}

	clearRequests() {
		this.requests.length = 0;
	}

	/** Requests a test cares about (the control routes are never recorded). */
	requestsTo(method: string, pathPrefix = ''): RecordedRequest[] {
		return this.requests.filter((r) => r.method === method.toUpperCase() && r.path.startsWith(pathPrefix));
	}

	/** Vendor sandboxes register how to forget their state. */
	onReset(handler: () => void) {
		this.resetHandlers.push(handler);
	}

	reset() {
		this.clearRequests();
		this.clearFaults();
		for (const handler of this.resetHandlers) handler();
	}

	async start(): Promise<string> {
		const host = this.options.host ?? '127.0.0.1';
		await this.app.listen({ port: this.options.port ?? 0, host });
		const address = this.app.server.address();
		const port = typeof address === 'object' && address ? address.port : this.options.port;
		this.url = `http://${host}:${port}`;
		return this.url;
	}

	async stop() {
		await this.app.close();
	}
}

/** Parses a raw JSON body; undefined when empty, throws SyntaxError when malformed. */
export function parseJsonBody(raw: unknown): unknown {
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	return JSON.parse(raw);
}

/** A simple in-memory table with string ids counting up from a start value. */
export class MemoryTable<T extends { id: string }> {
	private rows = new Map<string, T>();
	private nextId: number;

	constructor(private readonly firstId = 1) {
		this.nextId = firstId;
	}

	insert(row: Omit<T, 'id'> & { id?: string }): T {
		const id = row.id ?? String(this.nextId++);
		const stored = { ...row, id } as T;
		this.rows.set(id, stored);
		return stored;
	}

	get(id: string): T | undefined {
		return this.rows.get(id);
	}

	update(id: string, patch: Partial<T>): T | undefined {
		const row = this.rows.get(id);
		if (!row) return undefined;
		const updated = { ...row, ...patch, id };
		this.rows.set(id, updated);
		return updated;
	}

	delete(id: string): boolean {
		return this.rows.delete(id);
	}

	all(): T[] {
		return [...this.rows.values()];
	}

	clear() {
		this.rows.clear();
		this.nextId = this.firstId;
	}

	get size() {
		return this.rows.size;
	}
}
