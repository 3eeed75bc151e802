/**
 * The pagination loop every "Get Many" uses: page by page until the server's total, a short page,
 * or the user's limit, whichever comes first, and never one request more than needed.
 *
 * What a listing guarantees while the data changes under it (records added or deleted meanwhile):
 * - with a `key`, a record is never output twice (page offsets shift when records are added before
 *   the current page, e.g. calls arriving in a newest-first CDR list; the repeat is skipped);
 * - with `keyset`, no record present during the whole listing is skipped either: each page asks for
 *   the records after the last one received (e.g. "id greater than"), so a delete cannot shift a
 *   record onto a page already read. A server that does not honour the cursor is detected and the
 *   listing falls back to page numbers (still without repeats).
 */
export interface Page<T> {
	items: T[];
	/**
	 * The total the server reports, when it does (strings such as "61" are accepted). In keyset mode,
	 * the number of records after the cursor (what a filtered count gives).
	 */
	total?: number | string;
	/**
	 * The page size the server really serves, when fetchPage learned it is smaller than what was asked
	 * (a silent cap, or the server's default size after it refused ours): later pages use it, and a
	 * page of that size is not taken for the last one.
	 */
	pageSize?: number;
}

/** A record's position for keyset paging: whole numbers (ids), compared as numbers. */
export type Cursor = number | bigint;

export interface PaginateOptions<T> {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit: number;
	/** The largest page the API allows. */
	maxPageSize: number;
	/**
	 * Page numbers start at 1. In keyset mode `after` is the cursor of the last record received
	 * (undefined for the first page): ask for the first page of the records after it, in cursor order
	 * (`pageNumber` is then always 1; numbering starts after a fallback to page numbers).
	 */
	fetchPage(pageNumber: number, pageSize: number, after?: Cursor): Promise<Page<T>>;
	/** Called with each page's new items as they arrive, for callers that stream instead of collecting. */
	onPage?(items: T[]): void;
	/** A record's identity: a record whose key was already output is skipped. */
	key?(record: T): string | number | bigint | undefined;
	/**
	 * Keyset paging: the record's cursor (its numeric id, say), ascending in what the server returns
	 * for a keyset request. Records are then also told apart by it when no `key` is given.
	 */
	keyset?: { cursor(record: T): Cursor | undefined };
}

export function toCount(total: number | string | undefined): number | undefined {
	if (total === undefined || total === null || total === '') return undefined;
	const count = Number(total);
	return Number.isFinite(count) && count >= 0 ? count : undefined;
}

/** What a listing brought: the records, and the failure that ended it early, if one did. */
interface Listing<T> {
	records: T[];
	/** The page that failed (from 1: pages read before it + 1) and what fetchPage threw for it. */
	failure?: { page: number; error: unknown };
}

/** Whether a keyset page really is "after the cursor, in cursor order": every record's cursor known and rising. */
function followsCursor<T>(items: T[], cursor: (record: T) => Cursor | undefined, after: Cursor | undefined): boolean {
	let previous = after;
	for (const item of items) {
		const current = cursor(item);
		if (current === undefined || (previous !== undefined && current <= previous)) return false;
		previous = current;
	}
	return true;
}

/**
 * The loop itself. A page that fails ends it and is returned, not thrown: each caller decides what a
 * failed page means (paginate passes it on, paginateKeepingPartial may keep what arrived first).
 */
async function collect<T>(options: PaginateOptions<T>): Promise<Listing<T>> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	const records: T[] = [];
	if (wanted === 0) return { records };
	let maxSize = Math.max(1, Math.min(options.maxPageSize, wanted));
	const keyOf = options.key ?? options.keyset?.cursor;
	const seen = new Set<string>();
	let keyset = options.keyset;
	let after: Cursor | undefined;
	let pageNumber = 1;
	for (let pagesRead = 0; ; pagesRead++) {
		// By cursor each page asks for no more than is still wanted; by number every page has one size.
		const pageSize = keyset ? Math.max(1, Math.min(maxSize, wanted - records.length)) : maxSize;
		let page: Page<T>;
		try {
			page = keyset ? await options.fetchPage(1, pageSize, after) : await options.fetchPage(pageNumber, pageSize);
		} catch (error) {
			return { records, failure: { page: pagesRead + 1, error } };
		}
		const items = Array.isArray(page.items) ? page.items : [];
		if (keyset && !followsCursor(items, keyset.cursor, after)) {
			// The server ignored the cursor (or a record has none): read by page number from the start;
			// the records already output are recognised and skipped.
			keyset = undefined;
			pageNumber = 1;
			continue;
		}
		const fresh: T[] = [];
		for (const item of items) {
			if (records.length + fresh.length >= wanted) break;
			const key = keyOf?.(item);
			if (key !== undefined) {
				const text = String(key);
				if (seen.has(text)) continue;
				seen.add(text);
			}
			fresh.push(item);
		}
		for (const item of fresh) records.push(item);
		options.onPage?.(fresh);
		const total = toCount(page.total);
		if (page.pageSize !== undefined && page.pageSize >= 1 && page.pageSize < maxSize) maxSize = page.pageSize;
		const served = Math.min(pageSize, maxSize);
		if (records.length >= wanted || items.length === 0 || items.length < served) break;
		if (keyset) {
			// The total counts the records after the cursor: all of them came on this page.
			if (total !== undefined && items.length >= total) break;
			after = keyset.cursor(items[items.length - 1]);
			continue;
		}
		if (total !== undefined && pageNumber * served >= total) break;
		pageNumber += 1;
	}
	return { records };
}

/**
 * Every record up to the limit. A page that fails throws what fetchPage threw, unchanged: the
 * request layer's NodeApiError already says what happened (never wrapped twice).
 */
export async function paginate<T>(options: PaginateOptions<T>): Promise<T[]> {
	const listing = await collect(options);
	if (listing.failure) throw listing.failure.error;
	return listing.records;
}

/** The entry that ends a list whose later page failed (Continue On Fail): what failed and what arrived. */
export interface PageFailure {
	error: string;
	description?: string;
	httpCode?: string;
	/** The page number that failed (from 1). */
	failedPage: number;
	/** How many records arrived before it (they precede this entry). */
	receivedBeforeFailure: number;
}

/**
 * `paginate`, but a page that fails after others arrived does not throw those records away when
 * `keepPartial` is set (pass `this.continueOnFail()`): they are returned, followed by one
 * PageFailure entry. Without records, or without keepPartial, the error is thrown unchanged.
 */
export async function paginateKeepingPartial<T>(options: PaginateOptions<T> & { keepPartial: boolean }): Promise<Array<T | PageFailure>> {
	const { records, failure } = await collect(options);
	if (!failure) return records;
	if (!options.keepPartial || records.length === 0) throw failure.error;
	const { message, description, httpCode } = failure.error as { message?: string; description?: string | null; httpCode?: string | null };
	const entry: PageFailure = { error: message ?? String(failure.error), failedPage: failure.page, receivedBeforeFailure: records.length };
	if (description) entry.description = description;
	if (httpCode) entry.httpCode = httpCode;
	return [...records, entry];
}
