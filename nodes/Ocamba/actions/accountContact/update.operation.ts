import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { CONTACT_TYPES, readPathId, show, validatorFor } from '../common';
import { contactIdProperty, contactsPath, typeProperty, valueProperty } from './shared';

export const description: INodeProperties[] = [
	contactIdProperty(['update'], 'The ID of the contact to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed',
		displayOptions: show('accountContact', ['update']),
		options: [typeProperty, valueProperty],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const contactId = readPathId(this, validate, 'contactId', 'Contact ID', itemIndex);
	const path = `${contactsPath(this, validate, itemIndex)}/${contactId}`;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if ('type' in fields) body.type = validate.oneOf('Update Fields › Type', fields.type, CONTACT_TYPES, { required: true });
	if ('value' in fields) body.value = validate.requiredText('Update Fields › Value', fields.value);
	if (Object.keys(body).length === 0) validate.fail('Update Fields', 'has nothing to change', 'at least one field (Type or Value)');
	await ocambaRequest.call(this, { method: 'PATCH', path, body, expect: 'jsonOrNone', itemIndex });
	return { id: decodeURIComponent(contactId), account_id: decodeURIComponent(path.split('/')[4]), updated: true, ...body };
}
