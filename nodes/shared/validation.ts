/**
 * Input checks done before any request: each failure is a NodeOperationError that names the field
 * and the item and says what was expected, so nothing malformed ever reaches a vendor.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, UserError } from 'n8n-workflow';

import { DATE_TIME_EXAMPLE, DateTime, DateTimeProblem, isInPast, readDateTime } from './dates';

export class InputError {
	constructor(
		readonly node: INode,
		readonly itemIndex: number,
	) {}

	/** `"Name" is empty [item 2]: expected ...` */
	fail(field: string, problem: string, expected?: string): never {
		// A value interpolated as text may be an object from an expression: never show "[object Object]".
		const readable = problem.replace(/\[object Object\]/g, 'an object');
		const message = `"${field}" ${readable} [item ${this.itemIndex}]`;
		throw new NodeOperationError(this.node, message, {
			itemIndex: this.itemIndex,
			description: expected ? `Expected ${expected}.` : undefined,
		});
	}
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
	const text = String(value);
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

export function createValidator(node: INode, itemIndex: number) {
	const error = new InputError(node, itemIndex);

	/** Text field: trims, refuses objects/arrays (an expression that returned an object). */
	function text(field: string, value: unknown, options: { required?: boolean; maxLength?: number } = {}): string | undefined {
		if (value === undefined || value === null || value === '') {
			if (options.required) error.fail(field, 'is empty', 'a value');
			return undefined;
		}
		if (typeof value === 'object') error.fail(field, `must be text, got ${describe(value)}`, 'text');
		const result = String(value).trim();
		if (result === '') {
			if (options.required) error.fail(field, 'is empty', 'a value');
			return undefined;
		}
		if (options.maxLength !== undefined && [...result].length > options.maxLength) {
			error.fail(field, `is too long (${[...result].length} characters)`, `at most ${options.maxLength} characters`);
		}
		return result;
	}

	function requiredText(field: string, value: unknown, options: { maxLength?: number } = {}): string {
		return text(field, value, { ...options, required: true }) as string;
	}

	/** Number field: accepts numbers and decimal text ("10", "1.5", "-2"); refuses "0x10", "1e3", "1,5", " " and the rest. */
	function number(
		field: string,
		value: unknown,
		options: { required?: boolean; integer?: boolean; min?: number; max?: number } = {},
	): number | undefined {
		if (value === undefined || value === null || value === '') {
			if (options.required) error.fail(field, 'is empty', 'a number');
			return undefined;
		}
		let result: number;
		if (typeof value === 'number') result = value;
		else if (typeof value === 'string' && parseDecimal(value) !== undefined) result = parseDecimal(value)!;
		else return error.fail(field, `is not a number: ${describe(value)}`, 'a decimal number such as 10, 1.5 or -2 (digits, with a dot for decimals)');
		if (!Number.isFinite(result)) error.fail(field, `is not a finite number: ${describe(value)}`, 'a number');
		if (options.integer && !Number.isInteger(result)) error.fail(field, `must be a whole number, got ${result}`, 'a whole number');
		if (options.min !== undefined && result < options.min) error.fail(field, `must be at least ${options.min}, got ${result}`, `a number ≥ ${options.min}`);
		if (options.max !== undefined && result > options.max) error.fail(field, `must be at most ${options.max}, got ${result}`, `a number ≤ ${options.max}`);
		return result;
	}

	function boolean(field: string, value: unknown): boolean | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value === 'boolean') return value;
		if (value === 'true') return true;
		if (value === 'false') return false;
		return error.fail(field, `must be true or false, got ${describe(value)}`, 'true or false');
	}

	/** A JSON object given as text (or already an object, from an expression). */
	function jsonObject(field: string, value: unknown, options: { required?: boolean } = {}): IDataObject | undefined {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			if (options.required) error.fail(field, 'is empty', 'a JSON object such as {"key": "value"}');
			return undefined;
		}
		let parsed: unknown = value;
		if (typeof value === 'string') {
			try {
				parsed = JSON.parse(value);
			} catch (e) {
				error.fail(field, `is not valid JSON (${(e as Error).message})`, 'a JSON object such as {"key": "value"}');
			}
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			error.fail(field, `must be a JSON object, got ${describe(parsed)}`, 'a JSON object such as {"key": "value"}');
		}
		return parsed as IDataObject;
	}

	/**
	 * International phone number: + then 6 to 15 digits; spaces, dots, dashes and brackets are removed.
	 * A "(0)" right after the country code is the national trunk prefix, dialled only from inside the
	 * country ("+33 (0)6 12 34 56 78" is +33612345678, "+44 (0)20 7946 0958" is +442079460958): it is
	 * dropped, never sent as "+330…". Anywhere else a "(0)" is refused, as is one after +39: Italian
	 * numbers keep their leading 0 from abroad, so there it cannot be told which was meant.
	 */
	function phoneNumber(field: string, value: unknown): string {
		const raw = requiredText(field, value);
		const expected = 'a number in international format such as +33612345678';
		// The country code as written: digits right after + or 00, up to the "(0)" (separators allowed).
		const trunk = /^(?:\+|00)(\d{1,3})[\s.-]*\(0\)/.exec(raw);
		if (trunk && ['39', '378', '379'].includes(trunk[1])) {
			error.fail(field, `has a "(0)" after +${trunk[1]}, where the 0 is part of the number: ${describe(raw)}`, 'the number without brackets, as dialled from abroad (e.g. +390612345678)');
		}
		const withoutTrunk = (trunk ? raw.replace('(0)', '') : raw).replace(/[\s.-]/g, '').replace(/^00/, '+');
		if (withoutTrunk.includes('(0)')) {
			error.fail(field, `has a "(0)" that is not right after the country code: ${describe(raw)}`, `${expected}, with any "(0)" trunk prefix only right after the country code`);
		}
		const compact = withoutTrunk.replace(/[()]/g, '');
		if (!/^\+[1-9]\d{5,14}$/.test(compact)) {
			error.fail(field, `is not an international phone number: ${describe(raw)}`, expected);
		}
		return compact;
	}

	/**
	 * Date and time field (see dates.ts for what is accepted): a Luxon DateTime keeping its offset, for
	 * the caller to format as its vendor wants. `zone` is the IANA zone of text without an offset
	 * (usually `context.getTimezone()`); `notInPast` refuses an instant before now.
	 */
	function dateTime(field: string, value: unknown, options: { zone: string; required?: boolean; notInPast?: boolean; now?: DateTime }): DateTime | undefined {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			if (options.required) error.fail(field, 'is empty', DATE_TIME_EXAMPLE);
			return undefined;
		}
		const read = readDateTime(value, options.zone);
		if (read instanceof DateTimeProblem) return error.fail(field, read.problem, DATE_TIME_EXAMPLE);
		if (options.notInPast && isInPast(read, options.now)) {
			error.fail(field, `is in the past: ${read.toISO()}`, `a date and time after now (${(options.now ?? DateTime.now()).setZone(read.zone).toISO({ suppressMilliseconds: true })})`);
		}
		return read;
	}

	function email(field: string, value: unknown, options: { required?: boolean } = {}): string | undefined {
		const result = text(field, value, options);
		if (result !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(result)) {
			error.fail(field, `is not an e-mail address: ${describe(result)}`, 'an address such as name@example.com');
		}
		return result;
	}

	function url(field: string, value: unknown, options: { required?: boolean } = {}): string | undefined {
		const result = text(field, value, options);
		if (result === undefined) return undefined;
		let parsed: URL | undefined;
		try {
			parsed = new URL(result);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
			error.fail(field, `is not a web address: ${describe(result)}`, 'a URL starting with https:// or http://');
		}
		return result;
	}

	function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
		const result = text(field, value, options);
		if (result === undefined) return undefined;
		if (!allowed.includes(result as T)) error.fail(field, `has an unknown value ${describe(result)}`, `one of ${allowed.join(', ')}`);
		return result as T;
	}

	/** An id or login that goes into a URL path: required, text or number, never an object. */
	function pathId(field: string, value: unknown): string {
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		const id = requiredText(field, value);
		// URL parsers resolve "." and ".." (even encoded as %2E) as "this/parent folder": no ID is spelled so.
		if (isDotSegment(id)) error.fail(field, `cannot be "${id}": it would change which address is called`, 'the ID of one record');
		return id;
	}

	return { error, text, requiredText, number, boolean, jsonObject, phoneNumber, dateTime, email, url, oneOf, pathId, fail: error.fail.bind(error) };
}

export type Validator = ReturnType<typeof createValidator>;

/** Decimal notation only: "10", "1.5", "-2", "+3" (spaces around are fine). Not "0x10", "0b1", "1e3", "1,5", "Infinity" or " ", which Number() would read or misread. */
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** The number a text spells in decimal notation, or undefined. */
export function parseDecimal(text: string): number | undefined {
	const trimmed = text.trim();
	return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

/** "." and ".." in any spelling URL parsers treat as one (WHATWG: "%2e" counts as a dot). */
function isDotSegment(text: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(text);
}

/**
 * Encodes one path segment so ids like "1/../x" or "a?b#c" can never reach another endpoint. A
 * segment of dots cannot be encoded safely (URL parsers resolve "%2E%2E" as ".." too), so it is
 * refused; validator.pathId refuses it earlier with the field's name.
 */
export function encodePathSegment(value: string | number): string {
	const text = String(value);
	if (isDotSegment(text)) throw new UserError(`An ID cannot be "${text}": it would change which address is called`);
	return encodeURIComponent(text);
}

/** Drops keys whose value is undefined, so a request never carries "undefined". */
export function compact<T extends IDataObject>(object: T): T {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
