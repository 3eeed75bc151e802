/**
 * The shared request layer against every fault the sandboxes can inject, through a minimal probe node
 * run inside n8n-core's ExecuteContext. The vendor nodes get the same checks in faults.test.ts; this
 * file pins the mechanism itself (counts of attempts, wording, what is never repeated).
 */
import type { IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { apiRequest, type Expectation, type VendorProfile } from '../../nodes/shared/http';
import { readRequestSettings, requestOptionsProperty } from '../../nodes/shared/options';
import { runForEachItem } from '../../nodes/shared/execute';
import { createValidator, encodePathSegment } from '../../nodes/shared/validation';
import { Sandbox } from '../../sandbox/core';
import { createYetiSandbox, YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME, type YetiSandbox } from '../../sandbox/yeti';
import { runNode } from '../harness/run-node';
import { testNodeDescription } from '../harness/test-node';

const profile = (credentialType: string): VendorProfile => ({
	vendor: 'Probe',
	credentialType,
	describeError: (_status, body) => {
		const b = body as { message?: string } | undefined;
		return b?.message ? { message: b.message } : undefined;
	},
	hints: { unauthorized: 'Check the probe key in the credentials.', forbidden: 'Ask for the probe permission.' },
});

/** Sends one request per item: method, path and expectation from parameters. */
class ProbeNode implements INodeType {
	constructor(private readonly credentialType = 'octopushApi') {}

	get description(): INodeTypeDescription {
		return testNodeDescription('probe', {
			credential: this.credentialType,
			properties: [
				{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
				{ displayName: 'Path', name: 'path', type: 'string', default: '/ok' },
				{ displayName: 'Expect', name: 'expect', type: 'string', default: 'json' },
				requestOptionsProperty,
			],
		});
	}

	async execute(this: IExecuteFunctions) {
		const node = this.getNode();
		const credentialType = Object.keys(node.credentials ?? {})[0];
		const settings = { ...readRequestSettings(this), retryDelayMs: 5 };
		const credentials = await this.getCredentials(credentialType);
		return [
			await runForEachItem(this, async (itemIndex) => {
				const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST' | 'DELETE';
				const path = this.getNodeParameter('path', itemIndex) as string;
				const expect = this.getNodeParameter('expect', itemIndex) as Expectation;
				const response = await apiRequest.call(
					this,
					profile(credentialType),
					{
						method,
						url: `${String(credentials.baseUrl).replace(/\/$/, '')}${path}`,
						body: method === 'POST' ? { a: 1 } : undefined,
						headers: credentialType === 'yetiSwitchApi' ? { Accept: 'application/vnd.api+json', 'Content-Type': 'application/vnd.api+json' } : undefined,
						expect,
						itemIndex,
					},
					settings,
				);
				return (response.body ?? { done: true }) as IDataObject;
			}),
		];
	}
}

let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;

beforeAll(async () => {
	sandbox = new Sandbox('probe');
	sandbox.app.all('/ok', async () => ({ ok: true }));
	// A record that exists until its first delete.
	let exists = true;
	sandbox.onReset(() => {
		exists = true;
	});
	// Answers a little at a time: never idle for long, never done in time.
	sandbox.app.all('/trickle', async (_request, reply) => {
		reply.raw.writeHead(200, { 'content-type': 'application/json' });
		reply.raw.write('{"a":"');
		for (let i = 0; i < 10; i++) {
			await new Promise((resolve) => setTimeout(resolve, 400));
			if (reply.raw.destroyed) return reply;
			reply.raw.write('x');
		}
		reply.raw.end('"}');
		return reply;
	});
	// Deletes at once, answers late (the answer is lost to a timeout, the work is done).
	sandbox.app.delete('/gone', async (_request, reply) => {
		if (!exists) return reply.code(404).send({});
		exists = false;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		return reply.code(204).send();
	});
	const url = await sandbox.start();
	credentials = { octopushApi: { apiLogin: 'me@example.com', apiKey: 'probe-fault-key-42', baseUrl: url } };
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const run = (parameters: Record<string, unknown>, items?: object[], continueOnFail = false) =>
	runNode({ nodeType: new ProbeNode(), parameters: parameters as never, items: items as never, credentials, continueOnFail });
const failure = async (parameters: Record<string, unknown>) => {
	const error = await run(parameters).then(
		() => undefined,
		(e: unknown) => e as Error & { description?: string; httpCode?: string; context?: IDataObject },
	);
	if (!error) throw new Error('expected the node to fail');
	return error;
};

test('401: says the credentials were refused and what to check', async () => {
	sandbox.injectFault({ path: '/ok', status: 401, times: 2, body: { message: 'Invalid api key' } });
	const error = await failure({ path: '/ok' });
	expect(error.message).toBe('Probe refused the credentials (401): Invalid api key');
	expect(error.description).toBe('Check the probe key in the credentials.');
	// n8n itself repeats a request once after a 401 (to renew login tokens): harmless, nothing was done.
	expect(sandbox.requests).toHaveLength(2);
});

test('403: says access was denied and what to ask for', async () => {
	sandbox.injectFault({ path: '/ok', status: 403, body: { message: 'IP not allowed' } });
	const error = await failure({ path: '/ok' });
	expect(error.message).toBe('Probe denied access (403): IP not allowed');
	expect(error.description).toBe('Ask for the probe permission.');
});

test('404: says not found and names the request', async () => {
	sandbox.injectFault({ path: '/ok', status: 404, body: '' });
	const error = await failure({ path: '/ok' });
	expect(error.message).toBe('Probe: not found (404)');
	expect(error.description).toBe('Nothing exists at GET /ok. Check the ID.');
});

test('429 beyond the max wait: gives up, says how long it waited and what to change', async () => {
	sandbox.injectFault({ path: '/ok', status: 429, times: 5, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' } });
	const started = Date.now();
	const error = await failure({ path: '/ok', requestOptions: { maxRateLimitWait: 2 } });
	expect(error.message).toBe('Probe rate limit hit (429): Too many requests');
	expect(error.description).toMatch(/^Waited 2 s in total and the limit still applies\. .*"Max Rate Limit Wait"/);
	expect(sandbox.requests).toHaveLength(3);
	expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
});

test('429 without Retry-After waits as long as X-RateLimit-Reset says', async () => {
	sandbox.injectFault({ path: '/ok', status: 429, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' } });
	const started = Date.now();
	const { items } = await run({ path: '/ok' });
	expect(items[0].json).toEqual({ ok: true });
	expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});

test('5xx on a GET: retried (1 + Retries times), then says the vendor is failing', async () => {
	sandbox.injectFault({ path: '/ok', status: 503, times: 10, body: { message: 'Maintenance' } });
	const error = await failure({ path: '/ok', requestOptions: { maxRetries: 2 } });
	expect(error.message).toBe('Probe had a server error (503): Maintenance');
	expect(error.description).toBe('The service is failing or down. Try again later. Tried 3 times.');
	expect(sandbox.requests).toHaveLength(3);
});

test('5xx on a POST: sent once, and the error says it may or may not have been carried out', async () => {
	sandbox.injectFault({ path: '/ok', status: 500, times: 10 });
	const error = await failure({ path: '/ok', method: 'POST' });
	expect(error.message).toBe('Probe had a server error (500)');
	expect(error.description).toBe('The request (POST /ok) may or may not have been carried out, so it was not sent again. Check in Probe before running this item again.');
	expect(sandbox.requests).toHaveLength(1);
});

test('timeout on a GET: retried, then says it did not answer in time and where to raise the timeout', async () => {
	sandbox.injectFault({ path: '/ok', delayMs: 1500, times: 3 });
	const error = await failure({ path: '/ok', requestOptions: { timeout: 1, maxRetries: 1 } });
	expect(error.message).toBe('Probe did not answer within 1 s');
	expect(error.description).toBe('Tried 2 times. Check the Base URL in the credentials and that the service is up, or raise "Timeout" in the node\'s Request Options.');
	expect(sandbox.requests).toHaveLength(2);
});

test('a server trickling its answer is cut off at the timeout, not only when idle; a POST is not repeated', async () => {
	const started = Date.now();
	const error = await failure({ path: '/trickle', method: 'POST', requestOptions: { timeout: 1 } });
	expect(Date.now() - started).toBeLessThan(3500); // the trickle lasts 4 s; margin for a loaded machine
	expect(error.message).toBe('Probe did not answer within 1 s');
	expect(error.description).toMatch(/may or may not have been carried out/);
	expect(sandbox.requestsTo('POST', '/trickle')).toHaveLength(1);
});

test('dropped connection on a GET: retried and then succeeds', async () => {
	sandbox.injectFault({ path: '/ok', drop: true });
	const { items } = await run({ path: '/ok' });
	expect(items[0].json).toEqual({ ok: true });
	expect(sandbox.requests).toHaveLength(2);
});

test('dropped connection on a POST: not repeated, says it may or may not have happened', async () => {
	sandbox.injectFault({ path: '/ok', drop: true });
	const error = await failure({ path: '/ok', method: 'POST' });
	expect(error.message).toMatch(/^Could not reach Probe \((ECONNRESET|socket hang up)\)$/);
	expect(error.description).toMatch(/may or may not have been carried out, so it was not sent again/);
	expect(sandbox.requests).toHaveLength(1);
});

test('a delete whose first attempt timed out and whose repeat finds nothing: says it was most likely deleted', async () => {
	const error = await failure({ path: '/gone', method: 'DELETE', expect: 'none', requestOptions: { timeout: 1 } });
	expect(error.message).toBe('Probe: not found (404)');
	expect(error.description).toMatch(/^An earlier attempt got no clear answer and was repeated; the repeat found nothing to delete, so the earlier attempt most likely deleted it\. Check in Probe\.$/);
	expect(sandbox.requestsTo('DELETE', '/gone')).toHaveLength(2);
});

test('HTML proxy page (even with status 502): clear error with the status and an excerpt', async () => {
	sandbox.injectFault({ path: '/ok', html: true, status: 502, times: 10 });
	const error = await failure({ path: '/ok', requestOptions: { maxRetries: 0 } });
	expect(error.message).toBe('Probe had a server error (502)');
	expect(error.description).toMatch(/Try again later/);
	expect(error.httpCode).toBe('502');

	sandbox.reset();
	sandbox.injectFault({ path: '/ok', html: true });
	const page = await failure({ path: '/ok' });
	expect(page.message).toBe('Probe answered 200 with something that is not JSON');
	expect(page.description).toBe(
		'GET /ok returned: <html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>. A proxy or a wrong Base URL in the credentials often causes this: check that the Base URL points to the Probe API, and try again in case the service was briefly unavailable.',
	);
});

test('truncated JSON: clear error with an excerpt, never a crash or undefined output', async () => {
	sandbox.injectFault({ path: '/ok', malformed: true });
	const error = await failure({ path: '/ok' });
	expect(error.message).toBe('Probe answered 200 with something that is not JSON');
	expect(error.description).toContain('returned: {"data": [{"id": "1", "attr');
});

test('empty 200 where JSON was due: clear error; where nothing was due: fine', async () => {
	sandbox.injectFault({ path: '/ok', status: 200, body: '' });
	const error = await failure({ path: '/ok' });
	expect(error.message).toBe('Probe answered 200 with an empty body where data was expected');

	sandbox.injectFault({ path: '/ok', status: 204 });
	const { items } = await run({ path: '/ok', expect: 'jsonOrNone' });
	expect(items[0].json).toEqual({ done: true });
});

test('with Continue On Fail every fault becomes that item\'s error and the other items go through', async () => {
	sandbox.injectFault({ path: '/ok', status: 401, times: 2, body: { message: 'Bad key' } });
	sandbox.injectFault({ path: '/ok', malformed: true });
	const { items } = await run({ path: '/ok' }, [{}, {}, {}], true);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toMatchObject({ error: 'Probe refused the credentials (401): Bad key', httpCode: '401' });
	expect(items[1].json).toMatchObject({ error: 'Probe answered 200 with something that is not JSON', httpCode: '200' });
	expect(items[2].json).toEqual({ ok: true });
});

describe('a login credential (Yeti-Switch JWT login) that fails', () => {
	let yeti: YetiSandbox;
	let yetiUrl: string;
	beforeAll(async () => {
		yeti = createYetiSandbox();
		yetiUrl = await yeti.start();
	});
	afterAll(async () => yeti.stop());
	beforeEach(() => yeti.reset());

	const runYeti = (password: string, method = 'GET') =>
		runNode({
			nodeType: new ProbeNode('yetiSwitchApi'),
			parameters: { method, path: '/api/rest/admin/contractors' },
			credentials: { yetiSwitchApi: { baseUrl: yetiUrl, username: YETI_SANDBOX_USERNAME, password } },
		}).then(
			() => {
				throw new Error('expected a failure');
			},
			(e: Error & { description?: string }) => e,
		);

	test('wrong password: the login\'s own message and what to check; nothing else sent', async () => {
		const error = await runYeti('not-the-password', 'POST');
		expect(error.message).toBe('Yeti-Switch login failed: Incorrect login or password.');
		expect(error.description).toBe('Check the username and password in the credentials.');
		expect(yeti.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/rest/admin/auth']);
	});

	test('IP not allowed: says so and what to do (never "check the password", never "may or may not")', async () => {
		yeti.ipNotAllowed = true;
		const error = await runYeti(YETI_SANDBOX_PASSWORD, 'POST');
		expect(error.message).toBe('Yeti-Switch login failed: Your IP address is not allowed.');
		expect(error.description).toBe('Probe refuses logins from the IP address this n8n connects from. Ask the Probe administrator to allow it.');
	});

	test('login server error: the login is retried (nothing was sent yet)', async () => {
		yeti.injectFault({ path: '/api/rest/admin/auth', status: 503, times: 1 });
		const { items } = await runNode({
			nodeType: new ProbeNode('yetiSwitchApi'),
			parameters: { path: '/api/rest/admin/contractors?page[size]=1' },
			credentials: { yetiSwitchApi: { baseUrl: yetiUrl, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } },
		}).catch((e: Error) => ({ items: [{ json: { error: e.message } }] }));
		expect(yeti.requestsTo('POST', '/api/rest/admin/auth')).toHaveLength(2);
		expect(items[0].json).not.toHaveProperty('error');
	});
});

describe('input checks of the shared validator', () => {
	const node = { id: '1', name: 'Probe', type: 'probe', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	test.each(['.', '..', '%2e', '%2E%2e', '.%2E'])('the ID %p is refused: URL parsers resolve it as a folder step', (id) => {
		expect(() => createValidator(node, 2).pathId('Record ID', id)).toThrow(`"Record ID" cannot be "${id}": it would change which address is called [item 2]`);
		expect(() => encodePathSegment(id)).toThrow(/cannot be/);
	});

	test('IDs with slashes, queries and fragments stay one encoded segment', () => {
		expect(encodePathSegment('1/../../x')).toBe('1%2F..%2F..%2Fx');
		expect(encodePathSegment('a?b#c')).toBe('a%3Fb%23c');
		expect(new URL(`http://h/api/${encodePathSegment('1/../../x')}/edit`).pathname).toBe('/api/1%2F..%2F..%2Fx/edit');
	});

	test('a message never shows [object Object]', () => {
		expect(() => createValidator(node, 0).fail('Provider', `is not known: "${String({ a: 1 })}"`)).toThrow('"Provider" is not known: "an object" [item 0]');
	});
});
