import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifier, simplifyProperties } from '../../../shared/simplify';
import { ocambaRequest } from '../../transport';
import { show, validatorFor } from '../common';
import { ACCOUNT_SIMPLIFIED } from '../simplified';
import { contactsProperty, postbacksProperty, readContacts, readFeeds, readStatus, statusProperty } from './fields';

const displayOptions = show('account', ['create']);

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'My account',
		description: 'The new account\'s name',
		displayOptions,
	},
	{ ...statusProperty, displayOptions },
	{ ...contactsProperty, description: 'Ways to reach the account owner', displayOptions },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [postbacksProperty],
	},
	...simplifyProperties(displayOptions.show, ACCOUNT_SIMPLIFIED),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Key order as in Ocamba's own example: name, status, contacts, feeds.
	const body: IDataObject = { name: validate.requiredText('Name', this.getNodeParameter('name', itemIndex, '')) };
	body.status = readStatus(validate, this.getNodeParameter('status', itemIndex, 'active')) ?? 'active';
	const contacts = readContacts(validate, this.getNodeParameter('contacts', itemIndex, {}), 'Contacts');
	if (contacts.length) body.contacts = contacts;
	const feeds = readFeeds(validate, additional.postbacks, 'Additional Fields › Postbacks Feed');
	if (feeds) body.feeds = feeds;
	const simplify = simplifier(this, itemIndex, ACCOUNT_SIMPLIFIED);
	return simplify(await ocambaRequest.call(this, { method: 'POST', path: '/v2/ocamba/accounts', body, itemIndex }));
}
