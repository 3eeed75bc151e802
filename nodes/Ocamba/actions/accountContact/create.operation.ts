import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { CONTACT_TYPES, show, validatorFor } from '../common';
import { contactsPath, typeProperty, valueProperty } from './shared';

const displayOptions = show('accountContact', ['create']);

export const description: INodeProperties[] = [
	{ ...typeProperty, displayOptions },
	{ ...valueProperty, required: true, displayOptions },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const path = contactsPath(this, validate, itemIndex);
	const body = {
		type: validate.oneOf('Type', this.getNodeParameter('type', itemIndex, 'email'), CONTACT_TYPES, { required: true }),
		value: validate.requiredText('Value', this.getNodeParameter('value', itemIndex, '')),
	};
	const created = await ocambaRequest.call(this, { method: 'POST', path, body, itemIndex });
	return { account_id: decodeURIComponent(path.split('/')[4]), ...created };
}
