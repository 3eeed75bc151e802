import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { readPathId, show, validatorFor } from '../common';
import { providerOptions, providerSettingProperties, readProviderSettings } from './providers';

const displayOptions = show('integration', ['sendTest']);

export const description: INodeProperties[] = [
	{
		displayName: 'Integration From',
		name: 'integrationSource',
		type: 'options',
		options: [
			{ name: 'Existing Integration (by ID)', value: 'existing', description: 'Test an integration already saved in Ocamba' },
			{ name: 'Settings Entered Here', value: 'settings', description: 'Test provider settings before saving them as an integration' },
		],
		default: 'existing',
		displayOptions,
	},
	{
		displayName: 'Integration ID',
		name: 'integrationId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the saved integration to send the test through',
		displayOptions: show('integration', ['sendTest'], { integrationSource: ['existing'] }),
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: providerOptions,
		default: 'twilio',
		description: 'The SMS or e-mail service to test; each shows its own settings',
		displayOptions: show('integration', ['sendTest'], { integrationSource: ['settings'] }),
	},
	...providerSettingProperties(show('integration', ['sendTest'], { integrationSource: ['settings'] }).show, 'provider', true),
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678 or name@example.com',
		description: 'Who receives the test: a phone number for an SMS provider, an e-mail address for an e-mail provider',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const source = this.getNodeParameter('integrationSource', itemIndex, 'existing') as string;
	const recipient = validate.requiredText('Recipient', this.getNodeParameter('recipient', itemIndex, ''));
	let integration: IDataObject;
	if (source === 'existing') {
		const id = readPathId(this, validate, 'integrationId', 'Integration ID', itemIndex);
		// Ocamba tests an integration given in full, so the saved one is read first.
		const saved = await ocambaRequest.call(this, { method: 'GET', path: `/v1/hood/integrations/${id}`, itemIndex });
		integration = { id: saved.id, name: saved.name, provider_id: saved.provider_id, settings: saved.settings };
	} else {
		integration = readProviderSettings(this, validate, itemIndex, this.getNodeParameter('provider', itemIndex) as string, { partial: false });
		delete integration.type;
	}
	await ocambaRequest.call(this, { method: 'POST', path: '/v1/hood/test-notification', body: { integration, recipient }, expect: 'jsonOrNone', itemIndex });
	return { sent: true, recipient, provider_id: integration.provider_id, ...(integration.id !== undefined ? { integrationId: integration.id } : {}) };
}
