import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { idProperty, readPathId, validatorFor } from '../common';

export const description: INodeProperties[] = [idProperty('integrationId', 'Integration ID', 'integration', ['delete'], 'The ID of the integration to delete')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readPathId(this, validatorFor(this, itemIndex), 'integrationId', 'Integration ID', itemIndex);
	await ocambaRequest.call(this, { method: 'DELETE', path: `/v1/hood/integrations/${id}`, expect: 'jsonOrNone', itemIndex });
	return { id: decodeURIComponent(id), deleted: true };
}
