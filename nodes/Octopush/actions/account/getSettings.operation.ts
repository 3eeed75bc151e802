import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAccountSettings } from '../../transport/callbacks';

export const description: INodeProperties[] = [];

/** GET /user/campaign-parameters (api-default-parameters/retrieve-configuration), output as Octopush answers. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getAccountSettings.call(this, itemIndex);
}
