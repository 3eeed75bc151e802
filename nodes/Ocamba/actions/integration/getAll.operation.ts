import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaList, redactIntegration } from '../../transport';
import { INTEGRATION_STATUS_OPTIONS, listProperties, readListQuery } from '../common';

export const description: INodeProperties[] = listProperties('integration', [
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
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, returnAll, limit } = readListQuery(this, itemIndex, {
		type: { label: 'Filters › Type', value: filters.type, allowed: ['sms', 'email'] },
		status: { label: 'Filters › Status', value: filters.status, allowed: ['active', 'inactive'] },
	});
	const records = await ocambaList.call(this, '/v1/hood/integrations', qs, { returnAll, limit, itemIndex, keepPartial: this.continueOnFail() });
	return records.map((record) => redactIntegration(record));
}
