/** JWT login through the credential: obtained once, reused, renewed after a 401 (empty body), failures in Yeti's words. */
import { YETI_SANDBOX_PASSWORD } from '../../sandbox/yeti';
import { runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();
const getAccount = { resource: 'account', operation: 'get', id: '={{ $json.id }}' };
const items = [{ id: '1' }, { id: '2' }, { id: '3' }];

function leaks(value: unknown, secrets: string[]) {
	const text = JSON.stringify(value, Object.getOwnPropertyNames(value instanceof Error ? value : {}).length ? Object.getOwnPropertyNames(value) : undefined);
	return secrets.filter((secret) => text.includes(secret));
}

test('logs in once, sends the JWT as Authorization on every request and reuses it in the next run', async () => {
	const credentials = yeti.credentials();
	await yeti.run(getAccount, { items, credentials });
	await yeti.run(getAccount, { items, credentials });
	expect(credentials.logins.yetiSwitchApi).toBe(1);
	const token = credentials.store.yetiSwitchApi.sessionToken as string;
	expect(yeti.adminRequests()).toHaveLength(6);
	for (const request of yeti.adminRequests()) expect(request.headers.authorization).toBe(token);
	const login = yeti.sandbox.requests[0];
	expect(login.headers['content-type']).toMatch(/^application\/json/);
	expect(login.body).toEqual({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } });
});

test('a token that expires mid-run is renewed with exactly one extra login and the run succeeds', async () => {
	const credentials = yeti.credentials();
	// The second request is held in the server; as soon as it has arrived every token expires, so it is
	// answered 401 (empty body). Triggered by the arrival, not by a timer, so load cannot reorder it.
	yeti.sandbox.injectFault({ method: 'GET', path: '/api/rest/admin/accounts/2', delayMs: 1000 });
	const expireOnArrival = (async () => {
		while (!yeti.sandbox.requests.some((r) => r.path === '/api/rest/admin/accounts/2')) await new Promise((resolve) => setTimeout(resolve, 5));
		yeti.sandbox.expireAllTokens();
	})();
	const { items: output } = await yeti.run(getAccount, { items, credentials });
	await expireOnArrival;
	expect(output.map((i) => i.json.id)).toEqual(['1', '2', '3']);
	expect(credentials.logins.yetiSwitchApi).toBe(2);
	expect(yeti.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /api/rest/admin/auth',
		'GET /api/rest/admin/accounts/1',
		'GET /api/rest/admin/accounts/2',
		'POST /api/rest/admin/auth',
		'GET /api/rest/admin/accounts/2',
		'GET /api/rest/admin/accounts/3',
	]);
});

test('a stored token past its exp is replaced by one new login', async () => {
	const expired = yeti.sandbox.signToken({ sub: 1, aud: ['admin'], exp: Math.floor(Date.now() / 1000) - 10 });
	const credentials = yeti.credentials({ sessionToken: expired });
	const { items: output } = await yeti.run(getAccount, { items: [{ id: '1' }], credentials });
	expect(output[0].json.name).toBe('Acme main');
	expect(credentials.logins.yetiSwitchApi).toBe(1);
	expect(credentials.store.yetiSwitchApi.sessionToken).not.toBe(expired);
});

test('401 again after the new login: "check username and password", no secret in the error', async () => {
	const credentials = yeti.credentials();
	yeti.sandbox.injectFault({ path: '/api/rest/admin/accounts/1', status: 401, times: 2 });
	const error = await runError(yeti, getAccount, { items: [{ id: '1' }], credentials });
	expect(error.message).toBe('Yeti-Switch refused the credentials (401)');
	expect(error.description).toContain('check username and password');
	expect(credentials.logins.yetiSwitchApi).toBe(2);
	const token = credentials.store.yetiSwitchApi.sessionToken as string;
	expect(leaks(error, [token, YETI_SANDBOX_PASSWORD])).toEqual([]);
});

test('a wrong password surfaces Yeti\'s detail and sends no admin request', async () => {
	const error = await runError(yeti, getAccount, { items: [{ id: '1' }], credentials: yeti.credentials({ password: 'wrong-password-123' }) });
	expect(error.message).toBe('Yeti-Switch login failed: Incorrect login or password.');
	expect(error.description).toContain('username and password');
	expect(yeti.adminRequests()).toHaveLength(0);
	expect(leaks(error, ['wrong-password-123'])).toEqual([]);
});

test('an IP that is not allowed surfaces "Your IP address is not allowed."', async () => {
	yeti.sandbox.ipNotAllowed = true;
	const error = await runError(yeti, getAccount, { items: [{ id: '1' }] });
	expect(error.message).toBe('Yeti-Switch login failed: Your IP address is not allowed.');
	expect(error.description).toContain('IP');
});

test('continue on fail with a failed login: every item carries the login error, no output leaks the password', async () => {
	const { items: output } = await yeti.run(getAccount, { items, continueOnFail: true, credentials: yeti.credentials({ password: 'wrong-password-123' }) });
	expect(output).toHaveLength(3);
	for (const item of output) expect(item.json.error).toBe('Yeti-Switch login failed: Incorrect login or password.');
	expect(leaks(output, ['wrong-password-123'])).toEqual([]);
});

test('no output of a successful run carries the token or password', async () => {
	const credentials = yeti.credentials();
	const { items: output } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true }, { credentials });
	expect(leaks(output, [credentials.store.yetiSwitchApi.sessionToken as string, YETI_SANDBOX_PASSWORD])).toEqual([]);
});
