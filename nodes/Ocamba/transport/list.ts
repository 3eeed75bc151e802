/**
 * Ocamba's `{total, items}` lists (`page=N,M`, `sort`, `field=op:value`: docs.ocamba.com list pages
 * such as api/core/v2.0/view-accounts), read with the shared pagination engine:
 * - by id where it is safe: lists whose ids are numbers, with no sort of the user's, are read in id
 *   order, each page asking for the records after the last id received (`sort=id&id=gt:<last>`), so
 *   a record deleted or added while the list is read neither shifts another one out of the list nor
 *   brings one back a second time;
 * - otherwise by page number; either way a record already output is never output again.
 * The largest page is undocumented ("depends on the resource settings"). We ask for 1,000; if Ocamba
 * serves fewer while its total says more exist, its size is used from then on; if it refuses the size
 * (a 400 naming the page), the list goes on at Ocamba's default size (`page=N` alone shows it).
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { paginateKeepingPartial, toCount, type Cursor, type Page } from '../../shared/pagination';
import { ocambaRequest } from './request';

export const MAX_PAGE_SIZE = 1000;

export interface OcambaListOptions {
	returnAll: boolean;
	limit: number;
	itemIndex?: number;
	/** Continue On Fail: records of pages before a failed one are kept, then one entry naming the failure. */
	keepPartial?: boolean;
	/** The list's ids are numbers (accounts, integrations), so it can be read in id order. */
	byId?: boolean;
}

/** "1000042" → comparable; undefined for ids that are not whole numbers (UUIDs, missing). */
function numericId(record: IDataObject): Cursor | undefined {
	const id = record.id;
	const text = typeof id === 'number' && Number.isInteger(id) ? String(id) : id;
	return typeof text === 'string' && /^\d{1,30}$/.test(text) ? BigInt(text) : undefined;
}

/** A 400 about the page size we asked for ("the page size must be at most 100", "page size 1000 too large"). */
function refusesPageSize(error: { httpCode?: string | null; message?: string }, asked: number): boolean {
	const message = error.message ?? '';
	return error.httpCode === '400' && /page/i.test(message) && (/size|per page|at most|max|limit|too (large|big|many)|exceed/i.test(message) || message.includes(String(asked)));
}

/**
 * Every record (or up to the limit), each once, in the order described above. A failed page throws
 * the request layer's error unchanged, unless `keepPartial` and records already arrived.
 */
export async function ocambaList(this: IExecuteFunctions | ILoadOptionsFunctions, path: string, qs: IDataObject, options: OcambaListOptions): Promise<IDataObject[]> {
	const byId = options.byId === true && qs.sort === undefined && qs.id === undefined;
	// A projection without the id still needs it (to go on after it, to output each record once).
	const fields = typeof qs.fields === 'string' ? qs.fields.split(',') : undefined;
	const stripId = fields !== undefined && !fields.includes('id');
	const baseQuery: IDataObject = stripId ? { ...qs, fields: [...fields, 'id'].join(',') } : { ...qs };
	/** The size Ocamba serves, once known to differ from what we ask (its default after a refusal, or a silent cap). */
	let servedSize: number | undefined;
	let sizeRefused = false;

	const request = async (query: IDataObject) =>
		await ocambaRequest.call(this, { method: 'GET', path, qs: query, itemIndex: options.itemIndex }).then(
			(body) => ({ body }),
			(error: Error & { httpCode?: string | null }) => ({ error }),
		);

	const fetchPage = async (pageNumber: number, pageSize: number, after?: Cursor): Promise<Page<IDataObject>> => {
		const query: IDataObject = { ...baseQuery };
		if (byId) query.sort = 'id';
		if (after !== undefined) query.id = `gt:${after}`;
		// Once Ocamba refused our size, pages are asked at its own (`page=N` alone).
		const size = sizeRefused ? undefined : pageSize;
		query.page = size === undefined ? `${pageNumber}` : `${pageNumber},${size}`;
		let outcome = await request(query);
		if ('error' in outcome && size !== undefined && !sizeRefused && refusesPageSize(outcome.error, size)) {
			// The same page again at Ocamba's own size.
			sizeRefused = true;
			query.page = `${pageNumber}`;
			outcome = await request(query);
		}
		if ('error' in outcome) throw outcome.error;
		const body = outcome.body;
		const items = (Array.isArray(body?.items) ? body.items : []) as IDataObject[];
		const total = toCount(body?.total as number | string | undefined);
		if (servedSize === undefined && items.length > 0 && pageNumber === 1 && after === undefined) {
			// The first page shows the size Ocamba really serves: its default, after it refused ours; a
			// silent cap, when it came short while the total says more exist.
			if (sizeRefused) servedSize = items.length;
			else if (items.length < pageSize && total !== undefined && total > items.length) servedSize = items.length;
		}
		return { items, total: body?.total as number | string | undefined, pageSize: servedSize };
	};

	const records = await paginateKeepingPartial<IDataObject>({
		keepPartial: options.keepPartial === true,
		returnAll: options.returnAll,
		limit: options.limit,
		maxPageSize: MAX_PAGE_SIZE,
		fetchPage,
		key: (record) => (record.id === undefined || record.id === null ? undefined : String(record.id)),
		...(byId ? { keyset: { cursor: numericId } } : {}),
	});
	// A PageFailure holds only text and numbers: a plain output item.
	if (!stripId) return records as IDataObject[];
	return (records as IDataObject[]).map((record) => {
		if (!('id' in record)) return record;
		const copy = { ...record };
		delete copy.id;
		return copy;
	});
}
