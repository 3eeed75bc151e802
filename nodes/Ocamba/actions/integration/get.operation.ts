import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, simplifyProperties } from '../../../shared/simplify';
import { ocambaGetRecord } from '../../transport';
import { redactIntegration } from '../../transport/secrets';
import { idProperty, readPathId, show, validatorFor } from '../common';
import { INTEGRATION_SIMPLIFIED } from '../simplified';
import { settingDescriptors } from './settings';

export const description: INodeProperties[] = [
	idProperty('integrationId', 'Integration ID', 'integration', ['get'], 'The ID of the integration to get (secret settings are hidden in the output)'),
	...simplifyProperties(show('integration', ['get']).show, INTEGRATION_SIMPLIFIED),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readPathId(this, validatorFor(this, itemIndex), 'integrationId', 'Integration ID', itemIndex);
	const integration = await ocambaGetRecord.call(this, { path: `/v1/hood/integrations/${id}`, itemIndex });
	return simplifyOutput(this, itemIndex, redactIntegration(integration, await settingDescriptors(this, String(integration.provider_id ?? ''), integration)), INTEGRATION_SIMPLIFIED);
}
