/** Get Many: pages of up to 1000, exactly meta.total-count records, filters by field type, sort, include, unpaginated routes. */
import { runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

test('Return All over 2,500 records takes exactly 3 pages of 1000 and outputs every record once', async () => {
	yeti.sandbox.seedAccounts(2497);
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true });
	expect(items).toHaveLength(2500);
	expect(new Set(items.map((i) => i.json.id)).size).toBe(2500);
	expect(yeti.adminRequests().map((r) => r.query)).toEqual([
		{ 'page[number]': '1', 'page[size]': '1000' },
		{ 'page[number]': '2', 'page[size]': '1000' },
		{ 'page[number]': '3', 'page[size]': '1000' },
	]);
	expect(items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('Return All of exactly 2,000 records stops at the total: no third request', async () => {
	yeti.sandbox.seedAccounts(1997);
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true });
	expect(items).toHaveLength(2000);
	expect(yeti.adminRequests()).toHaveLength(2);
});

test('Limit asks for a page of that size only', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: false, limit: 2 });
	expect(items.map((i) => i.json.name)).toEqual(['Acme Telecom', 'Blue Carrier']);
	expect(yeti.adminRequests()[0].query).toEqual({ 'page[number]': '1', 'page[size]': '2' });
});

test('a balance_lt filter, a plain relationship filter, sort and include', async () => {
	const { items } = await yeti.run({
		resource: 'account',
		operation: 'getAll',
		returnAll: true,
		filters: { filter: [{ field: 'r:balance:number', operator: 'lt', value: '10' }, { field: 'p:contractor.id', operator: 'eq', value: '4' }] },
		options: { sort: '-balance', include: ['contractor'] },
	});
	expect(yeti.adminRequests()[0].query).toEqual({
		'filter[balance_lt]': '10',
		'filter[contractor.id]': '4',
		sort: '-balance',
		include: 'contractor',
		'page[number]': '1',
		'page[size]': '1000',
	});
	expect(items.map((i) => [i.json.name, i.json.balance])).toEqual([
		['Demo prepaid', '3.2'],
		['Demo postpaid', '-20.0'],
	]);
	expect(items[0].json.contractor).toMatchObject({ id: '4', name: 'Demo Customer' });
});

test('string operators: cont and in', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'cont', value: 'demo' }] } });
	expect(items.map((i) => i.json.name)).toEqual(['Demo Customer']);
	const { items: listed } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:external_id:number', operator: 'in', value: '5001, 5005' }] } });
	expect(yeti.adminRequests().pop()!.query['filter[external_id_in]']).toBe('5001,5005');
	expect(listed.map((i) => i.json.id)).toEqual(['1', '3']);
});

test('an operator the field type does not allow fails before any request', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'gt', value: 'a' }] } });
	expect(error.message).toContain('"gt" is not available for name (string)');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('a non-number for a number filter fails before any request', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:balance:number', operator: 'lt', value: 'ten' }] } });
	expect(error.message).toContain('is not a number: "ten"');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('an unknown sort field fails before any request', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, options: { sort: 'colour' } });
	expect(error.message).toContain('"Options › Sort" has an unknown field "colour"');
});

test('CDRs come newest first by default; active calls are unpaginated', async () => {
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true });
	expect(items.map((i) => i.json.id)).toEqual(['1', '2', '3']);
	const { items: calls } = await yeti.run({ resource: 'activeCall', operation: 'getAll', returnAll: true });
	expect(calls.map((i) => i.json.id)).toEqual(['1*a1b2c3', '1*d4e5f6']);
	expect(yeti.adminRequests().pop()!.query).toEqual({});
});

test('Raw JSON:API keeps the resource objects', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: false, limit: 1, options: { rawJsonApi: true } });
	expect(items[0].json).toMatchObject({ id: '1', type: 'contractors', attributes: { name: 'Acme Telecom' } });
});

test('a failing page is reported with the item and no partial output', async () => {
	yeti.sandbox.seedAccounts(1500);
	yeti.sandbox.injectFault({ method: 'GET', path: '/api/rest/admin/accounts', status: 500, times: 10 });
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
	expect(items).toHaveLength(1);
	expect(items[0].json.error).toContain('Yeti-Switch had a server error (500)');
});

test('Continue On Fail: a later page that fails keeps the records before it, then one entry naming the page', async () => {
	yeti.sandbox.seedAccounts(1500);
	const path = '/api/rest/admin/accounts';
	yeti.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	yeti.sandbox.injectFault({ method: 'GET', path, status: 503, times: 10 });
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
	expect(items).toHaveLength(1001);
	expect(new Set(items.slice(0, 1000).map((i) => i.json.id)).size).toBe(1000);
	expect(items.slice(0, 1000).every((i) => i.json.error === undefined)).toBe(true);
	expect(items[1000].json).toMatchObject({ failedPage: 2, receivedBeforeFailure: 1000, httpCode: '503', error: expect.stringContaining('server error (503)') });
	expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('without Continue On Fail a later page that fails stops the node (nothing half-listed)', async () => {
	yeti.sandbox.seedAccounts(1500);
	const path = '/api/rest/admin/accounts';
	yeti.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	yeti.sandbox.injectFault({ method: 'GET', path, status: 503, times: 10 });
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } });
	expect(error.message).toContain('server error (503)');
});

test('an included to-many relationship gives <relationship>-ids and the related records', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'rate-groups', operation: 'get', id: '1', options: { include: ['rateplans'] } });
	expect(yeti.adminRequests()[0].url).toBe('/api/rest/admin/rate-groups/1?include=rateplans');
	expect(items[0].json).toMatchObject({ id: '1', name: 'Default rates', 'rateplans-ids': ['1'], rateplans: [{ id: '1', name: 'Retail' }] });
});
