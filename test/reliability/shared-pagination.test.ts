/** The shared pagination keeping the records of pages that arrived before one failed (Continue On Fail). */
import { paginate, paginateKeepingPartial, type PageFailure } from '../../nodes/shared/pagination';

const pages = (failOn: number) => async (pageNumber: number, pageSize: number) => {
	if (pageNumber === failOn) throw Object.assign(new Error('Vendor had a server error (503)'), { description: 'Tried 4 times.', httpCode: '503' });
	return { items: Array.from({ length: pageSize }, (_, i) => ({ n: (pageNumber - 1) * pageSize + i })), total: 50 };
};

test('keepPartial: the records before the failed page, then one entry naming the page', async () => {
	const result = await paginateKeepingPartial({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: pages(3), keepPartial: true });
	expect(result).toHaveLength(21);
	expect(result.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, n) => ({ n })));
	expect(result[20]).toEqual({ error: 'Vendor had a server error (503)', description: 'Tried 4 times.', httpCode: '503', failedPage: 3, receivedBeforeFailure: 20 });
});

test('without keepPartial, or when the first page fails, the error is thrown unchanged', async () => {
	await expect(paginateKeepingPartial({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: pages(3), keepPartial: false })).rejects.toThrow('server error (503)');
	await expect(paginateKeepingPartial({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: pages(1), keepPartial: true })).rejects.toThrow('server error (503)');
});

test('with no failure it returns exactly what paginate returns', async () => {
	const options = { returnAll: false, limit: 25, maxPageSize: 10, fetchPage: pages(99) };
	expect(await paginateKeepingPartial({ ...options, keepPartial: true })).toEqual(await paginate(options));
});

/**
 * A vendor's list whose data changes while it is read (issue 19, item 7): before every page the test
 * may add or delete records, as calls arriving or a colleague deleting would.
 */
class ChangingList {
	rows: Array<{ id: number }>;
	private nextId: number;
	requests: Array<{ pageNumber: number; pageSize: number; after?: number | bigint }> = [];
	beforeEachPage: (list: ChangingList, pagesServed: number) => void = () => undefined;

	constructor(count: number) {
		this.rows = Array.from({ length: count }, (_, i) => ({ id: i + 1 }));
		this.nextId = count + 1;
	}

	add(count: number) {
		for (let i = 0; i < count; i++) this.rows.push({ id: this.nextId++ });
	}

	remove(ids: number[]) {
		this.rows = this.rows.filter((row) => !ids.includes(row.id));
	}

	/** Page numbers over the rows sorted by id, newest (highest) first or oldest first; total = all rows. */
	byOffset(order: 'newestFirst' | 'oldestFirst') {
		return async (pageNumber: number, pageSize: number) => {
			this.beforeEachPage(this, this.requests.length);
			this.requests.push({ pageNumber, pageSize });
			const sorted = [...this.rows].sort((a, b) => (order === 'newestFirst' ? b.id - a.id : a.id - b.id));
			return { items: sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), total: sorted.length };
		};
	}

	/** "id greater than `after`", ascending; total = the rows after the cursor (a filtered count). */
	byKeyset(options: { ignoreCursor?: boolean } = {}) {
		return async (pageNumber: number, pageSize: number, after?: number | bigint) => {
			this.beforeEachPage(this, this.requests.length);
			this.requests.push({ pageNumber, pageSize, after });
			// A server that ignores the filter and the sort answers newest first from the start.
			if (options.ignoreCursor) {
				const sorted = [...this.rows].sort((a, b) => b.id - a.id);
				return { items: sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), total: sorted.length };
			}
			const rest = this.rows.filter((row) => after === undefined || row.id > after).sort((a, b) => a.id - b.id);
			return { items: rest.slice(0, pageSize), total: rest.length };
		};
	}
}

const ids = (records: Array<{ id: number } | PageFailure>) => records.map((record) => (record as { id: number }).id);
const duplicates = (values: number[]) => values.filter((value, index) => values.indexOf(value) !== index);

describe('listings while the data changes (item 7)', () => {
	test('newest first while records arrive: with a key, no record is output twice and none present from the start is missed', async () => {
		const list = new ChangingList(95);
		// 7 new records before every page after the first: each page then starts 7 records later than planned.
		list.beforeEachPage = (l, served) => served > 0 && l.add(7);
		const records = await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: list.byOffset('newestFirst'), key: (record) => record.id });
		expect(duplicates(ids(records))).toEqual([]);
		for (let id = 1; id <= 95; id++) expect(ids(records)).toContain(id);
	});

	test('keyset: deletes during the listing skip no record that stayed, and each record comes once', async () => {
		const list = new ChangingList(95);
		// Before pages 2 and 3, records already read are deleted: page offsets would skip the next ones.
		list.beforeEachPage = (l, served) => (served === 1 || served === 2) && l.remove([served * 3, served * 3 + 1, served * 3 + 2]);
		const records = await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: list.byKeyset(), keyset: { cursor: (record) => record.id } });
		expect(ids(records)).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
		// Offset paging over the same changes skips records: the reason keyset exists.
		const offsetList = new ChangingList(95);
		offsetList.beforeEachPage = list.beforeEachPage;
		const byOffset = await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: offsetList.byOffset('oldestFirst'), key: (record) => record.id });
		expect(ids(byOffset)).not.toContain(11);
		expect(byOffset.length).toBe(95 - 6);
	});

	test('keyset: records added meanwhile come once, at the end; each page asks after the last id, always as page 1', async () => {
		const list = new ChangingList(25);
		list.beforeEachPage = (l, served) => served === 1 && l.add(3);
		const records = await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: list.byKeyset(), keyset: { cursor: (record) => record.id } });
		expect(ids(records)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
		expect(list.requests).toEqual([
			{ pageNumber: 1, pageSize: 10, after: undefined },
			{ pageNumber: 1, pageSize: 10, after: 10 },
			{ pageNumber: 1, pageSize: 10, after: 20 },
		]);
	});

	test('keyset: the filtered total ends the listing without one request more; a limit asks only for what is still wanted', async () => {
		const exact = new ChangingList(20);
		await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: exact.byKeyset(), keyset: { cursor: (record) => record.id } });
		expect(exact.requests).toHaveLength(2);
		const limited = new ChangingList(50);
		const records = await paginate({ returnAll: false, limit: 25, maxPageSize: 10, fetchPage: limited.byKeyset(), keyset: { cursor: (record) => record.id } });
		expect(ids(records)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		expect(limited.requests.map((r) => r.pageSize)).toEqual([10, 10, 5]);
	});

	test('a server that ignores the cursor is detected: the listing goes on by page number, each record once', async () => {
		const list = new ChangingList(35);
		const records = await paginate({ returnAll: true, limit: 0, maxPageSize: 10, fetchPage: list.byKeyset({ ignoreCursor: true }), keyset: { cursor: (record) => record.id } });
		expect(ids(records).sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
		expect(duplicates(ids(records))).toEqual([]);
	});

	test('keyset with keepPartial: a failed page keeps the records before it and names the page', async () => {
		const list = new ChangingList(30);
		const fetchPage = list.byKeyset();
		const result = await paginateKeepingPartial({
			returnAll: true,
			limit: 0,
			maxPageSize: 10,
			keepPartial: true,
			keyset: { cursor: (record: { id: number }) => record.id },
			fetchPage: async (pageNumber, pageSize, after) => {
				if (after === 20) throw Object.assign(new Error('Vendor had a server error (503)'), { httpCode: '503' });
				return await fetchPage(pageNumber, pageSize, after);
			},
		});
		expect(ids(result.slice(0, 20))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(result[20]).toEqual({ error: 'Vendor had a server error (503)', httpCode: '503', failedPage: 3, receivedBeforeFailure: 20 });
	});
});
