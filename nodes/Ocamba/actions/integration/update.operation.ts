import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaGetRecord, ocambaRequest } from '../../transport';
import { INTEGRATION_STATUS_OPTIONS, idProperty, readPathId, show, validatorFor } from '../common';
import { providerOptions, providerSettingProperties, readProviderSettings, secretValues } from './providers';
import { completeSettings } from './settings';

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
		description:
			'To change settings, pick the integration\'s provider and fill in only the settings to change. The node reads the integration and sends all of its provider\'s settings (the stored values for the ones left empty), so none is lost whether Ocamba merges or replaces settings. A secret Ocamba does not return (masked) must then be filled in too.',
		displayOptions,
	},
	...providerSettingProperties(displayOptions.show, 'settingsProvider', false),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const id = readPathId(this, validate, 'integrationId', 'Integration ID', itemIndex);
	const path = `/v1/hood/integrations/${id}`;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('name' in fields) body.name = validate.requiredText('Update Fields › Name', fields.name);
	if ('status' in fields) body.status = validate.oneOf('Update Fields › Status', fields.status, ['active', 'inactive'], { required: true });
	const settingsProvider = this.getNodeParameter('settingsProvider', itemIndex, 'none') as string;
	let changedSettings: string[] | undefined;
	let secrets: string[] = [];
	if (settingsProvider !== 'none') {
		const given = readProviderSettings(this, validate, itemIndex, settingsProvider, { partial: true });
		if (Object.keys(given.settings).length) {
			// Read before write: the PATCH carries the provider's complete settings (see settings.ts).
			const stored = await ocambaGetRecord.call(this, { path, itemIndex });
			const complete = await completeSettings(this, validate, stored, given, 'Change Settings Of');
			body.settings = complete.settings;
			changedSettings = Object.keys(given.settings);
			secrets = secretValues(complete.settings, complete.secretNames);
		}
	}
	if (Object.keys(body).length === 0) {
		validate.fail('Update Fields', 'has nothing to change', 'at least a Name, a Status or one setting under "Change Settings Of"');
	}
	await ocambaRequest.call(this, { method: 'PATCH', path, body, expect: 'jsonOrNone', itemIndex, secrets });
	// Only the names of changed settings are output: their values may be secrets.
	const changed: IDataObject = { ...body };
	delete changed.settings;
	return { id: decodeURIComponent(id), updated: true, ...changed, ...(changedSettings ? { changedSettings } : {}) };
}
