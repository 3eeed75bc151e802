/**
 * Failures users meet with Ocamba: rate limits (429 waits, pacing many items), wrong tokens,
 * server errors on creates, Continue On Fail, the credential test, and the secret scan.
 */
import { testCredential } from '../harness/credential-test';
import { flatten, TOKEN, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();

describe('rate limits', () => {
	test('a 429 with Retry-After is waited out and the request succeeds', async () => {
		t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts/1000000', status: 429, headers: { 'Retry-After': '1' }, body: { code: 429, title: 'Too many requests.', message: 'Rate limit exceeded.', trace_id: 't' } });
		const started = Date.now();
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(t.sandbox.requests).toHaveLength(2);
		expect(items[0].json.id).toBe('1000000');
	});

	test('Retry-After: -1 (no wait known) waits a short while; a create that got 429 is sent again (it was refused, not done)', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v2/ocamba/accounts', status: 429, headers: { 'Retry-After': '-1' }, body: { code: 429, title: 'Too many requests.', message: 'Parallel limit.', trace_id: 't' } });
		const started = Date.now();
		const items = await t.run({ resource: 'account', operation: 'create', name: 'After 429' });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(t.sandbox.requestsTo('POST', '/v2/ocamba/accounts')).toHaveLength(2);
		expect(items[0].json.name).toBe('After 429');
	});

	test('when the limit outlasts Max Rate Limit Wait, the error says so', async () => {
		t.sandbox.injectFault({ path: '/v2/ocamba/accounts/1000000', status: 429, times: 5, headers: { 'Retry-After': '1' }, body: { code: 429, title: 'Too many requests.', message: 'Rate limit exceeded.', trace_id: 't' } });
		const error = await t.fail({ resource: 'account', operation: 'get', accountId: '1000000', requestOptions: { maxRateLimitWait: 1 } });
		expect(error.message).toBe('Ocamba rate limit hit (429): Rate limit exceeded.');
		expect(error.description).toMatch(/Max Rate Limit Wait/);
	});
});

describe('errors', () => {
	test('a wrong token: 401 with Ocamba\'s message and where to make a token; the token never appears', async () => {
		const error = await t.run({ resource: 'account', operation: 'get', accountId: '1000000' }, undefined, { token: 'wrong-token-abc' }).catch((e) => e);
		expect(error.message).toBe('Ocamba refused the credentials (401): The access token is invalid or has expired.');
		expect(error.description).toMatch(/profile menu → API Tokens → Add Token/);
		expect(error.httpCode).toBe('401');
		expect(error.details).toMatchObject({ title: 'Unauthorized.', code: 401, traceId: expect.any(String) });
		expect(flatten(error)).not.toContain('wrong-token-abc');
	});

	test('a 500 on a create is not repeated and the error says to check first', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/hood/integrations', status: 500, body: { code: 500, title: 'Internal server error.', trace_id: '99a84211-f73d-4ff8-acdf-eb3e06bb9d62' } });
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'X', provider: 'mitto', mittoApiKey: 'mitto-secret-9', mittoSenderName: 'S' });
		expect(t.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe('Ocamba had a server error (500): Internal server error.');
		expect(error.description).toMatch(/may or may not have been carried out/);
		expect(flatten(error)).not.toContain('mitto-secret-9');
	});

	test('a 503 on a read is retried', async () => {
		t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts/1000000', status: 503 });
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(t.sandbox.requests).toHaveLength(2);
		expect(items[0].json.id).toBe('1000000');
	});

	test('an HTML page instead of JSON is a clear error with an excerpt', async () => {
		t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts/1000000', html: true });
		const error = await t.fail({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(error.message).toBe('Ocamba answered 200 with something that is not JSON');
		expect(error.description).toMatch(/Bad Gateway/);
	});
});

describe('Continue On Fail', () => {
	test('one bad item among good ones: N outputs, each paired, the bad one carrying its error', async () => {
		const items = await t.run(
			{ resource: 'account', operation: 'create', name: '={{ $json.name }}', status: '={{ $json.status }}' },
			[{ name: 'One', status: 'active' }, { name: '', status: 'active' }, { name: 'Three', status: 'sleeping' }, { name: 'Four', status: 'paused' }],
			{ continueOnFail: true },
		);
		expect(items).toHaveLength(4);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toMatchObject({ name: 'One', status: 'active' });
		expect(items[1].json).toEqual({ error: '"Name" is empty [item 1]', description: 'Expected a value.' });
		expect(items[2].json.error).toBe('"Status" has an unknown value "sleeping" [item 2]');
		expect(items[3].json).toMatchObject({ name: 'Four', status: 'paused' });
		expect(t.sandbox.requestsTo('POST', '/v2/ocamba/accounts').map((r) => (r.body as { name: string }).name)).toEqual(['One', 'Four']);
	});

	test('an API failure of one item is output with Ocamba\'s details; the others succeed', async () => {
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '={{ $json.id }}' }, [{ id: '1000000' }, { id: '424242' }, { id: '1000000' }], { continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(items[1].json).toMatchObject({ error: 'Ocamba: not found (404): Account 424242 not found.', httpCode: '404', details: { title: 'Not found.', code: 404 } });
		expect(items[2].json.id).toBe('1000000');
	});
});

describe('credential test', () => {
	test('the credential\'s test request (POST /v2/ocamba/personal-api-keys/validate) passes with a good token and fails with a bad one', async () => {
		expect(await testCredential('ocambaApi', { apiToken: TOKEN, baseUrl: `${t.url}/` })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', url: '/v2/ocamba/personal-api-keys/validate' });
		expect(t.sandbox.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		const bad = await testCredential('ocambaApi', { apiToken: 'not-the-token', baseUrl: t.url });
		expect(bad.status).toBe('Error');
		// And the same URL fetched directly with the header the credential builds.
		const direct = await fetch(`${t.url}/v2/ocamba/personal-api-keys/validate`, { method: 'POST', headers: { Authorization: 'Bearer not-the-token' } });
		expect(direct.status).toBe(401);
	});
});

afterAll(() => {
	const text = flatten(t.seen);
	expect(text).not.toContain(TOKEN);
	expect(text).not.toContain('mitto-secret-9');
	expect(text).not.toContain('wrong-token-abc');
});
