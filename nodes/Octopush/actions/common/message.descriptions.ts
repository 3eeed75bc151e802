/** The fields SMS Send and Voice SMS Send share (and, through their options, the list/tag campaigns). */
import type { INodeProperties } from 'n8n-workflow';

import type { MessageKind } from '../../helpers/message';
import { purposeFields } from './purpose.descriptions';

export function messageFields(resource: string, kind: MessageKind): INodeProperties[] {
	const show = { resource: [resource], operation: ['send'] };
	const noun = kind === 'sms' ? 'SMS' : 'voice message';
	const fields: INodeProperties[] = [
		{
			displayName: 'Mode',
			name: 'sendMode',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{
					name: 'One Message per Item',
					value: 'perItem',
					description: `Each input item sends its own ${noun} (its own text and recipients)`,
				},
				{
					name: 'One Campaign for All Items',
					value: 'campaign',
					description: `All input items are the recipients of one ${noun} campaign, sent in requests of at most 500 recipients; personalise with {first_name} and {param1}..{param5}`,
				},
			],
			default: 'perItem',
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+33612345678',
			displayOptions: { show },
			description:
				'Recipient in international format (+ and country code). In One Message per Item mode several numbers may be given, separated by commas (at most 500). In campaign mode, one number per item.',
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			displayOptions: { show },
			description: `The ${noun} text, 1 to 1224 characters. Placeholders {first_name} and {param1}..{param5} are replaced per recipient from the Recipient Fields. In campaign mode the text must be the same for all items.`,
		},
	];
	if (kind === 'sms') {
		fields.push({
			displayName: 'Type',
			name: 'type',
			type: 'options',
			displayOptions: { show },
			options: [
				{ name: 'Premium', value: 'sms_premium', description: 'Fast delivery, sender name allowed, delivery reports' },
				{ name: 'Low Cost', value: 'sms_low_cost', description: 'Cheaper, slower, no guaranteed sender' },
			],
			default: 'sms_premium',
			description: 'Octopush SMS quality',
		});
	} else {
		fields.push(
			{
				displayName: 'Voice Gender',
				name: 'voiceGender',
				type: 'options',
				displayOptions: { show },
				options: [
					{ name: 'Female', value: 'female' },
					{ name: 'Male', value: 'male' },
				],
				default: 'female',
				description: 'The voice that reads the text',
			},
			{
				displayName: 'Voice Language',
				name: 'voiceLanguage',
				type: 'string',
				displayOptions: { show },
				default: 'fr-FR',
				placeholder: 'en-US',
				description:
					'Language of the voice: fr-FR, en-US, en-GB, de-DE, es-ES, es-LA, it-IT, pt-BR, pl-PL, hu-HU, el-GR, ru-RU, sv-SE, or a code without region such as arb (Arabic). Some languages have only a female voice (sv-SE).',
			},
		);
	}
	fields.push(
		{
			displayName: 'Sender',
			name: 'sender',
			type: 'string',
			default: '',
			placeholder: 'MyShop',
			displayOptions: { show },
			description: 'Sender name shown to recipients: 3 to 11 letters or digits, no spaces or accents (if your account allows custom senders). Empty uses the account default.',
		},
		...purposeFields(show),
		{
			displayName: 'Recipient Fields',
			name: 'recipientFields',
			type: 'collection',
			placeholder: 'Add Recipient Field',
			default: {},
			displayOptions: { show },
			description: 'Per-recipient values for the placeholders in the text, usually mapped from the item',
			options: [
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Replaces {first_name}' },
				{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
				...[1, 2, 3, 4, 5].map((n) => ({
					displayName: `Param ${n}`,
					name: `param${n}`,
					type: 'string' as const,
					default: '',
					description: `Replaces {param${n}}`,
				})),
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Auto Optimize Text',
					name: 'autoOptimizeText',
					type: 'boolean',
					default: true,
					description: 'Whether Octopush may rewrite unicode characters and extra spaces to need fewer SMS',
				},
				{
					displayName: 'Auto Remove Blacklisted Numbers',
					name: 'autoRemoveBlacklistedNumbers',
					type: 'boolean',
					default: true,
					description: kind === 'voice'
						? 'Whether numbers that opted out (STOP) are skipped instead of failing the send. On voice messages Octopush charges €0.01 per request for this.'
						: 'Whether numbers that opted out (STOP) are skipped instead of failing the send',
				},
				{
					displayName: 'Placeholder Check',
					name: 'placeholderCheck',
					type: 'options',
					options: [
						{ name: 'Warn in the Output', value: 'warn', description: 'The message is sent; the item\'s output lists the problems under "warnings"' },
						{ name: 'Refuse the Item', value: 'refuse', description: 'Nothing is sent for an item whose text has a placeholder problem' },
					],
					default: 'warn',
					description: 'What to do when the text uses a placeholder Octopush does not know (such as {firstname}) or one the Recipient Fields give no value',
				},
				{
					displayName: 'Send At',
					name: 'sendAt',
					type: 'dateTime',
					default: '',
					description:
						'Schedule the send; empty sends now. ISO 8601 (2026-05-01T09:30:00+02:00, 2026-05-01 09:30, 2026-05-01) or a date from an expression such as {{ $now.plus({ hours: 1 }) }}. A time without offset is read in the workflow\'s time zone, daylight saving included. A time in the past is refused.',
				},
				{
					displayName: 'Simulation Mode',
					name: 'simulationMode',
					type: 'boolean',
					default: false,
					description: 'Whether to only simulate: nothing is sent or charged, Octopush answers with a fake result',
				},
				{
					displayName: 'With Replies',
					name: 'withReplies',
					type: 'boolean',
					default: false,
					description: 'Whether recipients can reply (replies arrive through the Octopush Trigger as inbound SMS)',
				},
			],
		},
	);
	return fields;
}
