import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator, encodePathSegment } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { callbacksProperty, readCallbacks, withoutPasswords, subAccountLoginProperty } from './fields';

const show = { resource: ['subAccount'], operation: ['update'] };

export const description: INodeProperties[] = [
	subAccountLoginProperty(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		description: 'Only the fields set here are changed',
		options: [
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		],
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
	const login = v.pathId('Sub-Account Login', this.getNodeParameter('subAccountLogin', itemIndex));
	const fields = (this.getNodeParameter('updateFields', itemIndex, {}) ?? {}) as IDataObject;
	const body = compact({
		first_name: v.text('First Name', fields.firstName),
		last_name: v.text('Last Name', fields.lastName),
		company_name: v.text('Company Name', fields.companyName),
		password: v.text('Password', fields.password) === undefined ? undefined : String(fields.password),
		callbacks: readCallbacks(v, this.getNodeParameter('callbacks', itemIndex, {})),
	});
	if (Object.keys(body).length === 0) v.fail('Update Fields', 'are all empty', 'at least one field or callback to change');
	// Setting the same values again is harmless, so a failed PATCH may be retried.
	const answer = await octopushRequest.call(this, {
		method: 'PATCH',
		path: `/subaccount/${encodePathSegment(login)}/edit`,
		body,
		expect: 'jsonOrNone',
		idempotent: true,
		secrets: [body.password],
		itemIndex,
	});
	// The output never repeats the password.
	const changed: IDataObject = { ...body };
	delete changed.password;
	return { api_login: login, updated: true, ...changed, ...(typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as IDataObject) : {}) };
}
