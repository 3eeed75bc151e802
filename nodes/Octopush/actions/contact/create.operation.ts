import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { readListName, readTagName } from '../../helpers/names';
import { octopushRequest } from '../../transport';

const show = { resource: ['contact'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678',
		displayOptions: { show },
		description: 'The contact\'s number in international format',
	},
	{ displayName: 'List Name', name: 'listName', type: 'string', default: '', displayOptions: { show }, description: 'Contact list to add the contact to (created by Contact List → Create), at most 30 characters' },
	{ displayName: 'Tag Name', name: 'tagName', type: 'string', default: '', displayOptions: { show }, description: 'Tag to give the contact, at most 20 characters' },
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			...[1, 2, 3, 4, 5].map((n) => ({ displayName: `Param ${n}`, name: `param${n}`, type: 'string' as const, default: '', description: `Value for {param${n}} in campaign texts` })),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Auto Remove Blacklisted Numbers', name: 'autoRemoveBlacklistedNumbers', type: 'boolean', default: true, description: 'Whether numbers that opted out (STOP) are skipped' },
			{ displayName: 'Do Not Overwrite', name: 'doNotOverwrite', type: 'boolean', default: false, description: 'Whether an existing contact with this number keeps its current fields' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const phone = v.phoneNumber('Phone Number', this.getNodeParameter('phoneNumber', itemIndex));
	const fields = (this.getNodeParameter('contactFields', itemIndex, {}) ?? {}) as IDataObject;
	const options = (this.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const contact = compact({
		phone_number: phone,
		first_name: v.text('First Name', fields.firstName),
		last_name: v.text('Last Name', fields.lastName),
		param1: v.text('Param 1', fields.param1),
		param2: v.text('Param 2', fields.param2),
		param3: v.text('Param 3', fields.param3),
		param4: v.text('Param 4', fields.param4),
		param5: v.text('Param 5', fields.param5),
	});
	const body = compact({
		contacts: [contact],
		list_name: readListName(v, this.getNodeParameter('listName', itemIndex, '')),
		tag_name: readTagName(v, this.getNodeParameter('tagName', itemIndex, '')),
		auto_remove_blacklisted_numbers: v.boolean('Auto Remove Blacklisted Numbers', options.autoRemoveBlacklistedNumbers),
		do_not_overwrite: v.boolean('Do Not Overwrite', options.doNotOverwrite),
	});
	// Writing the same contact twice leaves one contact, so a retry is harmless.
	const answer = await octopushRequest.call(this, { method: 'POST', path: '/contact/create', body, expect: 'jsonOrNone', idempotent: true, itemIndex });
	return { ...contact, ...(body.list_name ? { list_name: body.list_name } : {}), ...(body.tag_name ? { tag_name: body.tag_name } : {}), ...((answer ?? {}) as IDataObject) };
}
