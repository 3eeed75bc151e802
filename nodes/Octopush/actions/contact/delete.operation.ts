import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { readPhoneNumbers } from '../../helpers/message';
import { readListName } from '../../helpers/names';
import { MAX_NUMBERS_PER_CONTACT_DELETE, octopushRequest } from '../../transport';

const show = { resource: ['contact'], operation: ['delete'] };
/** Version 1.1 asks where to delete from; version 1 reads an empty List Name as "the account". */
const fromVersion11 = { '@version': [{ _cnd: { gte: 1.1 } }] };

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678, +33687654321',
		displayOptions: { show },
		description: 'Numbers of the contacts to delete, in international format, separated by commas (or a list from an expression). More than 200 are sent in several requests.',
	},
	{
		displayName: 'Delete From',
		name: 'deleteFrom',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...show, ...fromVersion11 } },
		options: [
			{ name: 'A Contact List', value: 'list', description: 'Remove the contacts from one list; they stay in the account and its other lists' },
			{ name: 'The Whole Account', value: 'account', description: 'Delete the contacts from the account and every list' },
		],
		default: 'list',
	},
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show, ...fromVersion11, deleteFrom: ['list'] } },
		description: 'The list to remove the contacts from. An empty value is an error (it never widens the delete to the account).',
	},
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show, '@version': [1] } },
		description: 'Only remove the contacts from this list; empty deletes them from the account',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const numbers = [...new Set(readPhoneNumbers(validate, this.getNodeParameter('phoneNumbers', itemIndex), 'Phone Numbers'))];
	let listName: string | undefined;
	if (this.getNode().typeVersion >= 1.1) {
		const from = validate.oneOf('Delete From', this.getNodeParameter('deleteFrom', itemIndex, 'list'), ['list', 'account'] as const, { required: true });
		// A mapping that came out empty is an error here, never a delete from the whole account.
		if (from === 'list') listName = readListName(validate, this.getNodeParameter('listName', itemIndex, ''), { required: true });
	} else {
		listName = readListName(validate, this.getNodeParameter('listName', itemIndex, ''));
	}
	let requests = 0;
	for (let start = 0; start < numbers.length; start += MAX_NUMBERS_PER_CONTACT_DELETE) {
		const chunk = numbers.slice(start, start + MAX_NUMBERS_PER_CONTACT_DELETE);
		await octopushRequest.call(this, { method: 'DELETE', path: '/contact/delete', body: compact({ phone_numbers: chunk, list_name: listName }), expect: 'jsonOrNone', itemIndex });
		requests++;
	}
	return compact({ deleted: true, deleted_from: listName === undefined ? 'account' : 'list', phone_numbers: numbers, number_of_contacts: numbers.length, list_name: listName, requests });
}
