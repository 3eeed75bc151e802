/**
 * How the server speaks JSON:API (jsonapi-resources 0.9.12): error objects with the titles of the
 * facts' error table, resource objects with their links and linkage, included records, sparse fields.
 */
export const JSONAPI = 'application/vnd.api+json';
export const YETI_ADMIN = '/api/rest/admin';

export type Body = Record<string, unknown>;

export interface ErrorObject {
	title: string;
	detail: string;
	code: string;
	status: string;
	source?: { pointer: string };
}

/** An answer other than success; `errors: null` = an empty body (401 on admin routes, `head 404` of file downloads). */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly errors: ErrorObject[] | null,
	) {
		super(errors?.[0]?.detail ?? String(status));
	}
}

/** An error with the code's title and HTTP status from the facts (jr:lib/jsonapi/exceptions.rb). */
export function jsonApiError(errors: Map<string, { title: string; status?: number }>, code: string, detail: string): HttpError {
	const fact = errors.get(code);
	if (!fact) throw new Error(`The facts' error table has no code ${code}`);
	const status = fact.status ?? Number(code);
	return new HttpError(status, [{ title: fact.title, detail, code, status: String(status) }]);
}

/** A validation error (code 100): title = message, detail "<key> - <message>", the pointer (jr ValidationErrors). */
export function validationError(key: string, message: string, on: 'attributes' | 'relationships' | 'base'): ErrorObject {
	if (on === 'base') return { title: message, detail: message, code: '100', status: '422', source: { pointer: '/data' } };
	return { title: message, detail: `${key} - ${message}`, code: '100', status: '422', source: { pointer: `/data/${on}/${key}` } };
}

/** 500 as the base controller renders an unexpected exception in production (no meta.exception/backtrace). */
export function internalServerError(): HttpError {
	return new HttpError(500, [{ title: 'Internal Server Error', detail: 'Internal Server Error', code: '500', status: '500' }]);
}

/**
 * A decimal column as ActiveSupport renders BigDecimal: a string in plain notation with at least one
 * decimal ("10.0", "0.25"); seeds/003 and spec/requests/api/rest/admin/balance_correction_spec.rb.
 */
export function formatDecimal(value: unknown): unknown {
	if (typeof value !== 'number') return value;
	if (Number.isInteger(value)) return `${value}.0`;
	const text = String(value);
	return text.includes('e') ? value.toFixed(20).replace(/0+$/, '') : text;
}
