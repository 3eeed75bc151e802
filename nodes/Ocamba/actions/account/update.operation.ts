import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { idProperty, readPathId, show, validatorFor } from '../common';
import { contactsProperty, postbacksProperty, readContacts, readFeeds, readStatus, statusProperty } from './fields';

export const description: INodeProperties[] = [
	idProperty('accountId', 'Account ID', 'account', ['update'], 'The ID of the account to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed; the others keep their values',
		displayOptions: show('account', ['update']),
		options: [
			contactsProperty,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The account\'s new name' },
			postbacksProperty,
			statusProperty,
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const id = readPathId(this, validate, 'accountId', 'Account ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('name' in fields) body.name = validate.requiredText('Update Fields › Name', fields.name);
	if ('status' in fields) body.status = readStatus(validate, fields.status, 'Update Fields › Status');
	if ('contacts' in fields) body.contacts = readContacts(validate, fields.contacts, 'Update Fields › Contacts');
	if ('postbacks' in fields) body.feeds = { postbacks: readFeeds(validate, fields.postbacks, 'Update Fields › Postbacks Feed')?.postbacks ?? '' };
	for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
	if (Object.keys(body).length === 0) {
		validate.fail('Update Fields', 'has nothing to change', 'at least one field (Name, Status, Contacts or Postbacks Feed)');
	}
	await ocambaRequest.call(this, { method: 'PATCH', path: `/v2/ocamba/accounts/${id}`, body, expect: 'jsonOrNone', itemIndex });
	return { id: decodeURIComponent(id), updated: true, ...body };
}
