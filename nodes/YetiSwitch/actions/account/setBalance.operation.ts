import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputRecord, resourceDocument, yetiRequest } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

const show = { resource: ['account'], operation: ['setBalance'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Account External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5001',
		description: 'The External ID of the account (not its Yeti ID): the server finds the account by it',
		displayOptions: { show },
	},
	{
		displayName: 'Balance',
		name: 'balance',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 6 },
		description: 'The new balance; it replaces the current one',
		displayOptions: { show },
	},
];

/** PUT /accounts/{external-id}/balance with {"data":{"type":"balances","id":"<external-id>","attributes":{"balance":n}}}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const externalId = validate.pathId('Account External ID', this.getNodeParameter('externalId', itemIndex));
	const balance = validate.number('Balance', this.getNodeParameter('balance', itemIndex), { required: true }) as number;
	const document = await yetiRequest(this, {
		method: 'PUT',
		path: `accounts/${encodePathSegment(externalId)}/balance`,
		// The balances resource's primary key is the external ID: data.id repeats the URL's key, as the server requires on updates.
		body: resourceDocument('balances', { balance }, {}, {}, externalId),
		// Sets an absolute value: repeating it after a timeout or 5xx is harmless.
		idempotent: true,
		itemIndex,
		what: `account with external ID ${externalId}`,
	});
	return outputRecord(document, false);
}
