/**
 * Issue 19 item 7, Yeti's part: Return All while the data changes. CDRs come newest first; calls that
 * end during a listing used to push records onto the next page (14 duplicates in 2,517), and deletes
 * pushed records out of it. Where the server filters and sorts by id (cdrs, nodes: ransack_filters id,
 * sortable id), the listing goes by id; elsewhere it goes by page number and never outputs a record twice.
 */
import { useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => String(item.json.id));
const duplicates = (list: string[]) => list.length - new Set(list).size;

test('CDRs while calls keep arriving: every CDR that existed at the start comes once, none twice', async () => {
	yeti.sandbox.seedCdrs(2514);
	const before = [...yeti.sandbox.table('cdrs').rows.keys()];
	expect(before).toHaveLength(2517);
	// Seven calls end before each page after the first is served.
	let pages = 0;
	yeti.sandbox.beforeList = (path) => {
		if (path === 'cdrs' && pages++ > 0) yeti.sandbox.seedCdrs(7);
	};
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true });
	const listed = ids(items);
	expect(duplicates(listed)).toBe(0);
	expect(before.filter((id) => !listed.includes(id))).toEqual([]);
	// Newest first, by id: the keyset asks for the records below the last id received.
	expect(listed.slice(0, 3)).toEqual(['2517', '2516', '2515']);
	expect(yeti.adminRequests().map((r) => [r.query.sort, r.query['filter[id_lt]'], r.query['page[size]']])).toEqual([
		['-id', undefined, '1000'],
		['-id', '1518', '1000'],
		['-id', '518', '1000'],
	]);
});

test('CDRs while some are deleted: none of the others is skipped', async () => {
	yeti.sandbox.seedCdrs(2497);
	let deleted: string[] = [];
	let pages = 0;
	yeti.sandbox.beforeList = (path) => {
		if (path !== 'cdrs' || ++pages !== 2) return;
		// Ten CDRs of the first page are deleted before the second page is read.
		deleted = ['2500', '2499', '2498', '2497', '2496', '2495', '2494', '2493', '2492', '2491'];
		for (const id of deleted) yeti.sandbox.table('cdrs').rows.delete(id);
	};
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true });
	const listed = new Set(ids(items));
	const kept = [...yeti.sandbox.table('cdrs').rows.keys()];
	expect(kept.filter((id) => !listed.has(id))).toEqual([]);
	expect(listed.size).toBe(2500);
});

test('a CDR limit by id asks for no more than the limit', async () => {
	yeti.sandbox.seedCdrs(1500);
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: false, limit: 1200 });
	expect(items).toHaveLength(1200);
	expect(yeti.adminRequests().map((r) => r.query['page[size]'])).toEqual(['1000', '200']);
});

test('accounts sorted by balance (no keyset: by page number) while balances change: no account output twice', async () => {
	yeti.sandbox.seedAccounts(2497);
	yeti.sandbox.beforeList = (path, pageNumber) => {
		// Before page 2: five accounts of page 2 get a balance that sorts them onto page 1 (already read)
		// and five of page 1 onto page 2.
		if (path !== 'accounts' || pageNumber !== 2) return;
		const rows = [...yeti.sandbox.table('accounts').rows.values()].sort((a, b) => Number(b.attributes.balance) - Number(a.attributes.balance));
		for (const row of rows.slice(1000, 1005)) row.attributes.balance = 10_000;
		for (const row of rows.slice(0, 5)) row.attributes.balance = -10_000;
	};
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { sortBy: { rule: [{ field: 'balance', direction: 'desc' }] } } });
	expect(yeti.adminRequests()[0].query.sort).toBe('-balance');
	expect(duplicates(ids(items))).toBe(0);
});

test('Continue On Fail, by id: a later page that fails keeps the records before it, then one entry naming the page', async () => {
	yeti.sandbox.seedCdrs(1500);
	const path = '/api/rest/admin/cdrs';
	yeti.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	yeti.sandbox.injectFault({ method: 'GET', path, status: 503, times: 10 });
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
	expect(items).toHaveLength(1001);
	expect(items[1000].json).toMatchObject({ failedPage: 2, receivedBeforeFailure: 1000, httpCode: '503' });
	const error = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }).catch((e: Error) => e);
	expect(String((error as Error).message)).toMatch(/server error \(503\)/);
});
