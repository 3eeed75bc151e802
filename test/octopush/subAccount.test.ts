/** Sub-Account operations: exact requests (the seeds' shape), outputs, encoding, two-step transfer. */
import { SEED_SUB_ACCOUNT_LOGIN } from '../../sandbox/octopush';
import { AUTH_HEADERS, useOctopush } from './helpers';

const t = useOctopush();

const seedCallbacks = {
	callbackUrlForInbounds: 'https://dns.com/call-back-url-1',
	callbackUrlForDeliveries: 'https://dns.com/call-back-url-2',
	callbackUrlForVisits: 'https://dns.com/call-back-url-3',
	callbackUrlForBlacklistedNumbers: 'https://dns.com/call-back-url-4',
	emailForInbounds: '[email protected]',
};
const seedCallbacksBody = {
	callback_url_for_inbounds: 'https://dns.com/call-back-url-1',
	callback_url_for_deliveries: 'https://dns.com/call-back-url-2',
	callback_url_for_visits: 'https://dns.com/call-back-url-3',
	callback_url_for_blacklisted_numbers: 'https://dns.com/call-back-url-4',
	email_for_inbounds: '[email protected]',
};

test('Create sends the seed\'s POST /subaccount/create body and outputs the new login and key', async () => {
	const { items } = await t.run({
		resource: 'subAccount',
		operation: 'create',
		firstName: 'Leonardo',
		lastName: 'Da Vinci',
		password: 'Sfumato-1519!',
		additionalFields: { companyName: 'Italy' },
		callbacks: seedCallbacks,
	});
	expect(t.sandbox.requests).toHaveLength(1);
	const request = t.sandbox.requests[0];
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/v1/public/subaccount/create');
	expect(request.headers).toMatchObject(AUTH_HEADERS);
	expect(request.body).toEqual({ first_name: 'Leonardo', last_name: 'Da Vinci', company_name: 'Italy', password: 'Sfumato-1519!', callbacks: seedCallbacksBody });
	expect(items).toHaveLength(1);
	expect(items[0].json).toEqual({ api_key: expect.any(String), api_login: expect.stringMatching(/@sub-accounts\.com$/) });
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(JSON.stringify(items)).not.toContain('Sfumato');
});

test('Create without callbacks sends no callbacks key; missing password fails before any request', async () => {
	await t.run({ resource: 'subAccount', operation: 'create', firstName: 'A', lastName: 'B', password: 'secret-pw-1' });
	expect(t.sandbox.requests[0].body).toEqual({ first_name: 'A', last_name: 'B', password: 'secret-pw-1' });
	t.sandbox.reset();
	const error = await t.fail({ resource: 'subAccount', operation: 'create', firstName: 'A', lastName: 'B', password: '' });
	expect(error.message).toBe('"Password" is empty [item 0]');
	const badUrl = await t.fail({ resource: 'subAccount', operation: 'create', firstName: 'A', lastName: 'B', password: 'pw-123456', callbacks: { callbackUrlForDeliveries: 'not a url' } });
	expect(badUrl.message).toMatch(/"Deliveries URL" is not a web address/);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Update sends the seed\'s PATCH with only the fields set, the login encoded in the path', async () => {
	const { items } = await t.run({
		resource: 'subAccount',
		operation: 'update',
		subAccountLogin: SEED_SUB_ACCOUNT_LOGIN,
		updateFields: { firstName: 'Leonardo', lastName: 'Da Vinci', companyName: 'Italy' },
		callbacks: seedCallbacks,
	});
	const request = t.sandbox.requests[0];
	expect(request.method).toBe('PATCH');
	expect(request.url).toBe('/v1/public/subaccount/*****%40sub-accounts.com/edit');
	expect(request.headers).toMatchObject(AUTH_HEADERS);
	expect(request.body).toEqual({ first_name: 'Leonardo', last_name: 'Da Vinci', company_name: 'Italy', callbacks: seedCallbacksBody });
	expect(items[0].json).toMatchObject({ api_login: SEED_SUB_ACCOUNT_LOGIN, updated: true, company_name: 'Italy' });
	expect(t.sandbox.subAccounts.get(SEED_SUB_ACCOUNT_LOGIN)).toMatchObject({ first_name: 'Leonardo', callback: { callback_url_for_visits: 'https://dns.com/call-back-url-3' } });
});

test('Update with nothing to change fails naming the field; a path-walking login stays one segment', async () => {
	const error = await t.fail({ resource: 'subAccount', operation: 'update', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN });
	expect(error.message).toBe('"Update Fields" are all empty [item 0]');
	expect(t.sandbox.requests).toHaveLength(0);
	const walk = await t.fail({ resource: 'subAccount', operation: 'update', subAccountLogin: '../../wallet/check-balance?x=#', updateFields: { firstName: 'X' } });
	expect(walk.message).toMatch(/not found \(404\)/);
	expect(t.sandbox.requests[0].url).toBe('/v1/public/subaccount/..%2F..%2Fwallet%2Fcheck-balance%3Fx%3D%23/edit');
});

test('Get reads GET /subaccount/{login} and outputs it with its login', async () => {
	const { items } = await t.run({ resource: 'subAccount', operation: 'get', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: '/v1/public/subaccount/*****%40sub-accounts.com', headers: AUTH_HEADERS });
	expect(items[0].json).toMatchObject({ api_login: SEED_SUB_ACCOUNT_LOGIN, first_name: 'Seed', callback: { callback_url_for_deliveries: null } });
	const missing = await t.fail({ resource: 'subAccount', operation: 'get', subAccountLogin: 'ghost@sub-accounts.com' });
	expect(missing.message).toBe('Octopush: not found (404): Sub-account ghost@sub-accounts.com not found. (code 100)');
});

test('Transfer Credit from the richest pack: balance with details, token, transfer; token not in output', async () => {
	const { items } = await t.run({ resource: 'subAccount', operation: 'transferCredit', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: 25 });
	expect(t.sandbox.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
		'GET /v1/public/wallet/check-balance?with_details=true',
		'POST /v1/public/subaccount/credit-transfer/token',
		'POST /v1/public/subaccount/credit-transfer/transfer',
	]);
	expect(t.sandbox.requests[1].body).toEqual({ email_to: SEED_SUB_ACCOUNT_LOGIN });
	const token = t.sandbox.requests[2].body as { token: string };
	expect(t.sandbox.requests[2].body).toEqual({ token: expect.any(String), from_wallet_pack_id: 'wp-1002', amount: 25 });
	expect(items[0].json).toEqual({
		email_to: SEED_SUB_ACCOUNT_LOGIN,
		amount: 25,
		from_wallet_pack_id: 'wp-1002',
		wallet_pack_from: { id: 'wp-1002', residual_credit: 455.25 },
		wallet_pack_to: { id: expect.any(String), residual_credit: 25 },
	});
	expect(JSON.stringify(items)).not.toContain(token.token);
});

test('Transfer Credit from a pack by id; fractional amounts refused before any request', async () => {
	await t.run({ resource: 'subAccount', operation: 'transferCredit', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: '3', sourcePack: 'byId', walletPackId: 'wp-1001' });
	expect(t.sandbox.requests).toHaveLength(2);
	expect(t.sandbox.requests[1].body).toEqual({ token: expect.any(String), from_wallet_pack_id: 'wp-1001', amount: 3 });
	t.sandbox.reset();
	const error = await t.fail({ resource: 'subAccount', operation: 'transferCredit', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: 2.5 });
	expect(error.message).toBe('"Amount (Euros)" must be a whole number, got 2.5 [item 0]');
	const tooMuch = await t.fail({ resource: 'subAccount', operation: 'transferCredit', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: 5000 });
	expect(tooMuch.message).toMatch(/"Amount \(Euros\)" is more than the richest wallet pack holds \(480.25 in wp-1002\)/);
	expect(t.sandbox.requests).toHaveLength(1);
});
