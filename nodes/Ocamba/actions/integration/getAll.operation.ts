import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, withSimplify } from '../../../shared/simplify';
import { ocambaList } from '../../transport';
import { redactIntegration, type SettingDescriptor } from '../../transport/secrets';
import { INTEGRATION_STATUS_OPTIONS, listProperties, readListQuery, show } from '../common';
import { INTEGRATION_SIMPLIFIED } from '../simplified';
import { settingDescriptors } from './settings';

export const description: INodeProperties[] = withSimplify(listProperties('integration', [
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: INTEGRATION_STATUS_OPTIONS,
		default: [],
		description: 'Only integrations with one of these statuses',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		default: '',
		description: 'Only SMS or only e-mail integrations',
	},
]), show('integration', ['getAll']).show, INTEGRATION_SIMPLIFIED);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, returnAll, limit } = readListQuery(this, itemIndex, {
		type: { label: 'Filters › Type', value: filters.type, allowed: ['sms', 'email'] },
		status: { label: 'Filters › Status', value: filters.status, allowed: ['active', 'inactive'] },
	});
	const records = await ocambaList.call(this, '/v1/hood/integrations', qs, { returnAll, limit, itemIndex, keepPartial: this.continueOnFail(), byId: true });
	// Each provider's settings described once (the provider list is read only for providers the node does not know).
	const descriptors = new Map<string, SettingDescriptor[]>();
	const output: IDataObject[] = [];
	for (const record of records) {
		const providerId = record.provider_id === undefined ? '' : String(record.provider_id);
		if (!descriptors.has(providerId)) descriptors.set(providerId, providerId ? await settingDescriptors(this, providerId) : []);
		output.push(redactIntegration(record, descriptors.get(providerId)));
	}
	return simplifyOutput(this, itemIndex, output, INTEGRATION_SIMPLIFIED);
}
