import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { INTEGRATION_STATUS_OPTIONS, idProperty, readPathId, show, validatorFor } from '../common';
import { providerOptions, providerSettingProperties, readProviderSettings } from './providers';

const displayOptions = show('integration', ['update']);

export const description: INodeProperties[] = [
	idProperty('integrationId', 'Integration ID', 'integration', ['update'], 'The ID of the integration to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed',
		displayOptions,
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The integration\'s new name' },
			{ displayName: 'Status', name: 'status', type: 'options', options: INTEGRATION_STATUS_OPTIONS, default: 'active', description: 'Whether Hood may send through this integration' },
		],
	},
	{
		displayName: 'Change Settings Of',
		name: 'settingsProvider',
		type: 'options',
		options: [{ name: 'Don\'t Change Settings', value: 'none' }, ...providerOptions],
		default: 'none',
		description: 'To change settings, pick the integration\'s provider; the settings you fill in are changed, the empty ones keep their values',
		displayOptions,
	},
	...providerSettingProperties(displayOptions.show, 'settingsProvider', false),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const id = readPathId(this, validate, 'integrationId', 'Integration ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('name' in fields) body.name = validate.requiredText('Update Fields › Name', fields.name);
	if ('status' in fields) body.status = validate.oneOf('Update Fields › Status', fields.status, ['active', 'inactive'], { required: true });
	const settingsProvider = this.getNodeParameter('settingsProvider', itemIndex, 'none') as string;
	if (settingsProvider !== 'none') {
		const { settings } = readProviderSettings(this, validate, itemIndex, settingsProvider, { partial: true });
		if (Object.keys(settings).length) body.settings = settings;
	}
	if (Object.keys(body).length === 0) {
		validate.fail('Update Fields', 'has nothing to change', 'at least a Name, a Status or one setting under "Change Settings Of"');
	}
	await ocambaRequest.call(this, { method: 'PATCH', path: `/v1/hood/integrations/${id}`, body, expect: 'jsonOrNone', itemIndex });
	// Only the names of changed settings are output: their values may be secrets.
	const { settings, ...changed } = body;
	return { id: decodeURIComponent(id), updated: true, ...changed, ...(settings ? { changedSettings: Object.keys(settings as IDataObject) } : {}) };
}
