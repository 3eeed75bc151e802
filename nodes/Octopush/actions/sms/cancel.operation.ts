import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const show = { resource: ['sms'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Ticket Number',
		name: 'ticketNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'sms_5f8a…',
		displayOptions: { show },
		description: 'The sms_ticket returned by SMS → Send. Octopush only cancels scheduled campaigns more than 10 minutes before their send time.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const ticket = v.requiredText('Ticket Number', this.getNodeParameter('ticketNumber', itemIndex));
	// DELETE with a JSON body, as Octopush documents it; answers 204.
	await octopushRequest.call(this, { method: 'DELETE', path: '/sms-campaign/cancel', body: { ticket_number: ticket }, expect: 'jsonOrNone', itemIndex });
	return { ticket_number: ticket, cancelled: true };
}
