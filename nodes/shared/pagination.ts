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

export async function paginate<T>(options: PaginateOptions<T>): Promise<T[]> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit));
	const results: T[] = [];
	if (wanted === 0) return results;
	const pageSize = Math.max(1, Math.min(options.maxPageSize, wanted));
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await options.fetchPage(pageNumber, pageSize);
		const items = Array.isArray(page.items) ? page.items : [];
		const room = wanted - results.length;
		const taken = items.length > room ? items.slice(0, room) : items;
		for (const item of taken) results.push(item);
		options.onPage?.(taken);
		const total = toCount(page.total);
		if (results.length >= wanted) break;
		if (items.length < pageSize) break;
		if (total !== undefined && pageNumber * pageSize >= total) break;
	}
	return results;
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
	const received: T[] = [];
	let currentPage = 0;
	try {
		return await paginate<T>({
			...options,
			onPage: (items) => {
				for (const item of items) received.push(item);
				options.onPage?.(items);
			},
			fetchPage: async (pageNumber, pageSize) => {
				currentPage = pageNumber;
				return await options.fetchPage(pageNumber, pageSize);
			},
		});
	} catch (error) {
		// Already the request layer's NodeApiError: passed on unchanged (never wrapped twice).
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (!options.keepPartial || received.length === 0) throw error;
		const { description, httpCode } = error as { description?: string | null; httpCode?: string | null };
		const failure: PageFailure = { error: (error as Error).message, failedPage: currentPage, receivedBeforeFailure: received.length };
		if (description) failure.description = description;
		if (httpCode) failure.httpCode = httpCode;
		return [...received, failure];
	}
}
