/**
 * What an Octopush callback carries and which kind it is. Octopush POSTs JSON (its samples read it with
 * json_decode); the reader also takes what proxies and other senders turn it into — a form, JSON sent as
 * text/plain, a multipart form, a JSON array of several reports, fields in the query string — and says
 * why when it can read nothing, so the caller can refuse instead of acknowledging an empty callback.
 *
 * Sources (dev.octopush.com/en/sms-gateway-api-documentation/...): callbacks/ ("You can easily identify
 * the type of callback according to whether you receive answer_date, DELIVERY_DATE or stop_date"),
 * inbounds/ (`reception_date`), acknowledge-receipt/ (`delivery_date`, SMS statuses), the voice delivery
 * page (NOT_DELIVERABLE, BUSY, REFUSED), opt-out-management/ (`stop_date`); and
 * octopush-api.readme.io/reference/get_callbacks-statuses (e-mail reports with `deliveries[]`, statuses).
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbackEvent } from '../transport/callbacks';

/** Delivery statuses Octopush documents for SMS, voice, RCS and e-mail (used when a report has no date). */
export const DELIVERY_STATUSES: ReadonlySet<string> = new Set([
	// SMS (acknowledge-receipt)
	'ACK', 'DELIVERED', 'NOT_DELIVERED', 'NOT_ALLOWED', 'UNKNOWN_DELIVERY', 'BAD_DESTINATION', 'BLACKLISTED_NUMBER', 'UNDEFINED',
	// Voice SMS
	'NOT_DELIVERABLE', 'BUSY', 'REFUSED',
	// Other channels (get_callbacks-statuses)
	'READ', 'OPENED', 'CLICKED', 'TRANSMITTED', 'ISP_SEND', 'PROCESSED', 'SPAM_PRESUMPTION',
]);

const INBOUND_DATES = ['answer_date', 'reception_date'];

/** The payload's keys in lower case, mapped to their values (Octopush writes DELIVERY_DATE on one page). */
function lowerCaseKeys(payload: IDataObject): Map<string, unknown> {
	const keys = new Map<string, unknown>();
	for (const [key, value] of Object.entries(payload)) {
		if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), value);
	}
	return keys;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Octopush callbacks carry no type field: the kind is told by which fields are present. */
export function classifyCallback(payload: IDataObject): CallbackEvent {
	const keys = lowerCaseKeys(payload);
	if (present(keys.get('stop_date'))) return 'stop';
	if (INBOUND_DATES.some((key) => present(keys.get(key)))) return 'inboundSms';
	if (present(keys.get('delivery_date'))) return 'deliveryReport';
	// E-mail reports: one entry per address, each with its own status and date.
	if (Array.isArray(keys.get('deliveries'))) return 'deliveryReport';
	const status = keys.get('status');
	if (typeof status === 'string' && DELIVERY_STATUSES.has(status.toUpperCase()) && (present(keys.get('message_id')) || present(keys.get('number')))) {
		return 'deliveryReport';
	}
	return 'other';
}

export interface IncomingCallback {
	/** The body as n8n parsed it (object, array, text, or n8n's `{ data, files }` for multipart). */
	body: unknown;
	/** The bytes received, when n8n kept them. */
	rawBody?: Buffer | string;
	contentType: string;
	/** Query parameters, without the trigger's own token. */
	query: IDataObject;
}

export type ReadCallback = { payloads: IDataObject[] } | { refusal: { status: number; message: string } };

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (Buffer.isBuffer(value)) return value.length === 0;
	return isPlainObject(value) && Object.keys(value).length === 0;
}

const unreadable = (why: string) => new Error(why);

/** The text fields of a multipart/form-data body (files are not expected from Octopush). */
function parseMultipart(text: string, contentType: string): IDataObject {
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!boundary) throw unreadable('a multipart body without a boundary');
	const fields: IDataObject = {};
	for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
		const split = part.indexOf('\r\n\r\n') === -1 ? part.indexOf('\n\n') : part.indexOf('\r\n\r\n');
		if (split === -1) continue;
		const name = /name="([^"]*)"/i.exec(part.slice(0, split));
		if (!name) continue;
		fields[name[1]] = part.slice(split).replace(/^(\r?\n){2}/, '').replace(/\r?\n$/, '');
	}
	return fields;
}

/** Text as Octopush or a proxy may send it: JSON (whatever the content type says), a form, multipart. */
function parseText(text: string, contentType: string): unknown {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return undefined;
	if (/^multipart\//i.test(contentType)) return fromFormFields(parseMultipart(text, contentType));
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch (error) {
			throw unreadable(`JSON that does not parse (${(error as Error).message})`);
		}
	}
	if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(trimmed)) return Object.fromEntries(new URLSearchParams(trimmed));
	throw unreadable('text that is neither JSON nor a form');
}

/** A form whose only field holds a JSON object or array is that JSON (a sender that wraps it so). */
function fromFormFields(fields: IDataObject): unknown {
	const values = Object.values(fields);
	if (values.length === 1 && typeof values[0] === 'string' && /^\s*[[{]/.test(values[0])) {
		try {
			return JSON.parse(values[0]) as unknown;
		} catch {
			return fields;
		}
	}
	return fields;
}

function bodyOf(incoming: IncomingCallback): unknown {
	let body = incoming.body;
	// n8n parses multipart/form-data into { data: fields, files }.
	if (/^multipart\//i.test(incoming.contentType) && isPlainObject(body) && isPlainObject(body.data)) body = fromFormFields(body.data);
	if (typeof body === 'string' || Buffer.isBuffer(body)) body = parseText(body.toString(), incoming.contentType);
	if (isEmpty(body) && !isEmpty(incoming.rawBody)) body = parseText(incoming.rawBody!.toString(), incoming.contentType);
	// Some pages list the fields as "Query fields": a POST that carries them in the URL is read too.
	if (isEmpty(body) && Object.keys(incoming.query).length > 0) body = { ...incoming.query };
	return body;
}

/**
 * The callbacks in one request: one payload per JSON object (a JSON array gives several). Anything that
 * yields none is a refusal (with the status to answer), never an empty success.
 */
export function readCallback(incoming: IncomingCallback): ReadCallback {
	let body: unknown;
	try {
		body = bodyOf(incoming);
	} catch (error) {
		return { refusal: { status: 400, message: `The callback could not be read: ${(error as Error).message}.` } };
	}
	if (isEmpty(body)) return { refusal: { status: 400, message: 'The callback is empty: there is nothing to start the workflow with.' } };
	const list = Array.isArray(body) ? body : [body];
	if (list.length === 0) return { refusal: { status: 400, message: 'The callback is an empty list: there is nothing to start the workflow with.' } };
	const wrong = list.findIndex((entry) => !isPlainObject(entry) || Object.keys(entry).length === 0);
	if (wrong !== -1) {
		return { refusal: { status: 400, message: Array.isArray(body) ? `Entry ${wrong} of the callback is not a JSON object with fields.` : 'The callback is not a JSON object.' } };
	}
	return { payloads: list as IDataObject[] };
}
