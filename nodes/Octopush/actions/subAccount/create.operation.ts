import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { callbacksProperty, readCallbacks, withoutPasswords } from './fields';

const show = { resource: ['subAccount'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', required: true, default: '', displayOptions: { show }, description: 'First name of the sub-account holder' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', required: true, default: '', displayOptions: { show }, description: 'Last name of the sub-account holder' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, required: true, default: '', displayOptions: { show }, description: 'Password of the new sub-account' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' }],
	},
	callbacksProperty(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	try {
		return await run.call(this, itemIndex);
	} catch (error) {
		throw withoutPasswords(error);
	}
}

async function run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const password = this.getNodeParameter('password', itemIndex);
	v.requiredText('Password', password);
	const additional = (this.getNodeParameter('additionalFields', itemIndex, {}) ?? {}) as IDataObject;
	const body = compact({
		first_name: v.requiredText('First Name', this.getNodeParameter('firstName', itemIndex)),
		last_name: v.requiredText('Last Name', this.getNodeParameter('lastName', itemIndex)),
		company_name: v.text('Company Name', additional.companyName),
		// Sent as typed, not trimmed: spaces in a password may be meant.
		password: String(password),
		callbacks: readCallbacks(v, this.getNodeParameter('callbacks', itemIndex, {})),
	});
	// A create is never repeated blindly (the shared layer only retries when nothing was sent).
	return (await octopushRequest.call(this, { method: 'POST', path: '/subaccount/create', body, secrets: [body.password], itemIndex })) as IDataObject;
}
