import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, simplifyProperties } from '../../../shared/simplify';
import { ocambaGetRecord } from '../../transport';
import { idProperty, readPathId, show, validatorFor } from '../common';
import { ACCOUNT_SIMPLIFIED } from '../simplified';

export const description: INodeProperties[] = [
	idProperty('accountId', 'Account ID', 'account', ['get'], 'The ID of the account to get'),
	...simplifyProperties(show('account', ['get']).show, ACCOUNT_SIMPLIFIED),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('account', ['get']),
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'id,name,status',
				description: 'Comma-separated fields to return (all fields when empty)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const id = readPathId(this, validate, 'accountId', 'Account ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = validate.text('Options › Fields', options.fields);
	const account = await ocambaGetRecord.call(this, {
		path: `/v2/ocamba/accounts/${id}`,
		qs: fields ? { fields: fields.replace(/\s+/g, '') } : undefined,
		itemIndex,
	});
	return simplifyOutput(this, itemIndex, account, ACCOUNT_SIMPLIFIED);
}
