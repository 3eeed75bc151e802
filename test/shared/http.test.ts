/**
 * The shared request layer, run inside n8n-core's ExecuteContext against a real local server:
 * timeouts, 429 waits, retries only where harmless, clear errors for non-JSON answers, pairing and
 * Continue On Fail.
 */
import type { IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { apiRequest, type VendorProfile } from '../../nodes/shared/http';
import { readRequestSettings, requestOptionsProperty } from '../../nodes/shared/options';
import { runForEachItem } from '../../nodes/shared/execute';
import { Sandbox } from '../../sandbox/core';
import { runNode } from '../harness/run-node';
import { testNodeDescription } from '../harness/test-node';

const profile: VendorProfile = {
	vendor: 'Probe',
	credentialType: 'octopushApi',
	describeError: (_status, body) => {
		const b = body as { message?: string; code?: number } | undefined;
		return b?.message ? { message: b.message, details: { code: b.code } } : undefined;
	},
	hints: { unauthorized: 'Check the probe key.' },
};

/** A minimal node that sends one request per item with the item's method and path. */
class ProbeNode implements INodeType {
	description: INodeTypeDescription = testNodeDescription('probe', {
		credential: 'octopushApi',
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/ok' },
			requestOptionsProperty,
		],
	});

	async execute(this: IExecuteFunctions) {
		const settings = { ...readRequestSettings(this), retryDelayMs: 10 };
		const credentials = await this.getCredentials('octopushApi');
		return [
			await runForEachItem(this, async (itemIndex) => {
				const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
				const path = this.getNodeParameter('path', itemIndex) as string;
				const response = await apiRequest.call(this, profile, { method, url: `${credentials.baseUrl}${path}`, body: method === 'POST' ? { a: 1 } : undefined, itemIndex }, settings);
				return response.body as IDataObject;
			}),
		];
	}
}

const SECRET = 'probe-secret-key-123';
let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;

beforeAll(async () => {
	sandbox = new Sandbox('probe');
	let counter = 0;
	sandbox.app.all('/ok', async () => ({ ok: true, n: ++counter }));
	sandbox.app.all('/bad', async (_req, reply) => reply.code(400).send({ code: 7, message: 'The field x is wrong.' }));
	const url = await sandbox.start();
	credentials = { octopushApi: { apiLogin: 'me@example.com', apiKey: SECRET, baseUrl: `${url}/` .replace(/\/$/, '') } };
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const run = (parameters: Record<string, unknown>, items?: object[], continueOnFail = false) =>
	runNode({ nodeType: new ProbeNode(), parameters: parameters as never, items: items as never, credentials, continueOnFail });

test('sends the credential headers through n8n and pairs every output item', async () => {
	const { items } = await run({ path: '/ok' }, [{}, {}, {}]);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(sandbox.requests).toHaveLength(3);
	expect(sandbox.requests[0].headers['api-key']).toBe(SECRET);
	expect(sandbox.requests[0].headers['api-login']).toBe('me@example.com');
});

test('waits out a 429 with Retry-After and succeeds', async () => {
	sandbox.injectFault({ path: '/ok', status: 429, headers: { 'Retry-After': '1' }, body: { code: 429, message: 'Too many' } });
	const started = Date.now();
	const { items } = await run({ path: '/ok' });
	expect(items[0].json.ok).toBe(true);
	expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	expect(sandbox.requests).toHaveLength(2);
});

test('retries a GET after a 503 but never a POST', async () => {
	sandbox.injectFault({ path: '/ok', status: 503 });
	const { items } = await run({ path: '/ok' });
	expect(items[0].json.ok).toBe(true);
	expect(sandbox.requests).toHaveLength(2);

	sandbox.reset();
	sandbox.injectFault({ path: '/ok', status: 503 });
	await expect(run({ path: '/ok', method: 'POST' })).rejects.toThrow(/server error \(503\)/);
	expect(sandbox.requests).toHaveLength(1);
});

test('a POST that timed out is not repeated and the error says to check', async () => {
	sandbox.injectFault({ path: '/ok', delayMs: 1500 });
	const error = await run({ path: '/ok', method: 'POST', requestOptions: { timeout: 1 } }).catch((e) => e);
	expect(error.message).toMatch(/did not answer within 1 s/);
	expect(error.description).toMatch(/may or may not have been carried out/);
	await new Promise((r) => setTimeout(r, 600));
	expect(sandbox.requestsTo('POST', '/ok')).toHaveLength(1);
});

test('a non-JSON answer becomes a clear error with status and excerpt', async () => {
	sandbox.injectFault({ path: '/ok', html: true });
	const error = await run({ path: '/ok' }).catch((e) => e);
	expect(error.message).toMatch(/answered 200 with something that is not JSON/);
	expect(error.description).toMatch(/Bad Gateway/);
});

test('vendor error bodies become the message; Continue On Fail keeps the other items', async () => {
	const { items } = await run({ path: '={{ $json.path }}' }, [{ path: '/ok' }, { path: '/bad' }, { path: '/ok' }], true);
	expect(items).toHaveLength(3);
	expect(items[0].json.ok).toBe(true);
	expect(items[1].json.error).toBe('Probe rejected the request (400): The field x is wrong.');
	expect(items[1].pairedItem).toEqual({ item: 1 });
	expect(items[2].json.ok).toBe(true);
	expect(JSON.stringify(items)).not.toContain(SECRET);
});

test('without Continue On Fail the first failure stops with its item index', async () => {
	const error = await run({ path: '={{ $json.path }}' }, [{ path: '/ok' }, { path: '/bad' }]).catch((e) => e);
	expect(error.context.itemIndex).toBe(1);
	expect(JSON.stringify(error)).not.toContain(SECRET);
});

test('several requests in parallel keep output order', async () => {
	const items = Array.from({ length: 20 }, (_, i) => ({ i }));
	const { items: out } = await run({ path: '/ok', requestOptions: { concurrency: 8 } }, items);
	expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
});
