/** The shared pagination keeping the records of pages that arrived before one failed (Continue On Fail). */
import { paginate, paginateKeepingPartial } from '../../nodes/shared/pagination';

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
