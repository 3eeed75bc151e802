/**
 * The pagination loop every "Get Many" uses: page by page until the server's total, a short page,
 * or the user's limit, whichever comes first, and never one request more than needed.
 */
export interface Page<T> {
	items: T[];
	/** The total the server reports, when it does (strings such as "61" are accepted). */
	total?: number | string;
}

export interface PaginateOptions<T> {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit: number;
	/** The largest page the API allows. */
	maxPageSize: number;
	/** Page numbers start at 1. */
	fetchPage(pageNumber: number, pageSize: number): Promise<Page<T>>;
	/** Called with each page's items as they arrive, for callers that stream instead of collecting. */
	onPage?(items: T[]): void;
}

export function toCount(total: number | string | undefined): number | undefined {
	if (total === undefined || total === null || total === '') return undefined;
	const count = Number(total);
	return Number.isFinite(count) && count >= 0 ? count : undefined;
}

/** What a listing brought: the records, and the failure that ended it early, if one did. */
interface Listing<T> {
	records: T[];
	/** The page that failed (from 1) and what fetchPage threw for it. */
	failure?: { page: number; error: unknown };
}

/**
 * The loop itself. A page that fails ends it and is returned, not thrown: each caller decides what a
 * failed page means (paginate passes it on, paginateKeepingPartial may keep what arrived first).
 */
async function collect<T>(options: PaginateOptions<T>): Promise<Listing<T>> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	const records: T[] = [];
	if (wanted === 0) return { records };
	const pageSize = Math.max(1, Math.min(options.maxPageSize, wanted));
	for (let pageNumber = 1; ; pageNumber++) {
		let page: Page<T>;
		try {
			page = await options.fetchPage(pageNumber, pageSize);
		} catch (error) {
			return { records, failure: { page: pageNumber, error } };
		}
		const items = Array.isArray(page.items) ? page.items : [];
		const room = wanted - records.length;
		const taken = items.length > room ? items.slice(0, room) : items;
		for (const item of taken) records.push(item);
		options.onPage?.(taken);
		const total = toCount(page.total);
		if (records.length >= wanted) break;
		if (items.length < pageSize) break;
		if (total !== undefined && pageNumber * pageSize >= total) break;
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
