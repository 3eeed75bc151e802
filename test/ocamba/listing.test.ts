/**
 * Get Many while the data changes, and when Ocamba refuses the page size we ask for (issue 19 item 7,
 * issue 15): every record that exists throughout the listing is output, none twice, in order.
 */
import { useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();
const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((i) => String(i.json.id));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

/** Runs `change` once, right before the `nth` list request to `path` is answered. */
function changeBefore(path: string, nth: number, change: () => void) {
	let seen = 0;
	t.sandbox.beforeAnswer((request) => {
		if (request.method === 'GET' && request.path === path && ++seen === nth) change();
	});
}

describe('records deleted or added while a list is read', () => {
	beforeEach(() => t.sandbox.seedAccounts(2300));

	test('deletes behind and ahead of the reading point: nothing skipped, nothing twice (failed with page offsets: 10 skipped)', async () => {
		// Page 1 (1000000..1000999) has been output; ten of its accounts and five not yet read go away.
		changeBefore('/v2/ocamba/accounts', 2, () => {
			for (const id of [...range(1000001, 10), ...range(1001500, 5)]) t.sandbox.deleteDirectly('account', id);
		});
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true });
		const deletedAhead = new Set(range(1001500, 5));
		expect(ids(items)).toEqual(range(1000000, 2301).filter((id) => !deletedAhead.has(id)));
	});

	test('integrations deleted during a Return All: every remaining one once, in id order', async () => {
		t.sandbox.seedIntegrations(2100);
		changeBefore('/v1/hood/integrations', 2, () => {
			for (const id of range(1165, 20)) t.sandbox.deleteDirectly('integration', id);
		});
		const items = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(ids(items)).toEqual(range(1165, 2100));
	});

	test('newest first (a sort of the user\'s, pages by number) with accounts added meanwhile: none output twice (failed: 5 duplicates)', async () => {
		changeBefore('/v2/ocamba/accounts', 2, () => t.sandbox.seedAccounts(5, { namePrefix: 'New' }));
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { sort: '-id' } });
		expect(new Set(ids(items)).size).toBe(items.length);
		// Every account that existed from the start is there, newest first.
		expect(ids(items)).toEqual(range(1000000, 2301).reverse());
	});
});

describe('a page size Ocamba refuses (a 400 naming the page size)', () => {
	beforeEach(() => {
		t.sandbox.seedAccounts(250);
		t.sandbox.setModes({ pageSize: { max: 100, over: 'refuse' } });
	});

	test('Return All by id goes on with Ocamba\'s default size: every record once, in order', async () => {
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true });
		const pages = t.sandbox.requests.map((r) => r.query.page);
		expect(pages[0]).toBe('1,1000');
		// Then Ocamba's own size (20 in the sandbox): 251 accounts in 13 pages.
		expect(pages.slice(1)).toEqual(Array(13).fill('1'));
		expect(ids(items)).toEqual(range(1000000, 251));
	});

	test('by page number (a sort of the user\'s) too', async () => {
		const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { sort: 'id' } });
		expect(t.sandbox.requests.map((r) => r.query.page)).toEqual(['1,1000', ...range(1, 13)]);
		expect(ids(items)).toEqual(range(1000000, 251));
	});

	test('a Limit above the largest size, and a size Ocamba accepts', async () => {
		const limited = await t.run({ resource: 'account', operation: 'getAll', returnAll: false, limit: 150 });
		expect(t.sandbox.requests.map((r) => r.query.page)).toEqual(['1,150', ...Array(8).fill('1')]);
		expect(ids(limited)).toEqual(range(1000000, 150));
		t.sandbox.clearRequests();
		const accepted = await t.run({ resource: 'account', operation: 'getAll', returnAll: false, limit: 60 });
		expect(t.sandbox.requests.map((r) => r.query.page)).toEqual(['1,60']);
		expect(ids(accepted)).toEqual(range(1000000, 60));
	});

	test('a 400 about something else is the item\'s error, not a reason to retry', async () => {
		t.sandbox.failPage({ path: '/v2/ocamba/accounts', nth: 1, status: 400, message: 'Invalid filter: unknown field "colour".' });
		const error = await t.fail({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(error.message).toBe('Ocamba rejected the request (400): Invalid filter: unknown field "colour".');
		expect(t.sandbox.requests).toHaveLength(1);
	});
});

test('if Ocamba ignored the id filter, the list is read again by page number, each record once', async () => {
	t.sandbox.seedAccounts(2300);
	const first = await t.api('GET', '/v2/ocamba/accounts?sort=id&page=1,1000');
	t.sandbox.clearRequests();
	// The second request gets page 1 again, as a server ignoring `id=gt:` would answer.
	changeBefore('/v2/ocamba/accounts', 1, () => t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts', status: 200, body: first.body }));
	const items = await t.run({ resource: 'account', operation: 'getAll', returnAll: true });
	expect(t.sandbox.requests.map((r) => `${r.query.id ?? ''} ${r.query.page}`)).toEqual([' 1,1000', 'gt:1000999 1,1000', ' 1,1000', ' 2,1000', ' 3,1000']);
	expect(ids(items)).toEqual(range(1000000, 2301));
});
