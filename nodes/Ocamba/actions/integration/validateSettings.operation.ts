import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SecretMask } from '../../../shared/http';
import { ocambaRequest } from '../../transport';
import { validatorFor } from '../common';
import { readProviderSettings, secretValues } from './providers';

// The Provider parameter and its settings are shared with Create (see create.operation.ts).
export const description: INodeProperties[] = [];

interface Verdict {
	valid?: boolean;
	reason?: string;
}

const VALID_WORDS = new Set(['valid', 'ok', 'success', 'succeeded', 'passed', 'true']);
const INVALID_WORDS = new Set(['invalid', 'error', 'failed', 'fail', 'failure', 'false']);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * What a 200 JSON answer says. Validate Integration documents "200 application/json" besides 204
 * but not its body (docs.ocamba.com/api/hood/v1.0/create-integrations-validate), so the
 * usual spellings are read: a valid / is_valid / success flag, a status word, a list of errors, and
 * a message or reason.
 */
function readVerdict(body: IDataObject): Verdict {
	const errors = body.errors;
	const errorTexts = Array.isArray(errors)
		? errors.map((e) => (typeof e === 'string' ? e : text((e as IDataObject)?.message) ?? JSON.stringify(e)))
		: typeof errors === 'object' && errors !== null
			? Object.entries(errors).map(([field, problem]) => `${field}: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}`)
			: [];
	const reason = text(body.message) ?? text(body.reason) ?? text(body.error) ?? (errorTexts.length ? errorTexts.join('; ') : undefined);
	for (const flag of [body.valid, body.is_valid, body.isValid, body.success]) {
		if (typeof flag === 'boolean') return { valid: flag, reason };
		if (typeof flag === 'string' && ['true', 'false'].includes(flag)) return { valid: flag === 'true', reason };
	}
	const status = (text(body.status) ?? text(body.result))?.toLowerCase();
	if (status && INVALID_WORDS.has(status)) return { valid: false, reason };
	if (errorTexts.length) return { valid: false, reason };
	if (status && VALID_WORDS.has(status)) return { valid: true, reason };
	return { reason };
}

/**
 * Asks Ocamba whether the settings work with the provider. A 400 answer, or a 200 whose body says
 * they are not valid, is the result ("not valid", with Ocamba's reason), not a failure of the node;
 * other errors fail as usual.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const { provider_id, settings, secretNames } = readProviderSettings(this, validate, itemIndex, this.getNodeParameter('provider', itemIndex) as string, { partial: false });
	const secrets = secretValues(settings, secretNames);
	const outcome = await ocambaRequest
		.call(this, { method: 'POST', path: '/v1/hood/integrations/validate', body: { provider_id, settings }, expect: 'jsonOrNone', idempotent: true, itemIndex, secrets })
		.then(
			(body) => ({ body: body as IDataObject | undefined }),
			(error: Error & { httpCode?: string | null; details?: IDataObject }) => ({ error }),
		);
	if ('error' in outcome) {
		const { error } = outcome;
		// The request layer only raises NodeApiError; anything but a 400 is a real failure.
		if (error.httpCode !== '400') throw error;
		return { valid: false, provider_id, reason: error.message, ...(error.details?.traceId ? { traceId: error.details.traceId } : {}) };
	}
	const body = outcome.body;
	if (body === undefined || Object.keys(body).length === 0) return { valid: true, provider_id };
	// Ocamba may quote what it was sent: its words reach the output with the secrets masked.
	const mask = new SecretMask(secrets);
	const verdict = readVerdict(body);
	if (verdict.valid === false) return { valid: false, provider_id, reason: mask.text(verdict.reason ?? 'Ocamba found the settings not valid (it gave no reason).') };
	// A 2xx that says nothing against the settings: valid, with Ocamba's words for the user to see.
	return { valid: true, provider_id, ...(verdict.valid === undefined ? { ocambaAnswer: mask.value(body) } : {}) };
}
