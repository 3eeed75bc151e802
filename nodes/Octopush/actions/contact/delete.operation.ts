import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { MAX_NUMBERS_PER_CONTACT_DELETE, octopushRequest } from '../../transport';
import { readPhoneNumbers } from '../../helpers/message';

const show = { resource: ['contact'], operation: ['delete'] };

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
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: 'Only remove the contacts from this list; empty deletes them from the account',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const numbers = [...new Set(readPhoneNumbers(v, this.getNodeParameter('phoneNumbers', itemIndex), 'Phone Numbers'))];
	const listName = v.text('List Name', this.getNodeParameter('listName', itemIndex, ''));
	let requests = 0;
	for (let start = 0; start < numbers.length; start += MAX_NUMBERS_PER_CONTACT_DELETE) {
		const chunk = numbers.slice(start, start + MAX_NUMBERS_PER_CONTACT_DELETE);
		await octopushRequest.call(this, { method: 'DELETE', path: '/contact/delete', body: compact({ phone_numbers: chunk, list_name: listName }), expect: 'jsonOrNone', itemIndex });
		requests++;
	}
	return compact({ deleted: true, phone_numbers: numbers, number_of_contacts: numbers.length, list_name: listName, requests });
}
