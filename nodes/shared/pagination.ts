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
