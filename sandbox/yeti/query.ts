/**
 * What the server does with a list request's query, as pure functions (testable without HTTP):
 * CSV parsing of filter values, include and sort (jsonapi-resources 0.9.12 uses Ruby's CSV.parse_line:
 * jr:lib/jsonapi/resource.rb#verify_filter, jr:lib/jsonapi/request_parser.rb#parse_include_directives,
 * #parse_sort_criteria), ransack filters (app/services/ransack_filter_builder.rb) and plain filters
 * (app/resources/base_resource.rb#relationship_filter; `filter :x` = where(x: values)).
 */
import { underscore, type RouteFacts } from './facts';
import type { YetiRecord } from './store';
import { jsonApiError } from './jsonapi';

export class MalformedCsv extends Error {}

/**
 * Ruby's `CSV.parse_line` with default options: comma-separated, `"` quotes (`""` inside is one quote),
 * spaces kept, an empty unquoted field is nil, a quote inside an unquoted field or text after a closing
 * quote raises MalformedCSVError.
 */
export function parseCsvLine(text: string): Array<string | null> {
	const fields: Array<string | null> = [];
	let i = 0;
	for (;;) {
		if (text[i] === '"') {
			let value = '';
			i++;
			for (;;) {
				if (i >= text.length) throw new MalformedCsv(`Unclosed quoted field in ${text}`);
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i++];
			}
			fields.push(value);
			if (i >= text.length) return fields;
			if (text[i] !== ',') throw new MalformedCsv(`Any value after quoted field isn't allowed in ${text}`);
			i++;
			if (i >= text.length) {
				fields.push(null);
				return fields;
			}
		} else {
			const end = text.indexOf(',', i);
			const value = end === -1 ? text.slice(i) : text.slice(i, end);
			if (value.includes('"')) throw new MalformedCsv(`Illegal quoting in ${text}`);
			if (/[\r\n]/.test(value)) throw new MalformedCsv(`Unquoted fields do not allow new line in ${text}`);
			fields.push(value === '' ? null : value);
			if (end === -1) return fields;
			i = end + 1;
			if (i >= text.length) {
				fields.push(null);
				return fields;
			}
		}
	}
}

/** The values of one `filter[...]` (jr verify_filter: `raw.present?`, CSV.parse_line, the raw text when malformed). */
export function filterValues(raw: string): Array<string | null> {
	if (raw.trim() === '') return [];
	try {
		return parseCsvLine(raw);
	} catch (error) {
		if (error instanceof MalformedCsv) return [raw];
		throw error;
	}
}

/** Ransack operators per filter type and the ones taking several values (RANSACK_TYPE_SUFIXES_DIC, RANSACK_ARRAY_SUFFIXES). */
export const RANSACK_SUFFIXES: Record<string, string[]> = {
	boolean: ['eq', 'not_eq'],
	datetime: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	inet: ['eq', 'not_eq', 'in', 'not_in'],
	number: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	string: ['eq', 'not_eq', 'cont', 'start', 'end', 'in', 'not_in', 'cont_any'],
	uuid: ['eq', 'not_eq', 'in', 'not_in'],
	enum: ['eq', 'not_eq', 'in', 'not_in'],
	foreign_key: ['eq', 'not_eq', 'in', 'not_in'],
};
const ARRAY_SUFFIXES = new Set(['in', 'not_in', 'cont_any']);
const SUFFIXES_LONGEST_FIRST = [...new Set(Object.values(RANSACK_SUFFIXES).flat())].sort((a, b) => b.length - a.length);

export interface RansackFilter {
	field: string;
	op: string;
	type: string;
}

/** `balance_lt` → {field: balance, op: lt, type: number} when the route declares it. */
export function ransackFilter(route: RouteFacts, name: string): RansackFilter | undefined {
	for (const op of SUFFIXES_LONGEST_FIRST) {
		if (!name.endsWith(`_${op}`)) continue;
		const field = name.slice(0, -(op.length + 1));
		const type = route.ransack.get(field);
		if (type && RANSACK_SUFFIXES[type]?.includes(op)) return { field, op, type };
	}
	return undefined;
}

/** Reads a record's value for a filter or sort field: an attribute, `id`, or a relationship's id (`contractor_id`, `contractor.id`). */
export type ValueOf = (record: YetiRecord, field: string) => unknown;

function cast(type: string, value: string | null): unknown {
	if (value === null) return null;
	if (type === 'number' || type === 'foreign_key') {
		const number = Number(value);
		// Ransack would cast a non-number to nil and match nothing; refusing is as safe for the node, and louder.
		return value.trim() === '' || !Number.isFinite(number) ? Symbol('not a number') : number;
	}
	if (type === 'boolean') return ['true', '1', 't', 'TRUE', 'T'].includes(value) ? true : ['false', '0', 'f', 'FALSE', 'F'].includes(value) ? false : Symbol('not a boolean');
	if (type === 'datetime') {
		const time = Date.parse(value);
		return Number.isNaN(time) ? Symbol('not a date') : time;
	}
	return value;
}

function comparable(type: string, value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (type === 'number' || type === 'foreign_key') return Number(value);
	if (type === 'datetime') return Date.parse(String(value));
	return value;
}

/** Keeps the rows a ransack filter selects; 400 code 107 where the server refuses the values. */
export function applyRansack(route: RouteFacts, name: string, filter: RansackFilter, values: Array<string | null>, rows: YetiRecord[], valueOf: ValueOf, errors: Map<string, { title: string }>): YetiRecord[] {
	const invalid = () => jsonApiError(errors, '107', `${values.join(',')} is not a valid value for ${name}.`);
	// RansackFilterBuilder#verify: the enum collection first, then one value for non-array operators.
	const collection = route.filterEnums.get(filter.field);
	if (collection && values.some((v) => !collection.map(String).includes(String(v)))) throw invalid();
	const list = ARRAY_SUFFIXES.has(filter.op);
	if (!list && values.length !== 1) throw invalid();
	const wanted = values.map((v) => cast(filter.type, v));
	if (wanted.some((w) => typeof w === 'symbol')) throw invalid();
	const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).toLowerCase());
	const one = wanted[0];
	return rows.filter((row) => {
		const actual = comparable(filter.type, valueOf(row, filter.field));
		switch (filter.op) {
			case 'eq':
				return actual === one;
			case 'not_eq':
				return actual !== one;
			case 'gt':
				return actual !== null && (actual as number) > (one as number);
			case 'gteq':
				return actual !== null && (actual as number) >= (one as number);
			case 'lt':
				return actual !== null && (actual as number) < (one as number);
			case 'lteq':
				return actual !== null && (actual as number) <= (one as number);
			case 'in':
				return wanted.includes(actual);
			case 'not_in':
				return !wanted.includes(actual);
			// ILIKE in PostgreSQL: case-insensitive.
			case 'cont':
				return text(actual).includes(text(one));
			case 'cont_any':
				return wanted.some((w) => text(actual).includes(text(w)));
			case 'start':
				return text(actual).startsWith(text(one));
			case 'end':
				return text(actual).endsWith(text(one));
			default:
				return false;
		}
	});
}

/**
 * A plain filter (`filter :name`, `relationship_filter :contractor` → `contractor.id`, and the custom
 * filters of active calls / CDRs such as `customer_id_eq`): every value is a match (IN), so a value
 * with an unquoted comma matches either half.
 */
export function applyPlain(name: string, values: Array<string | null>, rows: YetiRecord[], valueOf: ValueOf): YetiRecord[] {
	const custom = /^(.+?)_(eq|equals|greater_than|less_than|contains)$/.exec(name);
	const field = custom ? custom[1] : name;
	const op = custom?.[2] ?? 'in';
	const wanted = values.map((v) => (v === null ? null : v));
	return rows.filter((row) => {
		const actual = valueOf(row, field);
		if (actual === undefined) return true;
		const list = Array.isArray(actual) ? actual.map(String) : [actual === null ? null : String(actual)];
		switch (op) {
			case 'greater_than':
				return Number(actual) > Number(wanted[0]);
			case 'less_than':
				return Number(actual) < Number(wanted[0]);
			case 'contains':
				return String(actual ?? '').includes(String(wanted[0] ?? ''));
			default:
				return list.some((v) => wanted.includes(v));
		}
	});
}

/** Filters every `filter[...]` of a query; unknown names → 400 code 102 (jr parse_filters, ransack ignore_unknown_conditions = false). */
export function applyFilters(route: RouteFacts, filters: Array<[string, string]>, rows: YetiRecord[], valueOf: ValueOf, errors: Map<string, { title: string }>): YetiRecord[] {
	let result = rows;
	for (const [key, raw] of filters) {
		// Filter keys are unformatted (underscore): dashed or underscored both work (yeti-server-facts.md §1.1).
		const name = underscore(key);
		const values = filterValues(raw);
		if (route.filters.has(name)) {
			result = applyPlain(name, values, result, valueOf);
			continue;
		}
		const ransack = ransackFilter(route, name);
		if (ransack) {
			result = applyRansack(route, name, ransack, values, result, valueOf, errors);
			continue;
		}
		// jr parse_relationship_filter: "x.y" is reported by its method name.
		throw jsonApiError(errors, '102', `${name.includes('.') ? name.split('.')[1] : name} is not allowed.`);
	}
	return result;
}

export interface SortKey {
	field: string;
	desc: boolean;
}

/** `sort`, CSV-parsed and unformatted; a field outside `sortable` → 400 code 114 (jr check_sort_criteria). */
export function parseSort(route: RouteFacts, raw: string, errors: Map<string, { title: string }>): SortKey[] {
	let parts: Array<string | null>;
	try {
		parts = parseCsvLine(decodeURIComponent(raw));
	} catch {
		throw jsonApiError(errors, '114', `${raw} is not a valid sort criteria for ${route.type}`);
	}
	return parts.map((part) => {
		const text = part ?? '';
		const desc = text.startsWith('-');
		const field = underscore(desc ? text.slice(1) : text);
		if (!route.sortable.has(field)) throw jsonApiError(errors, '114', `${field} is not a valid sort criteria for ${route.type}`);
		return { field, desc };
	});
}

export function sortRows(rows: YetiRecord[], keys: SortKey[], valueOf: ValueOf): YetiRecord[] {
	const values = (row: YetiRecord, field: string) => {
		const value = valueOf(row, field);
		return field === 'id' && /^\d+$/.test(row.id) ? Number(row.id) : (value as string | number | null | undefined);
	};
	return rows.sort((a, b) => {
		for (const key of keys) {
			const x = values(a, key.field);
			const y = values(b, key.field);
			if (x === y) continue;
			// PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
			if (x === null || x === undefined) return key.desc ? -1 : 1;
			if (y === null || y === undefined) return key.desc ? 1 : -1;
			const order = x < y ? -1 : 1;
			return key.desc ? -order : order;
		}
		return 0;
	});
}
