import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, simplifyProperties } from '../../../shared/simplify';
import { getAccountSettings } from '../../transport/callbacks';
import { SETTINGS_SIMPLIFIED } from '../simplified';

export const description: INodeProperties[] = simplifyProperties({ resource: ['account'], operation: ['getSettings'] }, SETTINGS_SIMPLIFIED);

/** GET /user/campaign-parameters (api-default-parameters/retrieve-configuration), output as Octopush answers. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return simplifyOutput(this, itemIndex, await getAccountSettings.call(this, itemIndex), SETTINGS_SIMPLIFIED);
}
