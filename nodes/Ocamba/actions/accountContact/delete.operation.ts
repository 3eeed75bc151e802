import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { readPathId, validatorFor } from '../common';
import { contactIdProperty, contactsPath } from './shared';

export const description: INodeProperties[] = [contactIdProperty(['delete'], 'The ID of the contact to delete')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const contactId = readPathId(this, validate, 'contactId', 'Contact ID', itemIndex);
	const path = `${contactsPath(this, validate, itemIndex)}/${contactId}`;
	await ocambaRequest.call(this, { method: 'DELETE', path, expect: 'jsonOrNone', itemIndex });
	return { id: decodeURIComponent(contactId), account_id: decodeURIComponent(path.split('/')[4]), deleted: true };
}
