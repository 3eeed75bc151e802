import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputRecord, resourceDocument, yetiRequest } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

const show = { resource: ['account'], operation: ['correctBalance'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Account ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12',
		description: 'ID of the account whose balance to correct',
		displayOptions: { show },
	},
	{
		displayName: 'Correction',
		name: 'correction',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 6 },
		description: 'Amount added to the balance (negative to subtract)',
		displayOptions: { show },
	},
];

/** PUT /accounts/{id}/balance-correction with {"data":{"type":"balance-correction","id":"<id>","attributes":{"correction":n}}}; answers the new balance. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const id = validate.pathId('Account ID', this.getNodeParameter('id', itemIndex));
	const correction = validate.number('Correction', this.getNodeParameter('correction', itemIndex), { required: true }) as number;
	if (correction === 0) validate.fail('Correction', 'is 0', 'a positive or negative amount');
	const document = await yetiRequest(this, {
		method: 'PUT',
		path: `accounts/${encodePathSegment(id)}/balance-correction`,
		// data.id is the account ID, as in the server's own request spec.
		body: resourceDocument('balance-correction', { correction }, {}, {}, id),
		// A PUT, but it ADDS the amount: a repeat after a timeout or 5xx would apply it twice.
		idempotent: false,
		itemIndex,
		what: `account ${id}`,
	});
	return outputRecord(document, false);
}
