import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaGetRecord, ocambaRequest } from '../../transport';
import { isReadableValue, isSecretSetting } from '../../transport/secrets';
import { readPathId, show, validatorFor } from '../common';
import { providerOptions, providerSettingProperties, readProviderSettings, secretValues } from './providers';
import { settingDescriptors } from './settings';

const displayOptions = show('integration', ['sendTest']);

export const description: INodeProperties[] = [
	{
		displayName: 'Integration From',
		name: 'integrationSource',
		type: 'options',
		options: [
			{ name: 'Existing Integration (by ID)', value: 'existing', description: 'Test an integration already saved in Ocamba (it is read first; its secrets must be readable)' },
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
	let secrets: string[];
	if (source === 'existing') {
		const id = readPathId(this, validate, 'integrationId', 'Integration ID', itemIndex);
		// Ocamba tests an integration given in full, so the saved one is read first (bare or wrapped).
		const saved = await ocambaGetRecord.call(this, { path: `/v1/hood/integrations/${id}`, itemIndex });
		const settings = (typeof saved.settings === 'object' && saved.settings !== null ? saved.settings : {}) as IDataObject;
		const hidden = Object.entries(settings).filter(([, value]) => value !== '' && value !== null && !isReadableValue(value)).map(([name]) => name);
		if (hidden.length) {
			validate.fail(
				'Integration ID',
				`names an integration whose settings ${hidden.join(', ')} Ocamba returns hidden, so it cannot be tested from its ID`,
				'"Integration From: Settings Entered Here" with the provider\'s settings filled in',
			);
		}
		integration = { id: saved.id, name: saved.name, provider_id: saved.provider_id, settings };
		const descriptors = await settingDescriptors(this, String(saved.provider_id ?? ''), saved);
		secrets = secretValues(settings, descriptors.filter(isSecretSetting).map((d) => d.name));
	} else {
		const given = readProviderSettings(this, validate, itemIndex, this.getNodeParameter('provider', itemIndex) as string, { partial: false });
		integration = { provider_id: given.provider_id, settings: given.settings };
		secrets = secretValues(given.settings, given.secretNames);
	}
	await ocambaRequest.call(this, { method: 'POST', path: '/v1/hood/test-notification', body: { integration, recipient }, expect: 'jsonOrNone', itemIndex, secrets });
	return { sent: true, recipient, provider_id: integration.provider_id, ...(integration.id !== undefined ? { integrationId: integration.id } : {}) };
}
