import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { validatorFor } from '../common';
import { readProviderSettings } from './providers';

// The Provider parameter and its settings are shared with Create (see create.operation.ts).
export const description: INodeProperties[] = [];

/**
 * Asks Ocamba whether the settings work with the provider. A 400 answer is the result ("not
 * valid", with Ocamba's reason), not a failure of the node; other errors fail as usual.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const { provider_id, settings } = readProviderSettings(this, validate, itemIndex, this.getNodeParameter('provider', itemIndex) as string, { partial: false });
	try {
		await ocambaRequest.call(this, { method: 'POST', path: '/v1/hood/integrations/validate', body: { provider_id, settings }, expect: 'jsonOrNone', idempotent: true, itemIndex });
	} catch (error) {
		const { httpCode, details } = error as { httpCode?: string | null; details?: IDataObject };
		// apiRequest only ever throws NodeApiError; anything but a 400 is a real failure.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (httpCode !== '400') throw error;
		return { valid: false, provider_id, reason: (error as Error).message, ...(details?.traceId ? { traceId: details.traceId } : {}) };
	}
	return { valid: true, provider_id };
}
