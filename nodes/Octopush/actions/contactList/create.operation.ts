import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { readListName } from '../../helpers/names';
import { octopushRequest } from '../../transport';

const show = { resource: ['contactList'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ displayName: 'List Name', name: 'listName', type: 'string', required: true, default: '', displayOptions: { show }, description: 'Name of the new contact list, at most 30 characters' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const listName = readListName(v, this.getNodeParameter('listName', itemIndex), { required: true })!;
	const answer = await octopushRequest.call(this, { method: 'POST', path: '/contact-list/create', body: { list_name: listName }, expect: 'jsonOrNone', itemIndex });
	return { list_name: listName, created: true, ...((answer ?? {}) as IDataObject) };
}
