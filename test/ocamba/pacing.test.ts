/**
 * Pacing: 1,000 items against the sandbox enforcing its burst and steady limits (scaled ×10 to
 * 100/s and 1,500/min so the run is short). The node starts from Ocamba's published 10/s and
 * 150/min, learns the real limits from X-RateLimit-* headers, and must finish with no 429 surfaced.
 */
import { useOcambaSandbox } from './helpers';

const t = useOcambaSandbox({ perSecond: 100, perMinute: 1500 });

test('1,000 creates finish with zero 429s surfaced, within the allowed rate, in under 15 s', async () => {
	const items = Array.from({ length: 1000 }, (_, i) => ({ name: `Paced ${i}` }));
	const started = Date.now();
	const output = await t.run({ resource: 'account', operation: 'create', name: '={{ $json.name }}', requestOptions: { concurrency: 4 } }, items);
	const elapsed = Date.now() - started;
	expect(output).toHaveLength(1000);
	expect(output.filter((o) => o.json.error)).toHaveLength(0);
	expect(output.map((o) => o.json.name)).toEqual(items.map((i) => i.name));
	const posts = t.sandbox.requestsTo('POST', '/v2/ocamba/accounts');
	// Every 429 the server sent (ideally none) was waited out; none reached the user.
	expect(t.sandbox.throttled).toBeLessThanOrEqual(1);
	expect(posts).toHaveLength(1000 + t.sandbox.throttled);
	expect(elapsed).toBeLessThan(15_000);
	// The node learned 100/s from the headers: it went well past the 10/s it starts with.
	const perSecond = new Map<number, number>();
	for (const post of posts) perSecond.set(Math.floor(post.at / 1000), (perSecond.get(Math.floor(post.at / 1000)) ?? 0) + 1);
	expect(Math.max(...perSecond.values())).toBeGreaterThan(50);
	console.log(`Ocamba pacing: 1000 items in ${elapsed} ms, ${t.sandbox.throttled} server 429s, busiest second ${Math.max(...perSecond.values())} requests`);
}, 30_000);
