/**
 * The one module that talks to Octopush: the vendor profile (how its `{code, message}` errors read,
 * what a 401 means), URL building from the credential's Base URL, and the request_id scheme that
 * makes every send safe to retry.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { apiRequest, joinUrl, type Expectation, type VendorProfile } from '../../shared/http';
import { readRequestSettings } from '../../shared/options';

export const CREDENTIAL_TYPE = 'octopushApi';

/** The API's limits, from the spec. */
export const MAX_RECIPIENTS_PER_SEND = 500;
export const MAX_NUMBERS_PER_CONTACT_DELETE = 200;
export const MAX_TEXT_LENGTH = 1224;

export const octopushProfile: VendorProfile = {
	vendor: 'Octopush',
	credentialType: CREDENTIAL_TYPE,
	describeError(_status, body) {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
		const { code, message, ...extra } = body as IDataObject;
		if (typeof message !== 'string' || message === '') return undefined;
		const details: IDataObject = {};
		if (code !== undefined) details.code = code;
		details.message = message;
		// Extra fields Octopush adds (field name, remaining attempts) help the user; none is secret.
		for (const [key, value] of Object.entries(extra)) {
			if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) details[key] = value;
		}
		// A validation error listing fields (`errors: {request_id: [...]}`) keeps their names.
		const errors = extra.errors;
		if (errors && typeof errors === 'object' && !Array.isArray(errors)) details.fields = Object.keys(errors);
		return { message: code !== undefined ? `${message} (code ${String(code)})` : message, details };
	},
	hints: {
		unauthorized:
			'Check the API Login (your Octopush account e-mail, or a sub-account login) and the API Key in the Octopush credentials. Both are shown in Octopush under API & Integrations → HTTP API credentials.',
		forbidden: 'The account may not use this service, or the IP address of this n8n is not on the account\'s allowed list in Octopush.',
		notFound: 'Octopush does not know this resource. Check the login, ticket or list name.',
	},
};

export interface OctopushRequest {
	method: IHttpRequestMethods;
	/** Path under the Base URL, e.g. `/sms-campaign/send`. Ids must already be encoded. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	expect?: Expectation;
	idempotent?: boolean;
	/** Secret values the request carries (a password, a one-time token): masked wherever Octopush echoes them. */
	secrets?: readonly unknown[];
	itemIndex?: number;
}

/** Sends one request to Octopush with the node's credentials; returns the parsed body. */
export async function octopushRequest(this: IExecuteFunctions, request: OctopushRequest): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, request.itemIndex ?? 0);
	const baseUrl = String(credentials.baseUrl || 'https://api.octopush.com/v1/public');
	const response = await apiRequest.call(
		this,
		octopushProfile,
		{
			method: request.method,
			url: joinUrl(baseUrl, request.path),
			body: request.body,
			qs: request.qs,
			// Octopush wants every call with a JSON content type, even those without a body.
			headers: { 'Content-Type': 'application/json' },
			expect: request.expect,
			idempotent: request.idempotent,
			secrets: request.secrets,
			itemIndex: request.itemIndex,
			// `country_codes[]=FR&country_codes[]=BE`, as the API documents.
			arrayFormat: 'brackets',
		},
		readRequestSettings(this),
	);
	return response.body;
}

/** FNV-1a, twice with different seeds (64 bits): a short, stable fingerprint (node code may not import crypto). */
function fingerprint(text: string): string {
	const fnv = (seed: number) => {
		let hash = seed;
		for (let i = 0; i < text.length; i++) {
			hash ^= text.charCodeAt(i);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		return hash.toString(36);
	};
	return `${fnv(0x811c9dc5)}${fnv(0x050c5d1f)}`;
}

const fallbackRunIds = new WeakMap<object, string>();

/**
 * The request_id of one send: this n8n instance, workflow and node, the execution, the node's run (a
 * node inside a loop runs several times per execution), and the item or batch. It is the same every
 * time the same send is retried within the execution, so Octopush refuses a second copy (it keeps
 * request_ids for 24 h), and differs for every other send — including on another n8n instance whose
 * execution ids overlap with ours, or a copy of the workflow.
 */
export function requestIdFor(context: IExecuteFunctions, scope: 'item' | 'batch', index: number): string {
	const safely = (read: () => unknown) => {
		try {
			return String(read() ?? '');
		} catch {
			return '';
		}
	};
	let executionId = safely(() => context.getExecutionId());
	if (!executionId) {
		// No execution id (unusual): one random id per node run keeps retries within it stable.
		let id = fallbackRunIds.get(context);
		if (!id) {
			id = `x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
			fallbackRunIds.set(context, id);
		}
		executionId = id;
	}
	const runIndex = Number(safely(() => context.getWorkflowDataProxy(0).$runIndex)) || 0;
	const node = context.getNode();
	const origin = fingerprint(`${safely(() => context.getInstanceId())}/${safely(() => context.getWorkflow().id)}/${node.id ?? ''}/${node.name}`);
	return `n8n-${executionId}-${origin}-r${runIndex}-${scope === 'item' ? 'i' : 'b'}${index}`;
}

/** Octopush's own error code and fields carried by an error from octopushRequest, if any. */
export function octopushErrorDetails(error: unknown): IDataObject | undefined {
	return (error as { details?: IDataObject })?.details;
}

export { namesDuplicateRequestId, recallOutcome, rememberOutcome, sendMessage, sendWithRequestId, type SendOutcome } from './send';

