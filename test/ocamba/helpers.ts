/** The Ocamba sandbox started in-process, and the node run through n8n-core against it. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { OCAMBA_SANDBOX_TOKEN, createOcambaSandbox, type OcambaRateLimits, type OcambaSandbox } from '../../sandbox/ocamba';
import { runNode } from '../harness/run-node';

export const TOKEN = OCAMBA_SANDBOX_TOKEN;

export interface OcambaTestContext {
	sandbox: OcambaSandbox;
	url: string;
	/** Every output item and error the tests saw, for the secret scan. */
	seen: unknown[];
	run(parameters: IDataObject, items?: IDataObject[], options?: { continueOnFail?: boolean; token?: string }): Promise<INodeExecutionData[]>;
	/** Runs and returns the error (fails the test when there was none). */
	fail(parameters: IDataObject, items?: IDataObject[]): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject; details?: IDataObject }>;
	/** A direct API call to the sandbox (arranging state), not recorded as the node's. */
	api(method: string, path: string, body?: unknown): Promise<{ status: number; body: IDataObject }>;
}

/** Limits high enough that only the rate-limit tests meet them; the node learns them from headers. */
export const RELAXED_LIMITS: Partial<OcambaRateLimits> = { perSecond: 1000, perMinute: 20000 };

export function useOcambaSandbox(limits: Partial<OcambaRateLimits> = RELAXED_LIMITS): OcambaTestContext {
	const context = { seen: [] as unknown[] } as OcambaTestContext;
	beforeAll(async () => {
		context.sandbox = createOcambaSandbox({ rateLimits: limits });
		context.url = await context.sandbox.start();
	});
	afterAll(async () => context.sandbox.stop());
	beforeEach(() => context.sandbox.reset());

	context.run = async (parameters, items, options = {}) => {
		try {
			const { items: output } = await runNode({
				nodeType: new Ocamba(),
				parameters: parameters as never,
				items,
				credentials: { ocambaApi: { apiToken: options.token ?? TOKEN, baseUrl: `${context.url}/` } },
				continueOnFail: options.continueOnFail,
			});
			context.seen.push(output);
			return output;
		} catch (error) {
			context.seen.push({ message: (error as Error).message, description: (error as { description?: string }).description, error });
			throw error;
		}
	};
	context.fail = async (parameters, items) => {
		const error = await context.run(parameters, items).then(
			() => undefined,
			(e) => e,
		);
		if (!error) throw new Error('expected the node to fail');
		return error;
	};
	context.api = async (method, path, body) => {
		const response = await fetch(`${context.url}${path}`, {
			method,
			headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
	return context;
}

/** Every string in a value (including an error's own properties) joined, for scanning. */
export function flatten(value: unknown): string {
	const parts: string[] = [];
	const seen = new Set<unknown>();
	const walk = (v: unknown) => {
		if (v === null || v === undefined) return;
		if (typeof v !== 'object') {
			parts.push(String(v));
			return;
		}
		if (seen.has(v)) return;
		seen.add(v);
		if (v instanceof Error) parts.push(v.message, String(v.stack ?? ''));
		for (const key of Object.getOwnPropertyNames(v)) {
			// An n8n error carries the node (its parameters are the workflow, not an output).
			if (key === 'node') continue;
			try {
				walk((v as Record<string, unknown>)[key]);
			} catch {
				// getters that throw are not data
			}
		}
	};
	walk(value);
	return parts.join('\n');
}

/** The requests the node sent, without the test's own arranging calls (cleared before the run). */
export function jsonHeaders(request: { headers: Record<string, unknown> }) {
	return { authorization: request.headers.authorization, 'content-type': request.headers['content-type'] };
}
