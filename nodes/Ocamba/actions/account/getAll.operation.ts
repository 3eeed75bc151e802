import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaList } from '../../transport';
import { ACCOUNT_STATUS_OPTIONS, listProperties, readListQuery, validatorFor } from '../common';

export const description: INodeProperties[] = listProperties('account', [
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: ACCOUNT_STATUS_OPTIONS,
		default: [],
		description: 'Only accounts with one of these statuses',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const status = validatorFor(this, itemIndex);
	const statuses = (filters.status ?? []) as string[];
	if (!Array.isArray(statuses)) status.fail('Filters › Status', 'must be a list of statuses', 'a list such as ["active", "paused"]');
	const { qs, returnAll, limit } = readListQuery(this, itemIndex, { status: statuses });
	return await ocambaList.call(this, '/v2/ocamba/accounts', qs, { returnAll, limit, itemIndex, keepPartial: this.continueOnFail() });
}
