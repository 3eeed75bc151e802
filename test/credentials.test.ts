/**
 * The three credentials, tested the way n8n's "Test" button does (test/harness/credential-test.ts)
 * against the sandboxes: good secrets pass, bad ones fail with a message, a base URL with or without a
 * trailing slash works the same.
 */
import { startSandboxes, type Sandboxes } from '../sandbox';
import { OCAMBA_SANDBOX_TOKEN } from '../sandbox/ocamba';
import { OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN } from '../sandbox/octopush';
import { YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME } from '../sandbox/yeti';
import { testCredential } from './harness/credential-test';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await startSandboxes();
});
afterAll(async () => sandboxes.stop());
beforeEach(() => {
	sandboxes.ocamba.reset();
	sandboxes.octopush.reset();
	sandboxes.yeti.reset();
});

const paths = (sandbox: { requests: Array<{ method: string; path: string }> }) => sandbox.requests.map((r) => `${r.method} ${r.path}`);

describe.each(['', '/'])('base URL %p', (slash) => {
	test('Ocamba API: a valid token passes with the free validate call, a wrong one fails', async () => {
		const baseUrl = sandboxes.ocamba.url + slash;
		expect(await testCredential('ocambaApi', { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl })).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential('ocambaApi', { apiToken: 'not-a-token', baseUrl });
		expect(bad.status).toBe('Error');
		// n8n repeats a request once after a 401 (it would renew an expiring token), so the bad one goes twice.
		expect(new Set(paths(sandboxes.ocamba))).toEqual(new Set(['POST /v2/ocamba/personal-api-keys/validate']));
		expect(sandboxes.ocamba.requests[0].headers.authorization).toBe(`Bearer ${OCAMBA_SANDBOX_TOKEN}`);
	});

	test('Octopush API: the right login and key pass with the free balance read, a wrong key fails', async () => {
		const baseUrl = `${sandboxes.octopush.url}/v1/public${slash}`;
		expect((await testCredential('octopushApi', { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl })).status).toBe('OK');
		expect((await testCredential('octopushApi', { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: 'wrong-key', baseUrl })).status).toBe('Error');
		expect(new Set(paths(sandboxes.octopush))).toEqual(new Set(['GET /v1/public/wallet/check-balance']));
		expect(sandboxes.octopush.requests[0].headers['api-login']).toBe(OCTOPUSH_SANDBOX_LOGIN);
		expect(sandboxes.octopush.requests[0].headers['api-key']).toBe(OCTOPUSH_SANDBOX_KEY);
	});

	test('Yeti-Switch API: the test logs in with the password as entered', async () => {
		const baseUrl = sandboxes.yeti.url + slash;
		const good = await testCredential('yetiSwitchApi', { baseUrl, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD });
		expect(good.status).toBe('OK');
		const logins = sandboxes.yeti.requests.filter((r) => r.path === '/api/rest/admin/auth');
		expect(logins.length).toBeGreaterThanOrEqual(1);
		expect(logins[0].body).toEqual({ auth: { username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } });
		const bad = await testCredential('yetiSwitchApi', { baseUrl, username: YETI_SANDBOX_USERNAME, password: 'wrong-password' });
		expect(bad).toEqual({ status: 'Error', message: 'Yeti-Switch login failed: Incorrect login or password.' });
	});
});

test('Yeti-Switch API: a changed password fails the test even while a stored session token is still valid', async () => {
	const baseUrl = sandboxes.yeti.url;
	const valid = sandboxes.yeti.signToken({ sub: 1, aud: ['admin'], exp: Math.floor(Date.now() / 1000) + 600 });
	const result = await testCredential('yetiSwitchApi', { baseUrl, username: YETI_SANDBOX_USERNAME, password: 'changed-password', sessionToken: valid });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/Incorrect login or password/);
});

test('an unreachable server fails the test with the network error, not a pass', async () => {
	const result = await testCredential('ocambaApi', { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl: 'http://127.0.0.1:9' });
	expect(result.status).toBe('Error');
});
