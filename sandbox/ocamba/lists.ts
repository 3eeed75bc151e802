/**
 * Ocamba's list conventions, as every list page of docs.ocamba.com describes them (e.g.
 * api/core/v2.0/view-accounts, api/hood/v1.0/view-providers): `page=N,M` (M optional: "the number of
 * objects returned depends on the resource settings"), `sort=id,-name`, `q` + `q_fields`, `fields`,
 * and filters `field=[op:]value`. Answers are `{total, items}`.
 */
import { badRequest } from './http';

const RESERVED_QUERY = new Set(['page', 'sort', 'q', 'q_fields', 'fields', 'view']);
const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'is', 'isn', 'r', 'rf', 'rl', 'rr'];

/** The page size when `page=N` comes without M (the docs leave it to "the resource settings"). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The largest page is undocumented ("depends on the resource settings"), and so is what an oversized
 * one gets. The sandbox plays both readings: a 400 naming the page size ('refuse') or silently at
 * most `max` items ('cap').
 */
export interface PageSizePolicy {
	max: number;
	over: 'refuse' | 'cap';
}

export const DEFAULT_PAGE_SIZE_POLICY: PageSizePolicy = { max: 1000, over: 'refuse' };

export interface ListOptions {
	searchFields: string[];
	/** Some Ocamba lists report `total` as a string ("61"). */
	totalAsString: boolean;
	pageSize: PageSizePolicy;
}

export function compareValues(a: unknown, b: unknown): number {
	const na = Number(a);
	const nb = Number(b);
	if (a !== '' && b !== '' && a !== null && b !== null && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	return String(a ?? '').localeCompare(String(b ?? ''));
}

function matchesFilter(actual: unknown, op: string, value: string, list: string[]): boolean {
	switch (op) {
		case 'eq':
			return String(actual) === value;
		case 'neq':
			return String(actual) !== value;
		case 'gt':
			return compareValues(actual, value) > 0;
		case 'gte':
			return compareValues(actual, value) >= 0;
		case 'lt':
			return compareValues(actual, value) < 0;
		case 'lte':
			return compareValues(actual, value) <= 0;
		case 'in':
			return list.includes(String(actual));
		case 'nin':
			return !list.includes(String(actual));
		case 'is':
			return value === 'null' ? actual === null || actual === undefined || actual === '' : String(actual) === value;
		case 'isn':
			return value === 'null' ? !(actual === null || actual === undefined || actual === '') : String(actual) !== value;
		// Ranges (inferred from the operator names): r includes both ends, rf only the first, rl only the last, rr neither.
		case 'r':
			return compareValues(actual, list[0]) >= 0 && compareValues(actual, list[1]) <= 0;
		case 'rf':
			return compareValues(actual, list[0]) >= 0 && compareValues(actual, list[1]) < 0;
		case 'rl':
			return compareValues(actual, list[0]) > 0 && compareValues(actual, list[1]) <= 0;
		default:
			return compareValues(actual, list[0]) > 0 && compareValues(actual, list[1]) < 0;
	}
}

export function filterRows<T extends object>(rows: T[], query: Record<string, unknown>): T[] {
	let result = rows;
	for (const [field, raw] of Object.entries(query)) {
		if (RESERVED_QUERY.has(field)) continue;
		if (Array.isArray(raw)) throw badRequest(`Invalid filter "${field}": given more than once.`);
		const text = String(raw);
		const match = /^([a-z]+):(.*)$/s.exec(text);
		const [op, value] = match && OPERATORS.includes(match[1]) ? [match[1], match[2]] : ['eq', text];
		if (rows.length && !rows.some((row) => field in row)) throw badRequest(`Invalid filter: unknown field "${field}".`);
		const list = value.split(',');
		if (['r', 'rf', 'rl', 'rr'].includes(op) && list.length !== 2) throw badRequest(`Invalid filter "${field}": the ${op} operator needs two values "from,to".`);
		result = result.filter((row) => matchesFilter((row as Record<string, unknown>)[field], op, value, list));
	}
	return result;
}

export function project<T extends object>(row: T, query: Record<string, unknown>): Partial<T> {
	if (!query.fields) return row;
	const wanted = String(query.fields).split(',');
	return Object.fromEntries(Object.entries(row).filter(([key]) => wanted.includes(key))) as Partial<T>;
}

/** Reads `page=N[,M]`: the page number and the size served (per the page size policy). */
function readPage(query: Record<string, unknown>, policy: PageSizePolicy): { page: number; size: number } {
	if (query.page === undefined) return { page: 1, size: DEFAULT_PAGE_SIZE };
	const match = /^(\d+)(?:,(\d+))?$/.exec(String(query.page));
	if (!match || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1)) {
		throw badRequest('Invalid "page": expected page=N,M with N ≥ 1 and M ≥ 1.');
	}
	const page = Number(match[1]);
	if (match[2] === undefined) return { page, size: DEFAULT_PAGE_SIZE };
	const asked = Number(match[2]);
	if (asked <= policy.max) return { page, size: asked };
	if (policy.over === 'cap') return { page, size: policy.max };
	throw badRequest(`Invalid "page": the page size must be at most ${policy.max}.`);
}

export function listResponse<T extends object>(rows: T[], query: Record<string, unknown>, options: ListOptions) {
	let result = filterRows(rows, query);
	if (query.q !== undefined && String(query.q) !== '') {
		const term = String(query.q).toLowerCase();
		const fields = query.q_fields ? String(query.q_fields).split(',') : options.searchFields;
		result = result.filter((row) => fields.some((f) => String((row as Record<string, unknown>)[f] ?? '').toLowerCase().includes(term)));
	}
	const sort = query.sort ? String(query.sort).split(',') : ['id'];
	const keys = sort.map((s) => (s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s, desc: false }));
	for (const key of keys) {
		if (rows.length && !rows.some((row) => key.field in row)) throw badRequest(`Invalid sort: unknown field "${key.field}".`);
	}
	result = [...result].sort((a, b) => {
		for (const key of keys) {
			const c = compareValues((a as Record<string, unknown>)[key.field], (b as Record<string, unknown>)[key.field]);
			if (c !== 0) return key.desc ? -c : c;
		}
		return 0;
	});
	const { page, size } = readPage(query, options.pageSize);
	const items = result.slice((page - 1) * size, page * size).map((row) => project(row, query));
	return { total: options.totalAsString ? String(result.length) : result.length, items };
}
