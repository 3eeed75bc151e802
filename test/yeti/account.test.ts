/** Account end to end through n8n-core against the sandbox: the seed request, reads, writes, balance extras. */
import { SEED_SERVER_VERSION } from '../../sandbox/yeti';
import { CURRENT_PARAMETERS, JSONAPI, runError, SEED_BODY, SEED_PARAMETERS, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

describe('Account › Create', () => {
	test(`reproduces the seed request exactly on Yeti ${SEED_SERVER_VERSION} and outputs one flat record`, async () => {
		yeti.sandbox.serverVersion = SEED_SERVER_VERSION;
		const { items, credentialsHelper } = await yeti.run(SEED_PARAMETERS);
		const [login, create] = yeti.sandbox.requests;
		expect(login).toMatchObject({ method: 'POST', path: '/api/rest/admin/auth', body: { auth: { username: 'admin', password: expect.any(String) } } });
		expect(create.method).toBe('POST');
		expect(create.path).toBe('/api/rest/admin/accounts');
		expect(create.headers['content-type']).toBe(JSONAPI);
		expect(create.headers.accept).toBe(JSONAPI);
		expect(create.headers.authorization).toMatch(/^eyJhbGciOiJIUzI1NiJ9\./);
		expect(create.body).toEqual(SEED_BODY);
		expect(credentialsHelper.logins.yetiSwitchApi).toBe(1);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			id: '4',
			name: 'name',
			balance: '0.0',
			'min-balance': '1.0',
			'max-balance': '10.0',
			'send-balance-notifications-to': [1],
			timezone: 'Europe/Kyiv',
			'contractor-id': '4',
			'invoice-template-id': null,
		});
		expect(items[0].json).not.toHaveProperty('relationships');
		expect(items[0].json).not.toHaveProperty('currency');
	});

	test('the seed bytes whatever order n8n saved the Additional Fields in (it sorts them by name)', async () => {
		yeti.sandbox.serverVersion = SEED_SERVER_VERSION;
		const sorted = Object.fromEntries(Object.entries(SEED_PARAMETERS.additionalFields).sort(([a], [b]) => a.localeCompare(b)));
		await yeti.run({ ...SEED_PARAMETERS, additionalFields: sorted });
		expect(yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts')[0].rawBody).toBe(JSON.stringify(SEED_BODY));
	});

	test('accounts.required_on_create currency (since 1.14.72): without Currency a current server answers 422, and the error says to set it', async () => {
		const error = await runError(yeti, SEED_PARAMETERS);
		expect(yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts')[0].body).toEqual(SEED_BODY);
		expect(error.message).toBe('Yeti-Switch rejected the request (422): currency: must exist — set "Currency"');
		expect(error.description).toContain('Yeti-Switch 1.14.72 and later require "Currency"');
		expect(error.description).toContain('such as USD');
	});

	test('with Currency a current server creates the account; the currency goes out as an attribute and comes back', async () => {
		const { items } = await yeti.run(CURRENT_PARAMETERS);
		const body = yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts')[0].body as typeof SEED_BODY;
		expect(body.data.attributes).toEqual({ ...SEED_BODY.data.attributes, currency: 'USD' });
		expect(items[0].json).toMatchObject({ name: 'name', currency: 'USD', 'contractor-id': '4' });
	});

	test('Currency is a visible field on top with a hint that says which servers need it', async () => {
		const { RESOURCES } = await import('../../nodes/YetiSwitch/actions/resources');
		const currency = RESOURCES.find((r) => r.value === 'account')!.properties.find((p) => p.name === 'currency')!;
		expect(currency).toMatchObject({ displayName: 'Currency', type: 'string', required: false, displayOptions: { show: { resource: ['account'], operation: ['create'] } } });
		expect(currency.hint).toBe('Required by Yeti-Switch 1.14.72 and later; leave empty only for older servers');
	});

	test('Raw JSON:API outputs the resource object as sent', async () => {
		const { items } = await yeti.run({ ...CURRENT_PARAMETERS, options: { rawJsonApi: true } });
		expect(items[0].json).toMatchObject({ id: '4', type: 'accounts', attributes: { name: 'name' }, relationships: { contractor: { data: { type: 'contractors', id: '4' } } } });
	});

	test('a duplicate external ID fails with the field named from the pointer', async () => {
		const error = await runError(yeti, { ...CURRENT_PARAMETERS, additionalFields: { externalId: 5001 } });
		expect(error.message).toContain('external-id: has already been taken');
		expect(error.message).toContain('422');
	});

	test('a missing required field fails before any request, naming the field and item', async () => {
		const error = await runError(yeti, { ...CURRENT_PARAMETERS, name: '  ' });
		expect(error.message).toBe('"Name" is empty [item 0]');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('a non-number for a number field fails before any request', async () => {
		const error = await runError(yeti, { ...CURRENT_PARAMETERS, additionalFields: { vat: 'abc' } });
		expect(error.message).toContain('"VAT" is not a number');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('continue on fail: the failing item is reported, the others are created once', async () => {
		const { items } = await yeti.run(
			{ ...CURRENT_PARAMETERS, name: '={{ $json.name }}', additionalFields: { externalId: '={{ $json.ext }}' } },
			{ items: [{ name: 'A', ext: 9001 }, { name: 'B', ext: 5001 }, { name: 'C', ext: 9003 }], continueOnFail: true },
		);
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.name).toBe('A');
		expect(items[1].json.error).toContain('external-id: has already been taken');
		expect(items[2].json.name).toBe('C');
		expect(yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts')).toHaveLength(3);
	});
});

describe('Account › Get, Update, Delete', () => {
	test('get by ID with the contractor included', async () => {
		const { items } = await yeti.run({ resource: 'account', operation: 'get', id: '2', options: { include: ['contractor'] } });
		const [request] = yeti.adminRequests();
		expect(request.url).toBe('/api/rest/admin/accounts/2?include=contractor');
		expect(items[0].json).toMatchObject({ id: '2', name: 'Demo prepaid', balance: '3.2', 'contractor-id': '4', contractor: { id: '4', name: 'Demo Customer' } });
	});

	test('get of an unknown ID names the resource and the ID', async () => {
		const error = await runError(yeti, { resource: 'account', operation: 'get', id: '999' });
		expect(error.message).toBe('Yeti-Switch: account 999 not found (404)');
	});

	test('an ID cannot walk to another endpoint', async () => {
		await runError(yeti, { resource: 'account', operation: 'get', id: '1/../../contractors' });
		expect(yeti.adminRequests()[0].url).toBe('/api/rest/admin/accounts/1%2F..%2F..%2Fcontractors');
	});

	test('update sends PATCH with data.id and only the fields set', async () => {
		const { items } = await yeti.run({ resource: 'account', operation: 'update', id: '2', updateFields: { maxBalance: 500, sendInvoicesTo: '1, 2', contractor: '1' } });
		const [request] = yeti.adminRequests();
		expect(request.method).toBe('PATCH');
		expect(request.path).toBe('/api/rest/admin/accounts/2');
		expect(request.headers['content-type']).toBe(JSONAPI);
		expect(request.body).toEqual({
			data: { type: 'accounts', id: '2', attributes: { 'max-balance': 500, 'send-invoices-to': [1, 2] }, relationships: { contractor: { data: { type: 'contractors', id: 1 } } } },
		});
		expect(items[0].json).toMatchObject({ id: '2', 'max-balance': '500.0', 'contractor-id': '1' });
	});

	test('update with nothing to change fails before any request', async () => {
		const error = await runError(yeti, { resource: 'account', operation: 'update', id: '2', updateFields: {} });
		expect(error.message).toContain('"Update Fields" is empty');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('delete answers 204 and outputs the id with deleted: true', async () => {
		const { items } = await yeti.run({ resource: 'account', operation: 'delete', id: '3' });
		expect(yeti.adminRequests()[0]).toMatchObject({ method: 'DELETE', path: '/api/rest/admin/accounts/3' });
		expect(items[0].json).toEqual({ id: '3', deleted: true });
		expect(yeti.sandbox.table('accounts').rows.has('3')).toBe(false);
	});
});

describe('Account › Set Balance and Correct Balance', () => {
	test('set balance: PUT /accounts/{external-id}/balance with type balances and the external ID as data.id', async () => {
		const { items } = await yeti.run({ resource: 'account', operation: 'setBalance', externalId: '5004', balance: 42.5 });
		const [request] = yeti.adminRequests();
		expect(request).toMatchObject({ method: 'PUT', path: '/api/rest/admin/accounts/5004/balance' });
		expect(request.headers['content-type']).toBe(JSONAPI);
		expect(request.body).toEqual({ data: { type: 'balances', id: '5004', attributes: { balance: 42.5 } } });
		expect(items[0].json).toEqual({ id: '5004', balance: '42.5' });
		expect(yeti.sandbox.table('accounts').rows.get('2')!.attributes.balance).toBe(42.5);
	});

	test('set balance on an unknown external ID says which ID was not found', async () => {
		const error = await runError(yeti, { resource: 'account', operation: 'setBalance', externalId: '77', balance: 1 });
		expect(error.message).toBe('Yeti-Switch: account with external ID 77 not found (404)');
	});

	test('correct balance: PUT /accounts/{id}/balance-correction with type balance-correction and data.id', async () => {
		const { items } = await yeti.run({ resource: 'account', operation: 'correctBalance', id: '1', correction: -0.5 });
		const [request] = yeti.adminRequests();
		expect(request).toMatchObject({ method: 'PUT', path: '/api/rest/admin/accounts/1/balance-correction' });
		expect(request.body).toEqual({ data: { type: 'balance-correction', id: '1', attributes: { correction: -0.5 } } });
		expect(items[0].json).toEqual({ id: '1', balance: '250.0', name: 'Acme main' });
	});

	test('a correction that got a 503 is not sent again (it adds: a repeat would apply it twice) and says so', async () => {
		yeti.sandbox.injectFault({ method: 'PUT', path: '/api/rest/admin/accounts/1/balance-correction', status: 503 });
		const error = await runError(yeti, { resource: 'account', operation: 'correctBalance', id: '1', correction: 5 });
		expect(yeti.adminRequests().filter((r) => r.method === 'PUT')).toHaveLength(1);
		expect(error.description).toMatch(/may or may not have been carried out, so it was not sent again/);
	});

	test('a set balance that got a 503 is sent again (an absolute value: harmless to repeat)', async () => {
		yeti.sandbox.injectFault({ method: 'PUT', path: '/api/rest/admin/accounts/5004/balance', status: 503 });
		const { items } = await yeti.run({ resource: 'account', operation: 'setBalance', externalId: '5004', balance: 7 });
		expect(yeti.adminRequests().filter((r) => r.method === 'PUT')).toHaveLength(2);
		expect(items[0].json).toEqual({ id: '5004', balance: '7.0' });
	});
});

test('Requests in Parallel: 12 creates, 4 in flight, output in input order and paired, one login', async () => {
	yeti.sandbox.injectFault({ method: 'POST', path: '/api/rest/admin/accounts', delayMs: 100, times: 12 });
	const items = Array.from({ length: 12 }, (_, i) => ({ name: `Parallel ${i}` }));
	const { items: output, credentialsHelper } = await yeti.run({ ...CURRENT_PARAMETERS, name: '={{ $json.name }}', requestOptions: { concurrency: 4 } }, { items });
	expect(output.map((o) => o.json.name)).toEqual(items.map((i) => i.name));
	expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	expect(yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts')).toHaveLength(12);
	expect(credentialsHelper.logins.yetiSwitchApi).toBe(1);
	// Each answer takes 100 ms: requests received less than 100 ms apart were in flight together.
	const arrivals = yeti.sandbox.requestsTo('POST', '/api/rest/admin/accounts').map((r) => r.at);
	const overlapping = arrivals.filter((at, i) => i > 0 && at - arrivals[i - 1] < 100).length;
	expect(overlapping).toBeGreaterThanOrEqual(6);
});
