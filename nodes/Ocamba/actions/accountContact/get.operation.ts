import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaGetRecord } from '../../transport';
import { readPathId, validatorFor } from '../common';
import { contactIdProperty, contactsPath } from './shared';

export const description: INodeProperties[] = [contactIdProperty(['get'], 'The ID of the contact to get')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const path = `${contactsPath(this, validate, itemIndex)}/${readPathId(this, validate, 'contactId', 'Contact ID', itemIndex)}`;
	return await ocambaGetRecord.call(this, { path, itemIndex });
}
