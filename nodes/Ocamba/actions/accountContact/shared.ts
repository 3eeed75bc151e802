/** The account a contact belongs to, and the contact's own fields. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Validator } from '../../../shared/validation';
import { CONTACT_TYPE_OPTIONS, idProperty, readPathId } from '../common';

export const ALL_OPERATIONS = ['create', 'delete', 'get', 'getAll', 'update'];

export const accountIdProperty = idProperty('accountId', 'Account ID', 'accountContact', ALL_OPERATIONS, 'The ID of the account whose contacts these are');

export const contactIdProperty = (operations: string[], description: string) => idProperty('contactId', 'Contact ID', 'accountContact', operations, description);

export const typeProperty: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: CONTACT_TYPE_OPTIONS,
	default: 'email',
	description: 'What kind of contact this is',
};

export const valueProperty: INodeProperties = {
	displayName: 'Value',
	name: 'value',
	type: 'string',
	default: '',
	placeholder: 'name@example.com',
	description: 'The e-mail address, phone number, Skype name, SIP address or website',
};

export function contactsPath(context: IExecuteFunctions, validate: Validator, itemIndex: number): string {
	return `/v2/ocamba/accounts/${readPathId(context, validate, 'accountId', 'Account ID', itemIndex)}/contacts`;
}
