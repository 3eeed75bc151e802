/**
 * Pacing: 1,000 items against the sandbox enforcing its burst and steady limits (scaled ×10 to
 * 100/s and 1,500/min so the run is short). The node starts from Ocamba's published 10/s and
 * 150/min, learns the real limits from X-RateLimit-* headers, and must finish with no 429 surfaced.
 */
import { useOcambaSandbox } from './helpers';

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
	const perSecond = new Map<number, number>();
	for (const post of posts) perSecond.set(Math.floor(post.at / 1000), (perSecond.get(Math.floor(post.at / 1000)) ?? 0) + 1);
	console.log(`Ocamba pacing: 1000 items in ${elapsed} ms, ${t.sandbox.throttled} server 429s, busiest second ${Math.max(...perSecond.values())} requests`);
}, 120_000);
