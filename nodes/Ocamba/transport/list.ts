/** Ocamba's `{total, items}` lists, paged with `page=N,M`. */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { paginateKeepingPartial, toCount, type Page } from '../../shared/pagination';
import { ocambaRequest } from './request';

/**
 * Ocamba's largest page is undocumented. We ask for 1,000 (fewest requests) and, should the first
 * page come back shorter while `total` says more exist, take that as the server's real maximum and
 * page on with it, so a silent cap can never end the list early.
 */
export const MAX_PAGE_SIZE = 1000;

/**
 * `{total, items}` pages via `page=N,M`, until total (string or number), a short page, or the limit.
 * With `keepPartial`, a page that fails after others arrived does not throw away those records: they
 * are returned followed by one error entry saying which page failed (Continue On Fail; the shared
 * paginateKeepingPartial does this).
 */
export async function ocambaList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	options: { returnAll: boolean; limit: number; itemIndex?: number; keepPartial?: boolean },
): Promise<IDataObject[]> {
	const fetchPage = async (pageNumber: number, pageSize: number): Promise<Page<IDataObject>> => {
		const body = await ocambaRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, page: `${pageNumber},${pageSize}` },
			itemIndex: options.itemIndex,
		});
		const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
		return { items, total: body.total as number | string | undefined };
	};
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	if (wanted === 0) return [];
	// Page 1 is read first, on its own: its size tells whether Ocamba caps pages below what we ask.
	// (If it fails there is nothing to keep, so its error goes out unchanged either way.)
	let pageSize = Math.min(MAX_PAGE_SIZE, wanted);
	let first: Page<IDataObject> | undefined = await fetchPage(1, pageSize);
	const total = toCount(first.total);
	if (first.items.length > 0 && first.items.length < pageSize && total !== undefined && total > first.items.length) {
		// A silent cap: page 1 of the capped size is exactly what we got, so page on with that size.
		pageSize = first.items.length;
	}
	const records = await paginateKeepingPartial<IDataObject>({
		keepPartial: options.keepPartial === true,
		returnAll: options.returnAll,
		limit: options.limit,
		maxPageSize: pageSize,
		fetchPage: async (pageNumber, size) => {
			if (pageNumber === 1 && first) {
				// Handed over once, not fetched again.
				const page = first;
				first = undefined;
				return page;
			}
			return await fetchPage(pageNumber, size);
		},
	});
	// A PageFailure holds only text and numbers: a plain output item.
	return records as IDataObject[];
}

