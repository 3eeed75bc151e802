import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest, redactIntegration } from '../../transport';
import { idProperty, readPathId, validatorFor } from '../common';

export const description: INodeProperties[] = [idProperty('integrationId', 'Integration ID', 'integration', ['get'], 'The ID of the integration to get (secret settings are hidden in the output)')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readPathId(this, validatorFor(this, itemIndex), 'integrationId', 'Integration ID', itemIndex);
	return redactIntegration(await ocambaRequest.call(this, { method: 'GET', path: `/v1/hood/integrations/${id}`, itemIndex }));
}
