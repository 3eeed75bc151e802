/**
 * The baseline every figure is compared with: a bare HTTP client (Node's `http` with a keep-alive
 * agent, one socket per request in flight) sending the same requests, with the same headers and the
 * same concurrency, that the node sends. No retries, no pacing, no validation: the floor.
 */
import http from 'node:http';

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

export class RawClient {
	private readonly agent: http.Agent;

	/** `keepAlive: false` opens a connection per request, as n8n 2.40's request helper does (a new agent per request). */
	constructor(concurrency = 1, options: { keepAlive?: boolean } = {}) {
		this.agent = new http.Agent({ keepAlive: options.keepAlive ?? true, maxSockets: Math.max(1, concurrency) });
	}

	request(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
		return new Promise((resolve, reject) => {
			const target = new URL(url);
			const sendHeaders: Record<string, string | number> = { ...headers };
			if (body !== undefined) sendHeaders['content-length'] = Buffer.byteLength(body);
			const req = http.request(
				{ agent: this.agent, method, hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: sendHeaders },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			if (body !== undefined) req.write(body);
			req.end();
		});
	}

	/** Sends, and fails unless the status is the expected one; returns the parsed JSON (or undefined). */
	async json<T = unknown>(method: string, url: string, headers: Record<string, string>, body: unknown, expectStatus: number | number[]): Promise<T> {
		const response = await this.request(method, url, headers, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
		const wanted = Array.isArray(expectStatus) ? expectStatus : [expectStatus];
		if (!wanted.includes(response.status)) throw new Error(`raw ${method} ${url} answered ${response.status}: ${response.text.slice(0, 300)}`);
		return (response.text ? JSON.parse(response.text) : undefined) as T;
	}

	close() {
		this.agent.destroy();
	}
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; results in input order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), Math.max(1, count)) }, worker));
	return results;
}
