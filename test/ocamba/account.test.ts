/** Account operations through n8n-core against the Ocamba sandbox: exact requests and outputs. */
import { jsonHeaders, TOKEN, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();

const SEED_BODY = {
	name: 'new account',
	status: 'active',
	contacts: [{ type: 'email', value: '[email protected]' }],
	feeds: { postbacks: 'test123' },
};

describe('Account › Create', () => {
	test('sends the seed request exactly and outputs the created account', async () => {
		const items = await t.run({
			resource: 'account',
			operation: 'create',
			name: 'new account',
			status: 'active',
			contacts: { contact: [{ type: 'email', value: '[email protected]' }] },
			additionalFields: { postbacks: 'test123' },
		});
		expect(t.sandbox.requests).toHaveLength(1);
		const [request] = t.sandbox.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/v2/ocamba/accounts');
		expect(jsonHeaders(request)).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
		expect(request.body).toEqual(SEED_BODY);
		expect(request.rawBody).toBe(JSON.stringify(SEED_BODY));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: '1000001', name: 'new account', status: 'active', feeds: { postbacks: 'test123' } });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('only the name is required: status defaults to active, nothing undefined is sent', async () => {
		await t.run({ resource: 'account', operation: 'create', name: '  Shop  ' });
		expect(t.sandbox.requests[0].rawBody).toBe('{"name":"Shop","status":"active"}');
	});

	test('an empty name or an empty contact value fails before any request, naming field and item', async () => {
		const items = [{ name: 'ok' }, { name: '   ' }];
		const error = await t.fail({ resource: 'account', operation: 'create', name: '={{ $json.name }}' }, items);
		expect(error.message).toBe('"Name" is empty [item 1]');
		expect(error.context?.itemIndex).toBe(1);
		// Item 0 was valid and sent; item 1 never was.
		expect(t.sandbox.requests).toHaveLength(1);

		t.sandbox.reset();
		const contactError = await t.fail({ resource: 'account', operation: 'create', name: 'x', contacts: { contact: [{ type: 'email', value: 'a@b.c' }, { type: 'phone', value: '' }] } });
		expect(contactError.message).toBe('"Contacts › Contact 2 › Value" is empty [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('an object where text is expected is refused, not sent as [object Object]', async () => {
		const error = await t.fail({ resource: 'account', operation: 'create', name: '={{ $json.obj }}' }, [{ obj: { a: 1 } }]);
		expect(error.message).toMatch(/"Name" must be text, got an object \[item 0\]/);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('an API validation error carries Ocamba\'s message, title, code and trace id', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v2/ocamba/accounts', status: 400, body: { code: 400, title: 'Bad request.', message: 'The request body is not valid.', trace_id: '99a84211-f73d-4ff8-acdf-eb3e06bb9d62' } });
		const apiError = await t.fail({ resource: 'account', operation: 'create', name: 'x' });
		expect(apiError.message).toBe('Ocamba rejected the request (400): The request body is not valid.');
		expect(apiError.httpCode).toBe('400');
		expect(apiError.details).toEqual({ httpCode: 400, title: 'Bad request.', code: 400, traceId: '99a84211-f73d-4ff8-acdf-eb3e06bb9d62' });
		expect(apiError.description).toContain('99a84211-f73d-4ff8-acdf-eb3e06bb9d62');
	});
});

describe('Account › Get, Update, Delete', () => {
	test('get sends GET /v2/ocamba/accounts/{id} with the projection', async () => {
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000', options: { fields: 'id, name' } });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: '/v2/ocamba/accounts/1000000?fields=id%2Cname' });
		expect(t.sandbox.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(items.map((i) => i.json)).toEqual([{ id: '1000000', name: 'Default account' }]);
	});

	test('an id like 1/../../x stays one encoded path segment', async () => {
		const error = await t.fail({ resource: 'account', operation: 'get', accountId: '1/../../x' });
		expect(t.sandbox.requests[0].path).toBe('/v2/ocamba/accounts/1%2F..%2F..%2Fx');
		expect(error.message).toMatch(/not found \(404\)/);
		expect(error.description).toMatch(/Check the ID/);
		t.sandbox.reset();
		await t.fail({ resource: 'account', operation: 'delete', accountId: 'a?b#c' });
		expect(t.sandbox.requests[0].url).toBe('/v2/ocamba/accounts/a%3Fb%23c');
	});

	test('update PATCHes only the fields set and outputs what changed', async () => {
		const created = await t.api('POST', '/v2/ocamba/accounts', { name: 'Before' });
		t.sandbox.clearRequests();
		const items = await t.run({ resource: 'account', operation: 'update', accountId: created.body.id, updateFields: { status: 'paused', postbacks: 'https://example.com/pb' } });
		expect(t.sandbox.requests).toHaveLength(1);
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'PATCH', url: `/v2/ocamba/accounts/${created.body.id}` });
		expect(jsonHeaders(t.sandbox.requests[0])).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
		expect(t.sandbox.requests[0].body).toEqual({ status: 'paused', feeds: { postbacks: 'https://example.com/pb' } });
		expect(items.map((i) => i.json)).toEqual([{ id: created.body.id, updated: true, status: 'paused', feeds: { postbacks: 'https://example.com/pb' } }]);
		const after = await t.api('GET', `/v2/ocamba/accounts/${created.body.id}`);
		expect(after.body).toMatchObject({ name: 'Before', status: 'paused' });
	});

	test('update with nothing to change fails before any request', async () => {
		const error = await t.fail({ resource: 'account', operation: 'update', accountId: '1000000', updateFields: {} });
		expect(error.message).toBe('"Update Fields" has nothing to change [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('update replaces the contacts list', async () => {
		await t.run({ resource: 'account', operation: 'update', accountId: '1000000', updateFields: { name: 'Renamed', contacts: { contact: [{ type: 'website', value: 'https://example.com' }] } } });
		expect(t.sandbox.requests[0].body).toEqual({ name: 'Renamed', contacts: [{ type: 'website', value: 'https://example.com' }] });
	});

	test('delete outputs { id, deleted: true }; deleting an account in use is a clear error', async () => {
		const created = await t.api('POST', '/v2/ocamba/accounts', { name: 'Doomed' });
		t.sandbox.clearRequests();
		const items = await t.run({ resource: 'account', operation: 'delete', accountId: created.body.id });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'DELETE', url: `/v2/ocamba/accounts/${created.body.id}`, rawBody: '' });
		expect(items.map((i) => i.json)).toEqual([{ id: created.body.id, deleted: true }]);
		const error = await t.fail({ resource: 'account', operation: 'delete', accountId: '1000000' });
		expect(error.message).toMatch(/^Ocamba rejected the request \(409\): Account 1000000 is in use/);
	});
});

describe('Account › Get Many', () => {
	beforeEach(() => {
		// 2,300 accounts named "Shop 1"... with statuses active / paused / inactive in turn, plus the default one.
		t.sandbox.seedAccounts(2300, { namePrefix: 'Shop' });
	});

	test('Return All reads in id order, 1,000 after the last id each time, until the total (2,301 accounts: 3 pages)', async () => {
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(t.sandbox.requests.map((r) => r.query)).toEqual([
			{ sort: 'id', page: '1,1000' },
			{ sort: 'id', id: 'gt:1000999', page: '1,1000' },
			{ sort: 'id', id: 'gt:1001999', page: '1,1000' },
		]);
		expect(items).toHaveLength(2301);
		expect(items.map((i) => Number(i.json.id))).toEqual(Array.from({ length: 2301 }, (_, i) => 1000000 + i));
		expect(items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit stops early and never asks for more than needed', async () => {
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: false, limit: 7 });
		expect(t.sandbox.requests.map((r) => r.query)).toEqual([{ sort: 'id', page: '1,7' }]);
		expect(items).toHaveLength(7);
		t.sandbox.clearRequests();
		const more = await t.run({ resource: 'account', operation: 'getAll', returnAll: false, limit: 1500 });
		expect(t.sandbox.requests.map((r) => r.query)).toEqual([
			{ sort: 'id', page: '1,1000' },
			{ sort: 'id', id: 'gt:1000999', page: '1,500' },
		]);
		expect(more).toHaveLength(1500);
	});

	test('a projection without the id still pages by id; the id is left out of the output as asked', async () => {
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { fields: 'name' } });
		expect(t.sandbox.requests[1].query).toEqual({ fields: 'name,id', sort: 'id', id: 'gt:1000999', page: '1,1000' });
		expect(items).toHaveLength(2301);
		expect(items[5].json).toEqual({ name: 'Shop 5' });
	})

	test('search, status filter, sort, projection and field filters become Ocamba query parameters', async () => {
		const items = await t.run({
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
			filters: {
				search: 'shop 1',
				status: ['paused', 'inactive'],
				conditions: { condition: [{ field: 'id', operator: 'r', value: '1000100,1000150' }, { field: 'name', operator: 'neq', value: 'Shop 121' }] },
			},
			options: { sort: '-name', fields: 'id,name,status' },
		});
		expect(t.sandbox.requests[0].query).toEqual({
			status: 'in:paused,inactive',
			q: 'shop 1',
			id: 'r:1000100,1000150',
			name: 'neq:Shop 121',
			fields: 'id,name,status',
			sort: '-name',
			page: '1,1000',
		});
		// Ids 1000100..1000150 are Shop 100..150; the active ones (every third) are filtered out.
		const names = items.map((i) => i.json.name);
		expect(names[0]).toBe('Shop 149');
		expect(names).not.toContain('Shop 121');
		expect(names).toHaveLength(33);
		expect(items.every((i) => ['paused', 'inactive'].includes(i.json.status as string))).toBe(true);
		expect(Object.keys(items[0].json).sort()).toEqual(['id', 'name', 'status']);
	});

	test('a bad filter row fails before any request', async () => {
		const error = await t.fail({ resource: 'account', operation: 'getAll', filters: { conditions: { condition: [{ field: 'page', operator: 'eq', value: '2' }] } } });
		expect(error.message).toMatch(/"Filters › Field Filters › Condition 1 › Field" is not a field name/);
		const range = await t.fail({ resource: 'account', operation: 'getAll', filters: { conditions: { condition: [{ field: 'id', operator: 'r', value: '5' }] } } });
		expect(range.message).toMatch(/must be two values "from,to"/);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, a page that fails after others keeps the records already received', async () => {
		t.sandbox.failPage({ path: '/v2/ocamba/accounts', nth: 3, status: 400, message: 'Page broke.' });
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true }, undefined, { continueOnFail: true });
		expect(t.sandbox.requests).toHaveLength(3);
		expect(items).toHaveLength(2001);
		expect(items[1999].json.name).toBe('Shop 1999');
		expect(items[2000].json).toMatchObject({ error: 'Ocamba rejected the request (400): Page broke.', failedPage: 3, receivedBeforeFailure: 2000 });
		expect(items[2000].pairedItem).toEqual({ item: 0 });
	});

	test('a silent page cap (Ocamba serves 300 when asked for 1,000): paging by id goes on after the last id, nothing lost', async () => {
		t.sandbox.setSilentPageCap(300);
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true });
		// 2,301 accounts: 8 pages of at most 300, each after the last id received.
		expect(t.sandbox.requests.map((r) => r.query.id)).toEqual([undefined, 'gt:1000299', 'gt:1000599', 'gt:1000899', 'gt:1001199', 'gt:1001499', 'gt:1001799', 'gt:1002099']);
		expect(items).toHaveLength(2301);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(2301);
	});

	test('with a sort of the user\'s, pages go by number; a silent cap is detected on page 1 and paging goes on at its size', async () => {
		t.sandbox.setSilentPageCap(300);
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { sort: 'name' } });
		expect(t.sandbox.requests.map((r) => r.query.page)).toEqual(['1,1000', '2,300', '3,300', '4,300', '5,300', '6,300', '7,300', '8,300']);
		expect(t.sandbox.requests.every((r) => r.query.sort === 'name' && r.query.id === undefined)).toBe(true);
		expect(items).toHaveLength(2301);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(2301);
	});

	test('a silent page cap and a failed later page with Continue On Fail: the capped pages before it are kept', async () => {
		t.sandbox.setSilentPageCap(300);
		t.sandbox.failPage({ path: '/v2/ocamba/accounts', nth: 3, status: 400, message: 'Page broke.' });
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true }, undefined, { continueOnFail: true });
		expect(t.sandbox.requests).toHaveLength(3);
		expect(items).toHaveLength(601);
		expect(new Set(items.slice(0, 600).map((i) => i.json.id)).size).toBe(600);
		expect(items[600].json).toMatchObject({ error: 'Ocamba rejected the request (400): Page broke.', failedPage: 3, receivedBeforeFailure: 600 });
	});

	test('with Continue On Fail, a failing first page is the item\'s error (nothing to keep)', async () => {
		t.sandbox.failPage({ path: '/v2/ocamba/accounts', nth: 1, status: 400, message: 'Page broke.' });
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true }, undefined, { continueOnFail: true });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ error: 'Ocamba rejected the request (400): Page broke.' });
		expect(items[0].json.failedPage).toBeUndefined();
	});

	test('without Continue On Fail, a failed page fails the item', async () => {
		t.sandbox.failPage({ path: '/v2/ocamba/accounts', nth: 2, status: 400, message: 'Page broke.' });
		const error = await t.fail({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(error.message).toBe('Ocamba rejected the request (400): Page broke.');
	});
});
