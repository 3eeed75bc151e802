import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { idProperty, readPathId, validatorFor } from '../common';

export const description: INodeProperties[] = [
	idProperty('accountId', 'Account ID', 'account', ['delete'], 'The ID of the account to delete. Ocamba refuses to delete an account that is in use (such as the default account).'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readPathId(this, validatorFor(this, itemIndex), 'accountId', 'Account ID', itemIndex);
	await ocambaRequest.call(this, { method: 'DELETE', path: `/v2/ocamba/accounts/${id}`, expect: 'jsonOrNone', itemIndex });
	return { id: decodeURIComponent(id), deleted: true };
}
