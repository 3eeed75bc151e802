/**
 * Purpose (`purpose: alert | wholesale`, dev.octopush.com/en/sms-gateway-api-documentation/send-sms/).
 * Octopush's own default is wholesale (marketing). Marketing SMS to France may only go out Monday to
 * Saturday, 8:00–20:00, never on Sundays or public holidays (CNIL rules, restated by Octopush at
 * octopush.com/?p=34718), and Octopush appends "STOP au XXXXX" to marketing SMS that lack it (14
 * characters, possibly one more SMS: octopush-dm.com/blog/?p=226). A workflow sending notifications
 * (orders, codes, alerts) means Alert, which is version 1.1's default; version 1 keeps Wholesale.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const PURPOSES: INodePropertyOptions[] = [
	{
		name: 'Alert (Transactional)',
		value: 'alert',
		description:
			'Messages the recipient expects: order and delivery updates, codes, appointments, alerts. Sent at any hour, as written.',
	},
	{
		name: 'Wholesale (Marketing)',
		value: 'wholesale',
		description:
			'Promotions and newsletters (needs the recipients\' consent). In France marketing SMS may only go out Monday to Saturday, 8:00–20:00 (not Sundays or public holidays), so one sent at night waits for the morning; Octopush adds a "STOP au …" opt-out mention if the text has none, which can cost one more SMS.',
	},
];

const DESCRIPTION = 'What the message is for. It decides when it may be delivered and whether an opt-out mention is added.';

export function purposeFields(show: { [key: string]: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Purpose',
			name: 'purpose',
			type: 'options',
			displayOptions: { show: { ...show, '@version': [1] } },
			options: PURPOSES,
			default: 'wholesale',
			description: DESCRIPTION,
		},
		{
			displayName: 'Purpose',
			name: 'purpose',
			type: 'options',
			displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 1.1 } }] } },
			options: PURPOSES,
			default: 'alert',
			description: DESCRIPTION,
		},
	];
}
