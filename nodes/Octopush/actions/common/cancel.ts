/**
 * Cancel a scheduled SMS or voice campaign by its ticket: DELETE with a JSON body, answered 204
 * (octopush-api.readme.io/reference/delete_public_apisms_campaigncancel and
 * delete_public_apivoice_campaigncancel). Octopush only cancels campaigns of fewer than 3 recipients,
 * more than 10 minutes before their send time, at most 1,000 times a month per API account.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const LIMITS = 'Octopush only cancels scheduled campaigns of fewer than 3 recipients, more than 10 minutes before their send time (at most 1,000 cancellations a month)';

export function cancelDescription(resource: string, sentBy: string): INodeProperties[] {
	return [
		{
			displayName: 'Ticket Number',
			name: 'ticketNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'sms_5f8a…',
			displayOptions: { show: { resource: [resource], operation: ['cancel'] } },
			description: `The sms_ticket returned by ${sentBy}. ${LIMITS}.`,
		},
	];
}

export async function cancelCampaign(context: IExecuteFunctions, path: string, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(context.getNode(), itemIndex);
	const ticket = validate.requiredText('Ticket Number', context.getNodeParameter('ticketNumber', itemIndex));
	await octopushRequest.call(context, { method: 'DELETE', path, body: { ticket_number: ticket }, expect: 'jsonOrNone', itemIndex });
	return { ticket_number: ticket, cancelled: true };
}
