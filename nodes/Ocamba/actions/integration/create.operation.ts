import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { redactIntegration } from '../../transport/secrets';
import { INTEGRATION_STATUS_OPTIONS, show, validatorFor } from '../common';
import { providerOptions, providerSettingProperties, readProviderSettings, secretValues } from './providers';
import { settingDescriptors } from './settings';

const displayOptions = show('integration', ['create']);

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		// Names no provider: the same field serves every provider (it read "My Twilio" after choosing Other).
		placeholder: 'e.g. Hood SMS',
		description: 'The integration\'s name',
		displayOptions,
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: INTEGRATION_STATUS_OPTIONS,
		default: 'active',
		description: 'Whether Hood may send through this integration',
		displayOptions,
	},
];

/** The Provider parameter and its settings, shared by Create and Validate Settings. */
export const providerProperties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: providerOptions,
		default: 'twilio',
		description: 'The SMS or e-mail service Hood sends through; each shows its own settings',
		displayOptions: show('integration', ['create', 'validateSettings']),
	},
	...providerSettingProperties(show('integration', ['create', 'validateSettings']).show, 'provider', true),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const name = validate.requiredText('Name', this.getNodeParameter('name', itemIndex, ''));
	const { provider_id, settings, secretNames } = readProviderSettings(this, validate, itemIndex, this.getNodeParameter('provider', itemIndex) as string, { partial: false });
	const status = validate.oneOf('Status', this.getNodeParameter('status', itemIndex, 'active'), ['active', 'inactive'], { required: true });
	// Key order as in Ocamba's examples: name, provider_id, settings, status.
	const body: IDataObject = { name, provider_id, settings, status };
	const created = await ocambaRequest.call(this, { method: 'POST', path: '/v1/hood/integrations', body, itemIndex, secrets: secretValues(settings, secretNames) });
	return redactIntegration(created, await settingDescriptors(this, provider_id), secretNames);
}
