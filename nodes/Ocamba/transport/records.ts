/**
 * Single-record reads. Ocamba's references disagree on their shape: the Hood reference shows Get
 * Integration answering the record itself (api/hood/v1.0/reference/view-integrations-by_id), while
 * the SDK reference shows Get contact answering `{"total": 1, "items": [{...}]}`
 * (platform/sdk/api/ocamba.v2/) and the older Get Integration page documents "items[ integrations ]".
 * Every read (and every read-before-write) accepts both and hands on the record itself.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiError, excerpt } from '../../shared/http';
import { ocambaRequest } from './request';
import { REDACTED, soundsSecret } from './secrets';

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A copy for an error message: integration settings and secret-sounding fields hidden. */
function withoutSecrets(value: unknown, inSettings = false): unknown {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, inSettings));
	if (!isPlainObject(value)) return inSettings && value !== '' && value !== null && value !== undefined ? REDACTED : value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [key, soundsSecret(key) && !isPlainObject(entry) ? REDACTED : withoutSecrets(entry, inSettings || key === 'settings')]),
	);
}

/** `{total, items}` and nothing else: the list shape. */
function isWrapper(body: IDataObject): boolean {
	return Array.isArray(body.items) && Object.keys(body).every((key) => key === 'items' || key === 'total');
}

/**
 * The record in a single-record answer, bare or wrapped. Anything else (an empty list, several
 * records, a list, text, an empty object) is a clear error naming the request, never an item of
 * undefined fields.
 */
export function singleRecord(context: IExecuteFunctions | ILoadOptionsFunctions, body: unknown, request: { path: string; itemIndex?: number }): IDataObject {
	const where = `GET ${request.path.split('?')[0]}`;
	const unexpected = (what: string) =>
		apiError(context, `Ocamba answered ${where} with ${what} instead of one record`, {
			description: `Expected the record itself or {"total": 1, "items": [record]}. Ocamba answered: ${excerpt(withoutSecrets(body)) || '(nothing)'}. Check the Base URL in the credentials; if it is right, Ocamba may have changed this answer: please report it.`,
			itemIndex: request.itemIndex,
		});
	if (!isPlainObject(body)) throw unexpected(Array.isArray(body) ? 'a list' : 'no JSON object');
	if (!isWrapper(body)) {
		if (Object.keys(body).length === 0) throw unexpected('an empty object');
		return body;
	}
	const items = body.items as unknown[];
	if (items.length === 0) {
		throw apiError(context, `Ocamba: not found (${where} answered an empty list)`, {
			description: 'Ocamba answered with no record for this ID. Check the ID (Get Many lists the existing ones).',
			httpCode: 404,
			itemIndex: request.itemIndex,
		});
	}
	if (items.length > 1) throw unexpected(`${items.length} records`);
	if (!isPlainObject(items[0])) throw unexpected('a list whose entry is not a record');
	return items[0];
}

/** GET one record (bare or wrapped). */
export async function ocambaGetRecord(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	request: { path: string; qs?: IDataObject; itemIndex?: number },
): Promise<IDataObject> {
	const body = await ocambaRequest.call(this, { method: 'GET', path: request.path, qs: request.qs, itemIndex: request.itemIndex });
	return singleRecord(this, body, request);
}
