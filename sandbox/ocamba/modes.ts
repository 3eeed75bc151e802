/**
 * Where Ocamba's documents are silent or contradict themselves, the sandbox can play each reading, so
 * a node is shown safe under all of them (`setModes`, or POST /__sandbox/ocamba/modes).
 */
import type { PageSizePolicy } from './lists';
import type { ProviderSettingTypes } from './providers';

export interface OcambaModes {
	/**
	 * Single-record reads (account, contact, integration): the record itself ('bare': the Hood
	 * reference's Get Integration, api/hood/v1.0/reference/view-integrations-by_id) or
	 * `{"total": 1, "items": [record]}` ('wrapped': the SDK reference's Get contact,
	 * platform/sdk/api/ocamba.v2/, and the older Get Integration page's "items[ integrations ]").
	 */
	singleRead: 'bare' | 'wrapped';
	/**
	 * What PATCH /v1/hood/integrations/{id} does with `settings`: 'merge' into the stored ones, or
	 * 'replace' them (the page says only "Any parameters not provided will be left unchanged" and its
	 * example sends the provider's complete settings). 'replace' is the default: the stricter reading.
	 */
	integrationSettings: 'merge' | 'replace';
	/** The largest page and what an oversized one gets (undocumented; see lists.ts). */
	pageSize: PageSizePolicy;
	/**
	 * POST /v1/hood/integrations/validate: 204 when valid, 400 with the error body when not ('status'),
	 * or the documented-but-undescribed 200 application/json: `{"valid": bool, "message"?}` ('json').
	 */
	validateAnswer: 'status' | 'json';
	/** Secret settings on read: as stored ('shown', as the create answer of seed 001 does) or masked. */
	secretsOnRead: 'shown' | 'masked';
	/** Provider setting types on the wire (see providers.ts). */
	providerSettingTypes: ProviderSettingTypes;
}

export const DEFAULT_OCAMBA_MODES: OcambaModes = {
	singleRead: 'bare',
	integrationSettings: 'replace',
	pageSize: { max: 1000, over: 'refuse' },
	validateAnswer: 'status',
	secretsOnRead: 'shown',
	providerSettingTypes: 'string',
};

/** What a masked secret looks like on read (an assumption: the docs never show one). */
export const MASKED_SECRET = '********';

/** The answer of a single-record read in the current mode. */
export function singleRecord(modes: OcambaModes, record: object) {
	return modes.singleRead === 'wrapped' ? { total: 1, items: [record] } : record;
}
