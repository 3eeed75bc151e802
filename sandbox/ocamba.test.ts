/** The Ocamba sandbox itself, over plain fetch: auth, lists, filters, rate limits, error bodies. */
import { OCAMBA_SANDBOX_TOKEN, createOcambaSandbox, type OcambaSandbox } from './ocamba';

let sandbox: OcambaSandbox;
let url: string;

beforeAll(async () => {
	sandbox = createOcambaSandbox({ rateLimits: { perSecond: 1000, perMinute: 100000 } });
	url = await sandbox.start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.setRateLimits({ perSecond: 1000, perMinute: 100000, enabled: true, retryAfterUnknown: false });
});

const auth = { Authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}` };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
	const response = await fetch(`${url}${path}`, {
		method,
		headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('auth', () => {
	test('the token check answers 204 for the accepted token and 401 with the error body otherwise', async () => {
		expect((await call('POST', '/v2/ocamba/personal-api-keys/validate')).status).toBe(204);
		const bad = await call('POST', '/v2/ocamba/personal-api-keys/validate', undefined, { Authorization: 'Bearer nope' });
		expect(bad.status).toBe(401);
		expect(bad.body).toMatchObject({ code: 401, title: 'Unauthorized.', message: expect.any(String), trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect((await call('GET', '/v2/ocamba/accounts', undefined, {})).status).toBe(401);
		// Exactly "Bearer <token>": no other scheme, no token without the scheme.
		expect((await call('GET', '/v2/ocamba/accounts', undefined, { Authorization: OCAMBA_SANDBOX_TOKEN })).status).toBe(401);
	});
});

describe('accounts', () => {
	test('create (the seed body), get, update, delete; the default account is in use', async () => {
		const seedBody = { name: 'new account', status: 'active', contacts: [{ type: 'email', value: '[email protected]' }], feeds: { postbacks: 'test123' } };
		const created = await call('POST', '/v2/ocamba/accounts', seedBody);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ name: 'new account', status: 'active', configured_status: 'active', feeds: { postbacks: 'test123' }, is_default: 0, company_id: expect.any(String) });
		expect(created.body.contacts[0]).toMatchObject({ type: 'email', value: '[email protected]', id: expect.any(String) });
		const id = created.body.id;
		expect(typeof id).toBe('string');
		expect((await call('PATCH', `/v2/ocamba/accounts/${id}`, { status: 'paused' })).status).toBe(204);
		expect((await call('GET', `/v2/ocamba/accounts/${id}`)).body).toMatchObject({ status: 'paused', name: 'new account' });
		expect((await call('GET', `/v2/ocamba/accounts/${id}?fields=id,name`)).body).toEqual({ id, name: 'new account' });
		expect((await call('PATCH', `/v2/ocamba/accounts/${id}`, {})).status).toBe(400);
		expect((await call('DELETE', `/v2/ocamba/accounts/${id}`)).status).toBe(204);
		const gone = await call('GET', `/v2/ocamba/accounts/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.body).toMatchObject({ code: 404, title: 'Not found.' });
		const inUse = await call('DELETE', '/v2/ocamba/accounts/1000000');
		expect(inUse.status).toBe(409);
		expect(inUse.body.message).toMatch(/in use/);
	});

	test('invalid bodies answer 400 with the documented error body', async () => {
		for (const body of [{}, { name: '' }, { name: 'x', status: 'sleeping' }, { name: 'x', contacts: [{ type: 'fax', value: '1' }] }, { name: 'x', extra: 1 }]) {
			const answer = await call('POST', '/v2/ocamba/accounts', body);
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ code: 400, title: 'Bad request.', message: expect.stringMatching(/not valid/), trace_id: expect.any(String) });
		}
		const notJson = await fetch(`${url}/v2/ocamba/accounts`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"name":' });
		expect(notJson.status).toBe(400);
	});

	test('contacts sub-resource', async () => {
		const added = await call('POST', '/v2/ocamba/accounts/1000000/contacts', { type: 'phone', value: '+33612345678' });
		expect(added.status).toBe(201);
		const list = await call('GET', '/v2/ocamba/accounts/1000000/contacts?page=1,10');
		expect(list.body.total).toBe(2);
		expect((await call('PATCH', `/v2/ocamba/accounts/1000000/contacts/${added.body.id}`, { value: '+33700000000' })).status).toBe(204);
		expect((await call('GET', `/v2/ocamba/accounts/1000000/contacts/${added.body.id}`)).body).toEqual({ id: added.body.id, type: 'phone', value: '+33700000000' });
		expect((await call('DELETE', `/v2/ocamba/accounts/1000000/contacts/${added.body.id}`)).status).toBe(204);
		expect((await call('GET', `/v2/ocamba/accounts/1000000/contacts/${added.body.id}`)).status).toBe(404);
	});
});

describe('lists', () => {
	beforeEach(async () => {
		const statuses = ['active', 'paused', 'inactive', 'active', 'archived'];
		for (const [i, status] of statuses.entries()) await call('POST', '/v2/ocamba/accounts', { name: `Shop ${i + 1}`, status });
	});

	test('page=N,M pages with a numeric total for accounts', async () => {
		const first = await call('GET', '/v2/ocamba/accounts?page=1,2');
		expect(first.body.total).toBe(6);
		expect(first.body.items.map((a: { id: string }) => a.id)).toEqual(['1000000', '1000001']);
		const third = await call('GET', '/v2/ocamba/accounts?page=3,2');
		expect(third.body.items.map((a: { id: string }) => a.id)).toEqual(['1000004', '1000005']);
		expect((await call('GET', '/v2/ocamba/accounts?page=0,2')).status).toBe(400);
		expect((await call('GET', '/v2/ocamba/accounts?page=1,5000')).status).toBe(400);
	});

	test('search, sort and every filter operator', async () => {
		const names = async (query: string) => (await call('GET', `/v2/ocamba/accounts?${query}`)).body.items.map((a: { name: string }) => a.name);
		expect(await names('q=shop 2')).toEqual(['Shop 2']);
		expect(await names('sort=-name&q=shop')).toEqual(['Shop 5', 'Shop 4', 'Shop 3', 'Shop 2', 'Shop 1']);
		expect(await names('status=paused')).toEqual(['Shop 2']);
		expect(await names('status=eq:archived')).toEqual(['Shop 5']);
		expect(await names('status=neq:active&q=shop')).toEqual(['Shop 2', 'Shop 3', 'Shop 5']);
		expect(await names('status=in:paused,archived')).toEqual(['Shop 2', 'Shop 5']);
		expect(await names('status=nin:active,paused&q=shop')).toEqual(['Shop 3', 'Shop 5']);
		expect(await names('id=gt:1000003')).toEqual(['Shop 4', 'Shop 5']);
		expect(await names('id=gte:1000004')).toEqual(['Shop 4', 'Shop 5']);
		expect(await names('id=lt:1000002&q=shop')).toEqual(['Shop 1']);
		expect(await names('id=lte:1000002&q=shop')).toEqual(['Shop 1', 'Shop 2']);
		expect(await names('id=r:1000002,1000004')).toEqual(['Shop 2', 'Shop 3', 'Shop 4']);
		expect(await names('id=rf:1000002,1000004')).toEqual(['Shop 2', 'Shop 3']);
		expect(await names('id=rl:1000002,1000004')).toEqual(['Shop 3', 'Shop 4']);
		expect(await names('id=rr:1000002,1000004')).toEqual(['Shop 3']);
		expect((await call('GET', '/v2/ocamba/accounts?colour=red')).status).toBe(400);
	});

	test('integrations report total as a string and filter by type', async () => {
		const make = (name: string, provider_id: string, settings: object) => call('POST', '/v1/hood/integrations', { name, provider_id, settings, status: 'active' });
		expect((await make('T', '1000', { account_sid: 'AC1', auth_token: 'x', default_phone_number: '+1' })).status).toBe(201);
		expect((await make('M', '1004', { api_key: 'k', sender_name: 'S' })).status).toBe(201);
		expect((await make('G', '1005', { api_key: 'k', domain: 'd', sender_email: 'e', sender_name: 'n' })).status).toBe(201);
		const all = await call('GET', '/v1/hood/integrations?page=1,2');
		expect(all.body.total).toBe('3');
		expect(all.body.items).toHaveLength(2);
		const sms = await call('GET', '/v1/hood/integrations?type=sms');
		expect(sms.body.items.map((i: { name: string }) => i.name)).toEqual(['T', 'M']);
		expect((await make('bad', 1000 as unknown as string, {})).status).toBe(400);
	});
});

describe('rate limits', () => {
	test('burst limit, headers on success, 429 with Retry-After and the error body', async () => {
		sandbox.setRateLimits({ perSecond: 3, perMinute: 100 });
		// Start at the beginning of a fixed second so all four land in the same window.
		await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await call('GET', '/v2/ocamba/accounts'));
		expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
		expect(answers[0].headers.get('x-ratelimit-limit')).toBe('3');
		expect(answers[0].headers.get('x-ratelimit-remaining')).toBe('2');
		expect(Number(answers[0].headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
		expect(Number(answers[0].headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(1);
		expect(answers[3].status).toBe(429);
		expect(answers[3].headers.get('retry-after')).toBe('1');
		expect(answers[3].body).toMatchObject({ code: 429, title: 'Too many requests.' });
		expect(sandbox.throttled).toBe(1);
	});

	test('steady limit, Retry-After -1 on request, and the control route', async () => {
		const control = await fetch(`${url}/__sandbox/ocamba/rate-limits`, { method: 'POST', body: JSON.stringify({ perSecond: 100, perMinute: 2, retryAfterUnknown: true }) });
		expect(await control.json()).toMatchObject({ perSecond: 100, perMinute: 2, retryAfterUnknown: true });
		const first = await call('GET', '/v2/ocamba/accounts');
		// The minute window has the smaller share left, so it is the one announced.
		expect(first.headers.get('x-ratelimit-limit')).toBe('2');
		await call('GET', '/v2/ocamba/accounts');
		const third = await call('GET', '/v2/ocamba/accounts');
		if (third.status === 200) return; // a minute boundary passed between the calls
		expect(third.status).toBe(429);
		expect(third.headers.get('retry-after')).toBe('-1');
	});
});

test('providers list includes the six documented providers and Telegram; setting types as documented or as inputs', async () => {
	const providers = await call('GET', '/v1/hood/providers');
	expect(providers.body.map((p: { id: string; name: string }) => `${p.id} ${p.name}`)).toEqual(['1000 Twilio', '1001 Custom SMTP', '1002 Mandrill', '1003 SendGrid', '1004 Mitto', '1005 Mailgun', '1006 Telegram']);
	// Get Integration's documented example gives "Auth Token" the type "string".
	expect(providers.body[0].settings[1]).toEqual({ title: 'Auth Token', name: 'auth_token', type: 'string', required: true, deprecated: false });
	sandbox.setModes({ providerSettingTypes: 'input' });
	expect((await call('GET', '/v1/hood/providers')).body[0].settings[1]).toMatchObject({ name: 'auth_token', type: 'password' });
	sandbox.addProvider({ id: '1099', type: 'email', name: 'Hypothetical', settings: [{ title: 'Access Key', name: 'access_key', type: 'password', required: true, deprecated: false }] });
	expect((await call('GET', '/v1/hood/providers')).body.map((p: { id: string }) => p.id)).toContain('1099');
	sandbox.reset();
	expect((await call('GET', '/v1/hood/providers')).body.map((p: { id: string }) => p.id)).not.toContain('1099');
});

test('validate and test-notification check settings against the provider', async () => {
	expect((await call('POST', '/v1/hood/integrations/validate', { provider_id: '1001', settings: { default_sender_email: 'a@b.c', default_sender_name: 'n', sending_domain: 'd', port: 'x587', username: 'u', password: 'p' } })).status).toBe(400);
	expect((await call('POST', '/v1/hood/integrations/validate', { provider_id: '1004', settings: { api_key: 'k', sender_name: 'S' } })).status).toBe(204);
	expect((await call('POST', '/v1/hood/test-notification', { integration: { provider_id: '1004', settings: { api_key: 'k', sender_name: 'S' } }, recipient: '+33612345678' })).status).toBe(204);
	expect((await call('POST', '/v1/hood/test-notification', { integration: { provider_id: '1004', settings: { api_key: 'k', sender_name: 'S' } }, recipient: 'someone@example.com' })).status).toBe(400);
});

test('test helpers: seeding, a silent page cap and a one-off page failure', async () => {
	sandbox.seedAccounts(30, { status: 'paused' });
	sandbox.seedIntegrations(10);
	expect((await call('GET', '/v2/ocamba/accounts?status=paused&page=1,1')).body.total).toBe(30);
	expect((await call('GET', '/v1/hood/integrations?page=1,1')).body.total).toBe('10');
	sandbox.setSilentPageCap(7);
	const capped = await call('GET', '/v2/ocamba/accounts?page=1,1000');
	expect(capped.status).toBe(200);
	expect(capped.body.items).toHaveLength(7);
	expect(capped.body.total).toBe(31);
	sandbox.failPage({ path: '/v2/ocamba/accounts', page: 2, status: 500, message: 'boom' });
	expect((await call('GET', '/v2/ocamba/accounts?page=2,7')).status).toBe(500);
	expect((await call('GET', '/v2/ocamba/accounts?page=2,7')).status).toBe(200);
	sandbox.reset();
	expect((await call('GET', '/v2/ocamba/accounts?page=1,1000')).body.total).toBe(1);
});

describe('readings the docs leave open (modes)', () => {
	const twilio = { name: 'T', provider_id: '1000', settings: { account_sid: 'AC1', auth_token: 'twilio-secret', default_phone_number: '+33612345678' }, status: 'active' };

	test('single reads come bare or wrapped in {total: 1, items}', async () => {
		const id = (await call('POST', '/v1/hood/integrations', twilio)).body.id;
		expect((await call('GET', '/v2/ocamba/accounts/1000000')).body).toMatchObject({ id: '1000000' });
		expect((await call('GET', `/v1/hood/integrations/${id}`)).body).toMatchObject({ id, provider: { id: '1000' } });
		sandbox.setModes({ singleRead: 'wrapped' });
		expect((await call('GET', '/v2/ocamba/accounts/1000000')).body).toEqual({ total: 1, items: [expect.objectContaining({ id: '1000000' })] });
		expect((await call('GET', `/v1/hood/integrations/${id}`)).body).toEqual({ total: 1, items: [expect.objectContaining({ id })] });
		const contact = (await call('GET', '/v2/ocamba/accounts/1000000/contacts/95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b')).body;
		expect(contact).toEqual({ total: 1, items: [{ id: '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b', type: 'email', value: 'billing@example.com' }] });
		// A missing record is still a 404, in either shape.
		expect((await call('GET', '/v2/ocamba/accounts/42')).status).toBe(404);
	});

	test('a partial settings PATCH replaces the stored settings (default) or merges into them', async () => {
		const id = (await call('POST', '/v1/hood/integrations', twilio)).body.id;
		expect((await call('PATCH', `/v1/hood/integrations/${id}`, { settings: { default_phone_number: '+33700000000' } })).status).toBe(204);
		expect((await call('GET', `/v1/hood/integrations/${id}`)).body.settings).toEqual({ default_phone_number: '+33700000000' });
		sandbox.setModes({ integrationSettings: 'merge' });
		await call('PATCH', `/v1/hood/integrations/${id}`, { settings: { account_sid: 'AC2', auth_token: 'x' } });
		await call('PATCH', `/v1/hood/integrations/${id}`, { settings: { auth_token: 'y', unknown_key: 'dropped' } });
		expect((await call('GET', `/v1/hood/integrations/${id}`)).body.settings).toEqual({ account_sid: 'AC2', auth_token: 'y', default_phone_number: '+33700000000' });
	});

	test('secret settings can be masked on read', async () => {
		const id = (await call('POST', '/v1/hood/integrations', twilio)).body.id;
		sandbox.setModes({ secretsOnRead: 'masked' });
		expect((await call('GET', `/v1/hood/integrations/${id}`)).body.settings).toEqual({ account_sid: 'AC1', auth_token: '********', default_phone_number: '+33612345678' });
		expect((await call('GET', '/v1/hood/integrations')).body.items[0].settings.auth_token).toBe('********');
	});

	test('an oversized page is refused with a 400 naming the page size, or capped; page=N alone serves the default size', async () => {
		sandbox.seedAccounts(45);
		sandbox.setModes({ pageSize: { max: 10, over: 'refuse' } });
		const refused = await call('GET', '/v2/ocamba/accounts?page=1,1000');
		expect(refused.status).toBe(400);
		expect(refused.body.message).toMatch(/page size must be at most 10/);
		expect((await call('GET', '/v2/ocamba/accounts?page=1,10')).body.items).toHaveLength(10);
		expect((await call('GET', '/v2/ocamba/accounts?page=3')).body.items.map((a: { name: string }) => a.name)[0]).toBe('Account 40');
		sandbox.setModes({ pageSize: { max: 10, over: 'cap' } });
		expect((await call('GET', '/v2/ocamba/accounts?page=1,1000')).body.items).toHaveLength(10);
	});

	test('validate answers 204/400, or 200 JSON saying valid or not', async () => {
		const invalid = { provider_id: '1000', settings: { ...twilio.settings, account_sid: 'XX' } };
		sandbox.setModes({ validateAnswer: 'json' });
		expect(await call('POST', '/v1/hood/integrations/validate', invalid)).toMatchObject({ status: 200, body: { valid: false, message: expect.stringMatching(/account_sid/) } });
		expect(await call('POST', '/v1/hood/integrations/validate', { provider_id: '1000', settings: twilio.settings })).toMatchObject({ status: 200, body: { valid: true } });
		// Malformed requests are still 400s.
		expect((await call('POST', '/v1/hood/integrations/validate', { provider_id: '1000', settings: {} })).status).toBe(400);
	});

	test('the control route sets modes; reset restores the defaults', async () => {
		const answer = await fetch(`${url}/__sandbox/ocamba/modes`, { method: 'POST', body: JSON.stringify({ integrationSettings: 'merge', singleRead: 'wrapped' }) });
		expect(await answer.json()).toMatchObject({ integrationSettings: 'merge', singleRead: 'wrapped', validateAnswer: 'status' });
		sandbox.reset();
		expect(sandbox.modes).toMatchObject({ integrationSettings: 'replace', singleRead: 'bare' });
	});
});

describe('rate limits per account', () => {
	test('two tokens of one account share the windows; another account has its own', async () => {
		sandbox.setTokens({ [OCAMBA_SANDBOX_TOKEN]: 'acme', 'second-token': 'acme', 'other-token': 'globex' });
		sandbox.setRateLimits({ perSecond: 2, perMinute: 100 });
		try {
			await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
			const as = (token: string) => call('GET', '/v2/ocamba/accounts', undefined, { Authorization: `Bearer ${token}` });
			const first = await as(OCAMBA_SANDBOX_TOKEN);
			expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
			expect((await as('second-token')).headers.get('x-ratelimit-remaining')).toBe('0');
			expect((await as('second-token')).status).toBe(429);
			expect((await as('other-token')).status).toBe(200);
			expect(sandbox.usage.peak('acme').second).toBe(2);
			expect(sandbox.usage.peak('globex').second).toBe(1);
		} finally {
			sandbox.setTokens([OCAMBA_SANDBOX_TOKEN]);
		}
	});
});

describe('Hood users: Send SMS To User', () => {
	async function smsIntegration() {
		return (await call('POST', '/v1/hood/integrations', { name: 'SMS', provider_id: '1004', settings: { api_key: 'k', sender_name: 'S' }, status: 'active' })).body.id as string;
	}

	test('sends through an SMS integration to the user\'s mobile number (204)', async () => {
		const integrationId = await smsIntegration();
		const body = { integration_id: integrationId, content: 'Hello from Ocamba! Link: ${URL_0}', shorten_links: [{ placeholder: 'URL_0', url: 'https://ocamba.com', expires_in: 17 }] };
		const answer = await call('POST', '/v1/hood/users/2000001/send-sms', body);
		expect(answer.status).toBe(204);
		expect(sandbox.sentSms).toEqual([{ userId: '2000001', integrationId, to: '+33612345678', content: body.content, shortenLinks: body.shorten_links }]);
	});

	test('refuses what the page\'s notes rule out', async () => {
		const integrationId = await smsIntegration();
		const email = (await call('POST', '/v1/hood/integrations', { name: 'E', provider_id: '1003', settings: { api_key: 'k', default_sender_name: 'n', default_sender_email: 'a@b.c' } })).body.id;
		const send = (body: object, user = '2000001') => call('POST', `/v1/hood/users/${user}/send-sms`, body);
		expect((await send({ integration_id: integrationId, content: '' })).status).toBe(400);
		expect((await send({ integration_id: integrationId, content: 'x'.repeat(321) })).status).toBe(400);
		// A placeholder under 23 characters counts as 23: 300 + 23 > 320.
		expect((await send({ integration_id: integrationId, content: `${'x'.repeat(300)}\${U}`, shorten_links: [{ placeholder: 'U', url: 'https://a.b' }] })).status).toBe(400);
		expect((await send({ integration_id: integrationId, content: 'Hi ${A} ${B}', shorten_links: [{ placeholder: 'A', url: 'https://a.b' }] })).status).toBe(400);
		expect((await send({ integration_id: integrationId, content: 'Hi', shorten_links: [{ placeholder: 'A', url: 'https://a.b' }] })).status).toBe(400);
		expect((await send({ integration_id: email, content: 'Hi' })).status).toBe(400);
		expect((await send({ integration_id: '999', content: 'Hi' })).status).toBe(400);
		expect((await send({ integration_id: integrationId, content: 'Hi' }, '2000002')).body.message).toMatch(/no mobile phone number/);
		expect((await send({ integration_id: integrationId, content: 'Hi' }, '42')).status).toBe(404);
		expect(sandbox.sentSms).toEqual([]);
	});
});
