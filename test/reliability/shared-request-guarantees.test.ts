/**
 * What the shared request layer guarantees whatever a vendor answers (issue 19, items 3, 5 and 9):
 * a 429 that says "retry now" forever cannot make a node loop; a create or send whose fate is unknown
 * is reported as "may or may not have been carried out", never "try again"; and no secret the node
 * sent comes back to the user inside an error, however the vendor echoes it.
 */
import { inspect } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SETTINGS } from '../../nodes/shared/http';
import { parseJsonBody, Sandbox } from '../../sandbox/core';
import { runNode } from '../harness/run-node';
import { probeNode, type ProbeRequest } from './lib/probe';

jest.setTimeout(30_000);

/** The credential's secret, with characters that change when JSON-escaped or URL-encoded. */
const API_KEY = 'pr0be"key\\with/specials+&=42';
/** A secret a request carries in its body (e.g. a provider's auth token being configured). */
const BODY_SECRET = 'tok_body"secret\\value_9137';

let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;

type Failure = Error & { description?: string; httpCode?: string; outcomeUnknown?: boolean; details?: IDataObject; context?: IDataObject };

beforeAll(async () => {
	sandbox = new Sandbox('probe');
	sandbox.app.all('/ok', async () => ({ ok: true }));
	// A vendor quoting what it was sent, the way Ocamba quotes a setting (`settings.auth_token "…"`)
	// and Octopush returns extra `details`: in parsed JSON, in JSON text sent as HTML, and URL-encoded.
	sandbox.app.post('/echo/json', async (request, reply) => {
		const sent = (parseJsonBody(request.body) ?? {}) as IDataObject;
		return reply.code(400).send({
			code: 100,
			message: `settings.auth_token ${JSON.stringify(sent.token ?? '')} is invalid for key ${String(request.headers['api-key'])}`,
			details: { echoedBody: JSON.stringify(sent), header: request.headers['api-key'], nested: [{ key: request.headers['api-key'] }] },
		});
	});
	sandbox.app.post('/echo/text', async (request, reply) =>
		reply
			.code(400)
			.header('content-type', 'text/html')
			.send(`<pre>refused: ${JSON.stringify({ body: parseJsonBody(request.body), key: request.headers['api-key'] })} at ${request.url}?key=${encodeURIComponent(String(request.headers['api-key']))}</pre>`),
	);
	sandbox.app.get('/echo/server-error', async (request, reply) => reply.code(503).send({ message: `backend down; header was api-key=${String(request.headers['api-key'])}` }));
	const url = await sandbox.start();
	credentials = { octopushApi: { apiLogin: 'me@example.com', apiKey: API_KEY, baseUrl: url } };
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const run = (build: (itemIndex: number) => ProbeRequest, options: { requestOptions?: IDataObject; continueOnFail?: boolean; items?: IDataObject[] } = {}) =>
	runNode({
		nodeType: probeNode(build),
		parameters: { requestOptions: (options.requestOptions ?? {}) as never },
		items: options.items,
		credentials,
		continueOnFail: options.continueOnFail,
	});

const failure = async (build: (itemIndex: number) => ProbeRequest, options: { requestOptions?: IDataObject } = {}) => {
	const error = await run(build, options).then(
		() => undefined,
		(e: unknown) => e as Failure,
	);
	if (!error) throw new Error('expected the node to fail');
	return error;
};

describe('429 answers that say "retry now" (item 3)', () => {
	test('Retry-After: 0 on every answer: each retry waits the floor, and Max Rate Limit Wait still ends it', async () => {
		sandbox.injectFault({ path: '/ok', status: 429, times: Infinity, headers: { 'Retry-After': '0' }, body: { message: 'Too many requests' } });
		const started = Date.now();
		const error = await failure(() => ({ method: 'GET', path: '/ok' }), { requestOptions: { maxRateLimitWait: 1 } });
		expect(error.message).toBe('Probe rate limit hit (429): Too many requests');
		expect(error.description).toMatch(/^Waited 1 s in total and the limit still applies\. .*"Max Rate Limit Wait"/);
		// The probe's floor is 50 ms: about 1 s / 50 ms retries, never thousands.
		expect(sandbox.requests.length).toBeGreaterThanOrEqual(2);
		expect(sandbox.requests.length).toBeLessThanOrEqual(21);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('X-RateLimit-Reset: 0 without Retry-After is treated the same way', async () => {
		sandbox.injectFault({ path: '/ok', status: 429, times: Infinity, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '0' } });
		const error = await failure(() => ({ method: 'GET', path: '/ok' }), { requestOptions: { maxRateLimitWait: 1 } });
		expect(error.message).toBe('Probe rate limit hit (429)');
		expect(sandbox.requests.length).toBeLessThanOrEqual(21);
	});

	test('the attempts are capped even when the wait budget would allow more, and the cap is reported', async () => {
		sandbox.injectFault({ path: '/ok', status: 429, times: Infinity, headers: { 'Retry-After': '0' } });
		const error = await failure(() => ({ method: 'GET', path: '/ok' }));
		expect(sandbox.requests).toHaveLength(1 + DEFAULT_SETTINGS.maxRateLimitRetries);
		expect(error.message).toBe('Probe rate limit hit (429)');
		expect(error.description).toMatch(new RegExp(`^Asked ${1 + DEFAULT_SETTINGS.maxRateLimitRetries} times over \\d+(\\.\\d)? s and the limit still applies; the node stops repeating one request after ${DEFAULT_SETTINGS.maxRateLimitRetries} "too many requests" answers\\. Run fewer items at once, or try again later\\.$`));
	});

	test('the floor nodes use is at least a second, and the cap keeps one request to a few dozen attempts', () => {
		expect(DEFAULT_SETTINGS.minRateLimitWaitMs).toBeGreaterThanOrEqual(1000);
		expect(DEFAULT_SETTINGS.maxRateLimitRetries).toBeGreaterThan(0);
		expect(DEFAULT_SETTINGS.maxRateLimitRetries).toBeLessThanOrEqual(60);
	});

	test('an honest Retry-After is still waited out and the request then succeeds', async () => {
		sandbox.injectFault({ path: '/ok', status: 429, times: 2, headers: { 'Retry-After': '0' } });
		const { items } = await run(() => ({ method: 'GET', path: '/ok' }));
		expect(items[0].json).toEqual({ ok: true });
		expect(sandbox.requests).toHaveLength(3);
		expect(sandbox.requests[2].at - sandbox.requests[1].at).toBeGreaterThanOrEqual(45);
	});
});

describe('a create or send whose fate is unknown (item 5)', () => {
	const send = (overrides: Partial<ProbeRequest> = {}) => () => ({ method: 'POST' as const, path: '/ok', body: { to: '+33600000000' }, ...overrides });
	const UNSURE = 'The request (POST /ok) may or may not have been carried out, so it was not sent again. Check in Probe before running this item again.';

	test.each([
		['an HTML page', { html: true }, 'Probe answered 200 with something that is not JSON'],
		['truncated JSON', { malformed: true }, 'Probe answered 200 with something that is not JSON'],
		['an empty body', { status: 200, body: '' }, 'Probe answered 200 with an empty body where data was expected'],
	])('a 2xx with %s: "may or may not have been carried out", never "try again", flagged outcomeUnknown', async (_label, fault, message) => {
		sandbox.injectFault({ path: '/ok', ...fault });
		const error = await failure(send());
		expect(error.message).toBe(message);
		expect(error.description).toContain(UNSURE);
		expect(error.description).not.toMatch(/try again/i);
		expect(error.outcomeUnknown).toBe(true);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a read answered with an HTML 200 keeps its advice (nothing was done, trying again is fine)', async () => {
		sandbox.injectFault({ path: '/ok', html: true });
		const error = await failure(() => ({ method: 'GET', path: '/ok' }));
		expect(error.description).toMatch(/try again in case the service was briefly unavailable/);
		expect(error.outcomeUnknown).toBeUndefined();
	});

	test('a send made retry-safe by a per-run id (idempotent, repeatsOnRerun): a final 5xx is "may or may not", never "try again later"', async () => {
		sandbox.injectFault({ path: '/ok', status: 503, times: 10, body: { message: 'Maintenance' } });
		const error = await failure(send({ idempotent: true, repeatsOnRerun: true }), { requestOptions: { maxRetries: 2 } });
		expect(sandbox.requests).toHaveLength(3);
		expect(error.message).toBe('Probe had a server error (503): Maintenance');
		expect(error.description).toBe(`Tried 3 times. ${UNSURE}`);
		expect(error.outcomeUnknown).toBe(true);
	});

	test('the same send with no answer at all (timeouts): "may or may not", flagged', async () => {
		sandbox.injectFault({ path: '/ok', delayMs: 1500, times: 3 });
		const error = await failure(send({ idempotent: true, repeatsOnRerun: true }), { requestOptions: { timeout: 1, maxRetries: 1 } });
		expect(error.message).toBe('Probe did not answer within 1 s');
		expect(error.description).toBe(`Tried 2 times. ${UNSURE}`);
		expect(error.outcomeUnknown).toBe(true);
	});

	test('a plain create (not idempotent) answered 500: sent once, "may or may not", flagged', async () => {
		sandbox.injectFault({ path: '/ok', status: 500, times: 10 });
		const error = await failure(send());
		expect(sandbox.requests).toHaveLength(1);
		expect(error.description).toBe(UNSURE);
		expect(error.outcomeUnknown).toBe(true);
	});

	test('an update (PUT) that keeps failing is not unsure: repeating it is harmless, so "try again later" stays', async () => {
		sandbox.injectFault({ path: '/ok', status: 503, times: 10 });
		const error = await failure(() => ({ method: 'PUT', path: '/ok', body: { a: 1 } }), { requestOptions: { maxRetries: 1 } });
		expect(error.description).toBe('The service is failing or down. Try again later. Tried 2 times.');
		expect(error.outcomeUnknown).toBeUndefined();
	});

	test('a refusal (400) is not unsure: nothing was done', async () => {
		sandbox.injectFault({ path: '/ok', status: 400, body: { message: 'Bad number' } });
		const error = await failure(send());
		expect(error.outcomeUnknown).toBeUndefined();
	});

	test('with Continue On Fail the item\'s output carries outcomeUnknown, so a workflow can route it to a check', async () => {
		sandbox.injectFault({ path: '/ok', html: true });
		const { items } = await run(send(), { continueOnFail: true, items: [{}, {}] });
		expect(items[0].json).toMatchObject({ error: 'Probe answered 200 with something that is not JSON', outcomeUnknown: true });
		expect(items[1].json).toEqual({ ok: true });
	});
});

describe('secrets the node sent never come back inside an error (item 9)', () => {
	/** Every form a secret can take when a vendor echoes it: as sent, JSON-escaped, URL-encoded. */
	const forms = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')];
	/** Everything a user, a log or the editor can see of an error. */
	const visible = (error: Failure) => [error.message, error.description, inspect(error, { depth: 20 }), JSON.stringify(error), JSON.stringify((error as { errorResponse?: unknown }).errorResponse ?? null), JSON.stringify(error.details ?? null), JSON.stringify((error as { messages?: unknown }).messages ?? null)].join('\n');
	const expectNoSecret = (error: Failure, ...secrets: string[]) => {
		const text = visible(error);
		for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form);
	};

	test('the credential\'s key and a secret the request marks: masked in the message and the vendor\'s details', async () => {
		const error = await failure(() => ({ method: 'POST', path: '/echo/json', body: { token: BODY_SECRET }, secrets: [BODY_SECRET] }));
		expect(error.message).toBe('Probe rejected the request (400): settings.auth_token "[hidden]" is invalid for key [hidden]');
		expect(error.details).toMatchObject({ code: 100, header: '[hidden]', nested: [{ key: '[hidden]' }] });
		expectNoSecret(error, API_KEY, BODY_SECRET);
	});

	test('JSON-escaped and URL-encoded echoes inside longer text (an HTML excerpt) are masked too', async () => {
		const error = await failure(() => ({ method: 'POST', path: '/echo/text', body: { token: BODY_SECRET }, secrets: [BODY_SECRET] }));
		expect(error.message).toBe('Probe rejected the request (400)');
		expect(error.description).toContain('[hidden]');
		expectNoSecret(error, API_KEY, BODY_SECRET);
	});

	test('a server error quoting the key (after retries) is masked', async () => {
		const error = await failure(() => ({ method: 'GET', path: '/echo/server-error' }), { requestOptions: { maxRetries: 1 } });
		expect(error.message).toBe('Probe had a server error (503): backend down; header was api-key=[hidden]');
		expectNoSecret(error, API_KEY);
	});

	test('with Continue On Fail the error item is masked the same way', async () => {
		const { items } = await run(() => ({ method: 'POST', path: '/echo/json', body: { token: BODY_SECRET }, secrets: [BODY_SECRET] }), { continueOnFail: true });
		const text = JSON.stringify(items);
		expect(text).toContain('[hidden]');
		for (const secret of [API_KEY, BODY_SECRET]) for (const form of forms(secret)) expect(text).not.toContain(form);
	});
});
