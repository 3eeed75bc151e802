import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { readListName } from '../../helpers/names';
import { octopushRequest } from '../../transport';

const show = { resource: ['contactList'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ displayName: 'List Name', name: 'listName', type: 'string', required: true, default: '', displayOptions: { show }, description: 'Name of the contact list to delete' },
];

/** DELETE /contact-list/delete {list_name} → 204 (dev.octopush.com/api-sms-documentation/supprimer-une-liste/). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const listName = readListName(validate, this.getNodeParameter('listName', itemIndex), { required: true })!;
	// Deleting a list twice deletes it once; a repeat that finds nothing says so (shared layer).
	await octopushRequest.call(this, { method: 'DELETE', path: '/contact-list/delete', body: { list_name: listName }, expect: 'jsonOrNone', itemIndex });
	return { list_name: listName, deleted: true };
}
