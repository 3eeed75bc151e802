/**
 * Pacing against the sandbox enforcing Ocamba's burst and steady limits per ACCOUNT (scaled up so the
 * runs are short). The node starts from Ocamba's published 10/s and 150/min, learns the real limits
 * from X-RateLimit-* headers, and must finish with no 429 surfaced: alone, and sharing the account
 * with a second credential in another module instance (another n8n process: nothing shared but the
 * server's answers).
 */
import type { INodeType } from 'n8n-workflow';

import { runNode } from '../harness/run-node';
import { TOKEN, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox({ perSecond: 100, perMinute: 1500 });

test('1,000 creates against the enforced limits: zero 429s surfaced, each item created exactly once', async () => {
	const items = Array.from({ length: 1000 }, (_, i) => ({ name: `Paced ${i}` }));
	const started = Date.now();
	const output = await t.run({ resource: 'account', operation: 'create', name: '={{ $json.name }}', requestOptions: { concurrency: 4 } }, items);
	const elapsed = Date.now() - started;
	expect(output).toHaveLength(1000);
	expect(output.filter((o) => o.json.error)).toHaveLength(0);
	expect(output.map((o) => o.json.name)).toEqual(items.map((i) => i.name));
	const posts = t.sandbox.requestsTo('POST', '/v2/ocamba/accounts');
	// A 429 means the create was not carried out: each one the server sent was waited out and the item
	// sent again, so the sandbox holds exactly one account per item.
	expect(posts).toHaveLength(1000 + t.sandbox.throttled);
	expect(new Set(posts.filter((p) => p.body).map((p) => (p.body as { name: string }).name)).size).toBe(1000);
	// How close pacing gets to the allowed rate is a figure of the benchmark (npm run bench), not a test.
	console.log(`Ocamba pacing: 1000 items in ${elapsed} ms, ${t.sandbox.throttled} server 429s, busiest second ${t.sandbox.usage.peak('company-1000001').second} requests`);
}, 120_000);

test('two credentials of one account in two "processes" share its limits: nothing surfaced, few 429s', async () => {
	const SECOND_TOKEN = 'ocamba-second-token-of-the-account';
	t.sandbox.setTokens({ [TOKEN]: 'acme', [SECOND_TOKEN]: 'acme' });
	t.sandbox.setRateLimits({ perSecond: 30, perMinute: 600 });
	try {
		// A second copy of the node and its whole transport (limiters included), as another n8n worker has.
		let OtherOcamba: new () => INodeType = undefined as never;
		jest.isolateModules(() => {
			OtherOcamba = (require('../../nodes/Ocamba/Ocamba.node') as { Ocamba: new () => INodeType }).Ocamba;
		});
		const items = Array.from({ length: 150 }, () => ({}));
		const parameters = { resource: 'account', operation: 'get', accountId: '1000000', requestOptions: { concurrency: 2 } };
		const [first, second] = await Promise.all([
			t.run(parameters, items),
			runNode({ nodeType: new OtherOcamba(), parameters: parameters as never, items, credentials: { ocambaApi: { apiToken: SECOND_TOKEN, baseUrl: t.url } } }).then((r) => r.items),
		]);
		for (const output of [first, second]) {
			expect(output).toHaveLength(150);
			expect(output.every((o) => o.json.id === '1000000')).toBe(true);
		}
		const requests = t.sandbox.requestsTo('GET', '/v2/ocamba/accounts/1000000').length;
		// Both started at the published 10/s, learned 30/s, and shared it: the server refused few.
		expect(t.sandbox.throttled / requests).toBeLessThan(0.05);
		expect(t.sandbox.usage.peak('acme').second).toBeLessThanOrEqual(30);
		console.log(`Ocamba per-account pacing: 300 reads by two credentials, ${t.sandbox.throttled} server 429s of ${requests} requests`);
	} finally {
		t.sandbox.setTokens([TOKEN]);
	}
}, 120_000);
