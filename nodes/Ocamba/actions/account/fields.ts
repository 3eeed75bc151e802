/** The account fields create and update share, and how they become the request body. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Validator } from '../../../shared/validation';
import { ACCOUNT_STATUSES, ACCOUNT_STATUS_OPTIONS, CONTACT_TYPES, CONTACT_TYPE_OPTIONS } from '../common';

export const statusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: ACCOUNT_STATUS_OPTIONS,
	default: 'active',
	description: 'The account\'s status',
};

export const contactsProperty: INodeProperties = {
	displayName: 'Contacts',
	name: 'contacts',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Contact',
	default: {},
	description: 'Ways to reach the account owner. On update, the list replaces the existing contacts.',
	options: [
		{
			displayName: 'Contact',
			name: 'contact',
			values: [
				{ displayName: 'Type', name: 'type', type: 'options', options: CONTACT_TYPE_OPTIONS, default: 'email' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'name@example.com', description: 'The e-mail address, phone number, Skype name, SIP address or website' },
			],
		},
	],
};

export const postbacksProperty: INodeProperties = {
	displayName: 'Postbacks Feed',
	name: 'postbacks',
	type: 'string',
	default: '',
	description: 'The account\'s postbacks feed (feeds.postbacks), usually a URL',
};

/** `[{type, value}]` from the Contacts list, each checked. */
export function readContacts(validate: Validator, contacts: unknown, label: string): IDataObject[] {
	const rows = ((contacts as IDataObject | undefined)?.contact ?? []) as IDataObject[];
	return rows.map((row, index) => ({
		type: validate.oneOf(`${label} › Contact ${index + 1} › Type`, row.type ?? 'email', CONTACT_TYPES, { required: true }),
		value: validate.requiredText(`${label} › Contact ${index + 1} › Value`, row.value),
	}));
}

export function readStatus(validate: Validator, value: unknown, label = 'Status'): string | undefined {
	return validate.oneOf(label, value, ACCOUNT_STATUSES);
}

/** `feeds` from the postbacks value: kept as typed (Ocamba's own example sends "test123"). */
export function readFeeds(validate: Validator, value: unknown, label: string): IDataObject | undefined {
	if (value === undefined || value === '') return undefined;
	const postbacks = validate.text(label, value);
	return postbacks === undefined ? undefined : { postbacks };
}

