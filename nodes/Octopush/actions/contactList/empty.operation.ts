import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { readListName } from '../../helpers/names';
import { octopushRequest } from '../../transport';

const show = { resource: ['contactList'], operation: ['empty'] };

export const description: INodeProperties[] = [
	{ displayName: 'List Name', name: 'listName', type: 'string', required: true, default: '', displayOptions: { show }, description: 'Name of the contact list to empty' },
	{
		displayName: 'Delete Contacts',
		name: 'deleteContacts',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether the contacts are also deleted from the account, not only removed from the list',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const listName = readListName(v, this.getNodeParameter('listName', itemIndex), { required: true })!;
	const deleteContacts = v.boolean('Delete Contacts', this.getNodeParameter('deleteContacts', itemIndex, false)) ?? false;
	// Emptying an empty list changes nothing, so a retry is harmless.
	const answer = await octopushRequest.call(this, {
		method: 'POST',
		path: '/contact-list/empty',
		body: { list_name: listName, delete_contacts: deleteContacts },
		expect: 'jsonOrNone',
		idempotent: true,
		itemIndex,
	});
	return { list_name: listName, emptied: true, delete_contacts: deleteContacts, ...((answer ?? {}) as IDataObject) };
}
