import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, withSimplify } from '../../../shared/simplify';
import { ocambaList } from '../../transport';
import { ACCOUNT_STATUSES, ACCOUNT_STATUS_OPTIONS, listProperties, readListQuery, show } from '../common';
import { ACCOUNT_SIMPLIFIED } from '../simplified';

export const description: INodeProperties[] = withSimplify(listProperties('account', [
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: ACCOUNT_STATUS_OPTIONS,
		default: [],
		description: 'Only accounts with one of these statuses',
	},
]), show('account', ['getAll']).show, ACCOUNT_SIMPLIFIED);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, returnAll, limit } = readListQuery(this, itemIndex, { status: { label: 'Filters › Status', value: filters.status, allowed: ACCOUNT_STATUSES } });
	return simplifyOutput(this, itemIndex, await ocambaList.call(this, '/v2/ocamba/accounts', qs, { returnAll, limit, itemIndex, keepPartial: this.continueOnFail(), byId: true }), ACCOUNT_SIMPLIFIED);
}
