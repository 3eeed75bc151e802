/**
 * The fields of a message: SMS and Voice Message Send (direct, to numbers), and the campaigns on a
 * list or a tag, built from the same pieces so a field reads the same everywhere. Fields as the send
 * pages document them (dev.octopush.com/en/sms-gateway-api-documentation/send-sms/, …/voice-sms-api/).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { MessageKind } from '../../helpers/message';
import { purposeFields } from './purpose.descriptions';

type Show = { [key: string]: string[] };

const nounOf = (kind: MessageKind) => (kind === 'sms' ? 'SMS' : 'voice message');

/** Type (SMS) or voice and language (voice). */
function kindFields(kind: MessageKind): INodeProperties[] {
	if (kind === 'sms') {
		return [
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Premium', value: 'sms_premium', description: 'Fast delivery, sender name allowed, delivery reports' },
					{ name: 'Low Cost', value: 'sms_low_cost', description: 'Cheaper, slower, no guaranteed sender' },
				],
				default: 'sms_premium',
				description: 'Octopush SMS quality',
			},
		];
	}
	return [
		{
			displayName: 'Voice Gender',
			name: 'voiceGender',
			type: 'options',
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
			default: 'fr-FR',
			placeholder: 'en-US',
			description:
				'Language of the voice: fr-FR, en-US, en-GB, de-DE, es-ES, es-LA, it-IT, pt-BR, pl-PL, hu-HU, el-GR, ru-RU, sv-SE, or a code without region such as arb (Arabic). Some have only a female voice (sv-SE, arb, en-IN, ko-KR, nb-NO…): Male is refused for those before sending.',
		},
	];
}

const senderField: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	default: '',
	placeholder: 'MyShop',
	description: 'Sender name shown to recipients: 3 to 11 letters or digits, no spaces or accents (if your account allows custom senders). Empty uses the account default.',
};

/** The options every message shares; `extra` adds those of one operation. */
export function messageOptions(kind: MessageKind, extra: INodeProperties[] = [], placeholderCheck = true): INodeProperties {
	const options: INodeProperties[] = [];
	if (kind === 'sms') {
		options.push({
			displayName: 'Auto Optimize Text',
			name: 'autoOptimizeText',
			type: 'boolean',
			default: true,
			description: 'Whether Octopush may rewrite unicode characters and extra spaces to need fewer SMS',
		});
	}
	options.push({
		displayName: 'Auto Remove Blacklisted Numbers',
		name: 'autoRemoveBlacklistedNumbers',
		type: 'boolean',
		default: true,
		description:
			kind === 'voice'
				? 'Whether numbers that opted out (STOP) are skipped instead of failing the send. On voice messages Octopush charges €0.01 per request for this.'
				: 'Whether numbers that opted out (STOP) are skipped instead of failing the send',
	});
	if (placeholderCheck) {
		options.push({
			displayName: 'Placeholder Check',
			name: 'placeholderCheck',
			type: 'options',
			options: [
				{ name: 'Warn in the Output', value: 'warn', description: 'The message is sent; the item\'s output lists the problems under "warnings"' },
				{ name: 'Refuse the Item', value: 'refuse', description: 'Nothing is sent for an item whose text has a placeholder problem' },
			],
			default: 'warn',
			description: 'What to do when the text uses a placeholder Octopush does not know (such as {firstname}) or one the Recipient Fields give no value',
		});
	}
	options.push(
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
	);
	if (kind === 'sms') {
		options.push({
			displayName: 'With Replies',
			name: 'withReplies',
			type: 'boolean',
			default: false,
			description: 'Whether recipients can reply (replies arrive through the Octopush Trigger as inbound SMS)',
		});
	}
	options.push(...extra);
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** Text, type or voice, sender and purpose: what every message has. */
export function contentFields(kind: MessageKind, show: Show, textDescription: string): INodeProperties[] {
	const text: INodeProperties = {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: textDescription,
	};
	return [...updateDisplayOptions({ show }, [text, ...kindFields(kind), senderField]), ...purposeFields(show)];
}

const SEND_MODES = (noun: string): INodePropertyOptions[] => [
	{ name: 'One Message per Item', value: 'perItem', description: `Each input item sends its own ${noun} (its own text and recipients)` },
	{
		name: 'One Campaign for All Items',
		value: 'campaign',
		description: `All input items are the recipients of one ${noun} campaign, sent in requests of at most 500 recipients; personalise with {first_name} and {param1}..{param5}`,
	},
];

/** SMS Send and Voice Message Send: to phone numbers, one message per item or one campaign. */
export function messageFields(resource: string, kind: MessageKind): INodeProperties[] {
	const show = { resource: [resource], operation: ['send'] };
	const noun = nounOf(kind);
	const head: INodeProperties[] = [
		{ displayName: 'Mode', name: 'sendMode', type: 'options', noDataExpression: true, options: SEND_MODES(noun), default: 'perItem' },
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+33612345678',
			description:
				'Recipient in international format (+ and country code). In One Message per Item mode several numbers may be given, separated by commas (at most 500). In campaign mode, one number per item.',
		},
	];
	const recipientFields: INodeProperties = {
		displayName: 'Recipient Fields',
		name: 'recipientFields',
		type: 'collection',
		placeholder: 'Add Recipient Field',
		default: {},
		description: 'Per-recipient values for the placeholders in the text, usually mapped from the item (at most 50 characters each)',
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Replaces {first_name}' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'Replaces {last_name}' },
			...[1, 2, 3, 4, 5].map((n) => ({ displayName: `Param ${n}`, name: `param${n}`, type: 'string' as const, default: '', description: `Replaces {param${n}}` })),
		],
	};
	const text = `The ${noun} text, 1 to 1224 characters${kind === 'sms' ? ' as Octopush counts them (€ and ^{}[]~|\\ count two; with an emoji or a character outside GSM-7 the whole text is Unicode, where an emoji counts two). The output says how many SMS it costs per recipient' : ''}. Placeholders {first_name}, {last_name} and {param1}..{param5} are replaced per recipient from the Recipient Fields. In campaign mode the text must be the same for all items.`;
	return [
		...updateDisplayOptions({ show }, head),
		...contentFields(kind, show, text),
		...updateDisplayOptions({ show }, [recipientFields, messageOptions(kind)]),
	];
}
