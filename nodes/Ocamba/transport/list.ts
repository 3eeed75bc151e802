/**
 * Ocamba's `{total, items}` lists (`page=N,M`, `sort`, `field=op:value`: docs.ocamba.com list pages
 * such as api/core/v2.0/view-accounts).
 *
 * - By id where it is safe: lists whose ids are numbers, with no sort of the user's, are read in
 *   id order, each page asking for the records after the last id received (`sort=id&id=gt:<last>`).
 *   A record deleted or added while the list is read then neither shifts another one out of the
 *   list nor brings one back a second time, as page offsets would.
 * - Otherwise by page number; a record already output is never output again.
 * - The largest page is undocumented ("depends on the resource settings"). We ask for 1,000; if
 *   Ocamba serves fewer while its total says more exist, its size is used from then on; if it
 *   refuses the size (a 400 naming the page), the list goes on with Ocamba's default size (`page=N`).
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { toCount, type PageFailure } from '../../shared/pagination';
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
function numericId(record: IDataObject): bigint | undefined {
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
 * Every record (or up to the limit), each once, in the order described above. A failed page
 * throws the request layer's error unchanged, unless `keepPartial` and records already arrived.
 */
export async function ocambaList(this: IExecuteFunctions | ILoadOptionsFunctions, path: string, qs: IDataObject, options: OcambaListOptions): Promise<IDataObject[]> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	if (wanted === 0) return [];
	let byId = options.byId === true && qs.sort === undefined && qs.id === undefined;
	// A projection without the id still needs it (to go on after it, to output each record once).
	const fields = typeof qs.fields === 'string' ? qs.fields.split(',') : undefined;
	const stripId = fields !== undefined && !fields.includes('id');
	const baseQuery: IDataObject = stripId ? { ...qs, fields: [...fields, 'id'].join(',') } : { ...qs };

	const records: IDataObject[] = [];
	const seen = new Set<string>();
	/** The page size we ask for; undefined once Ocamba refused it (its default size is used). */
	let askedSize: number | undefined = Math.min(MAX_PAGE_SIZE, wanted);
	/** The size Ocamba really serves when it differs from what we ask (a silent cap, or its default). */
	let servedSize: number | undefined;
	let pageNumber = 1;
	let lastId: bigint | undefined;
	let pagesRead = 0;

	for (;;) {
		// By id, each page asks for no more than still wanted; by number, every page has the same size.
		let size: number | undefined;
		if (askedSize !== undefined) size = byId ? Math.min(askedSize, wanted - records.length) : (servedSize ?? askedSize);
		const query: IDataObject = { ...baseQuery };
		if (byId) {
			query.sort = 'id';
			if (lastId !== undefined) query.id = `gt:${lastId}`;
		}
		query.page = size === undefined ? `${pageNumber}` : `${pageNumber},${size}`;
		const outcome = await ocambaRequest.call(this, { method: 'GET', path, qs: query, itemIndex: options.itemIndex }).then(
			(body) => ({ body }),
			(error: Error & { httpCode?: string | null; description?: string | null }) => ({ error }),
		);
		if ('error' in outcome) {
			if (size !== undefined && askedSize !== undefined && refusesPageSize(outcome.error, size)) {
				// The same page again at Ocamba's own size.
				askedSize = undefined;
				continue;
			}
			const { error } = outcome;
			if (!options.keepPartial || records.length === 0) throw error;
			const failure: PageFailure = { error: error.message, failedPage: pagesRead + 1, receivedBeforeFailure: records.length };
			if (error.description) failure.description = error.description;
			if (error.httpCode) failure.httpCode = error.httpCode;
			return [...records, failure as unknown as IDataObject];
		}
		pagesRead += 1;
		const body = outcome.body;
		const items = (Array.isArray(body?.items) ? body.items : []) as IDataObject[];
		const total = toCount(body?.total as number | string | undefined);

		if (byId) {
			const ids = items.map(numericId);
			if (ids.some((id) => id === undefined || (lastId !== undefined && id <= lastId))) {
				// Ocamba did not page by id after all (an id that is not a number, or one not after the
				// last): read again by page number from the start; records already output are skipped.
				byId = false;
				pageNumber = 1;
				servedSize = undefined;
				continue;
			}
		}
		for (const item of items) {
			if (records.length >= wanted) break;
			const key = item.id === undefined || item.id === null ? undefined : String(item.id);
			if (key !== undefined) {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			if (stripId) {
				const rest = { ...item };
				delete rest.id;
				records.push(rest);
			} else records.push(item);
		}
		if (records.length >= wanted || items.length === 0) break;

		if (byId) {
			// The total counts the records after the last id: all of them came on this page.
			if (total !== undefined ? items.length >= total : size !== undefined && items.length < size) break;
			lastId = items.map(numericId).reduce((a, b) => (a! > b! ? a : b));
			continue;
		}
		if (pageNumber === 1 && (askedSize === undefined || (items.length < askedSize && total !== undefined && total > items.length))) {
			// Page 1 shows the size Ocamba really serves (its default, or a silent cap below what we asked).
			servedSize = items.length;
		}
		const pageSize = servedSize ?? askedSize!;
		if (items.length < pageSize) break;
		if (total !== undefined && pageNumber * pageSize >= total) break;
		pageNumber += 1;
	}
	return records;
}
