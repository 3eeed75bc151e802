/**
 * What SMS Send and Voice SMS Send share: their fields, turning an item into recipients, the request
 * body, and the two modes (one message per item; one campaign for all items in batches of 500).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../shared/http';
import { attachItemIndex, errorJson, runForEachItem } from '../../../shared/execute';
import { compact, createValidator, type Validator } from '../../../shared/validation';
import {
	MAX_RECIPIENTS_PER_SEND,
	MAX_TEXT_LENGTH,
	isDuplicateRequestId,
	octopushRequest,
	requestIdFor,
} from '../../transport';

export type MessageKind = 'sms' | 'voice';

const PATHS: Record<MessageKind, string> = { sms: '/sms-campaign/send', voice: '/voice-campaign/send' };

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
				description: 'Language of the text, as language-COUNTRY (fr-FR, en-US, en-GB, de-DE, es-ES, it-IT…)',
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
		{
			displayName: 'Purpose',
			name: 'purpose',
			type: 'options',
			displayOptions: { show },
			options: [
				{ name: 'Alert (Transactional)', value: 'alert' },
				{ name: 'Wholesale (Marketing)', value: 'wholesale' },
			],
			default: 'wholesale',
			description: 'Transactional alerts or marketing; marketing messages must follow opt-out rules',
		},
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
					description: 'Whether numbers that opted out (STOP) are skipped instead of failing the send',
				},
				{
					displayName: 'Send At',
					name: 'sendAt',
					type: 'dateTime',
					default: '',
					description: 'Schedule the send; empty sends now. A time without offset is read in the workflow\'s time zone.',
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

interface CampaignSettings {
	text: string;
	type?: string;
	sender?: string;
	purpose?: string;
	voiceGender?: string;
	voiceLanguage?: string;
	options: IDataObject;
}

/** Turns a date (text with or without offset, or a Luxon DateTime from an expression) into ISO 8601. */
function toIsoDate(validator: Validator, value: unknown, timezone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	if (value instanceof Date) return value.toISOString();
	const text = validator.requiredText('Send At', value);
	const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const parsed = Date.parse(withOffset ? text : `${text}Z`);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(parsed)) {
		validator.fail('Send At', `is not a date: "${text}"`, 'an ISO 8601 date such as 2026-05-01T09:30:00+02:00');
	}
	if (withOffset) return text;
	// A time without offset is wall-clock time in the workflow's time zone (as n8n's date picker means it).
	const offsetMinutes = zoneOffsetMinutes(parsed, timezone);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${text.slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The offset of a time zone at (roughly) a UTC instant, in minutes. */
function zoneOffsetMinutes(utcMs: number, timezone: string): number {
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
		return Math.round((asUtc - utcMs) / 60000);
	} catch {
		return 0;
	}
}

function readSettings(context: IExecuteFunctions, kind: MessageKind, itemIndex: number): CampaignSettings {
	const v = createValidator(context.getNode(), itemIndex);
	const text = v.requiredText('Text', context.getNodeParameter('text', itemIndex), { maxLength: MAX_TEXT_LENGTH });
	const sender = v.text('Sender', context.getNodeParameter('sender', itemIndex, ''));
	if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) {
		v.fail('Sender', `must be 3 to 11 letters or digits, got "${sender}"`, 'a sender such as MyShop (no spaces, accents or punctuation)');
	}
	const purpose = v.oneOf('Purpose', context.getNodeParameter('purpose', itemIndex, 'wholesale'), ['alert', 'wholesale'] as const);
	const settings: CampaignSettings = { text, sender, purpose, options: (context.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject };
	if (kind === 'sms') {
		settings.type = v.oneOf('Type', context.getNodeParameter('type', itemIndex, 'sms_premium'), ['sms_premium', 'sms_low_cost'] as const, { required: true });
	} else {
		settings.voiceGender = v.oneOf('Voice Gender', context.getNodeParameter('voiceGender', itemIndex, 'female'), ['female', 'male'] as const, { required: true });
		const language = v.requiredText('Voice Language', context.getNodeParameter('voiceLanguage', itemIndex, 'fr-FR'));
		if (!/^[a-z]{2}-[A-Z]{2}$/.test(language)) v.fail('Voice Language', `must look like fr-FR or en-US, got "${language}"`, 'a language-COUNTRY code such as fr-FR');
		settings.voiceLanguage = language;
	}
	return settings;
}

function buildBody(context: IExecuteFunctions, settings: CampaignSettings, recipients: IDataObject[], requestId: string, itemIndex: number): IDataObject {
	const v = createValidator(context.getNode(), itemIndex);
	const o = settings.options;
	return compact({
		text: settings.text,
		recipients,
		type: settings.type,
		sender: settings.sender,
		purpose: settings.purpose,
		send_at: toIsoDate(v, o.sendAt, context.getTimezone()),
		with_replies: v.boolean('With Replies', o.withReplies),
		simulation_mode: v.boolean('Simulation Mode', o.simulationMode),
		auto_optimize_text: v.boolean('Auto Optimize Text', o.autoOptimizeText),
		auto_remove_blacklisted_numbers: v.boolean('Auto Remove Blacklisted Numbers', o.autoRemoveBlacklistedNumbers),
		voice_gender: settings.voiceGender,
		voice_language: settings.voiceLanguage,
		request_id: requestId,
	});
}

/** The phone numbers an item gives: a list, or text with commas, semicolons or line breaks. */
export function readPhoneNumbers(v: Validator, value: unknown, field = 'Phone Number'): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;\n]/) : [value];
	const entries = raw.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
	if (entries.length === 0) v.fail(field, 'is empty', 'a number in international format such as +33612345678');
	return entries.map((entry) => v.phoneNumber(field, typeof entry === 'number' ? String(entry) : entry));
}

const RECIPIENT_FIELDS: Array<[string, string, string]> = [
	['firstName', 'first_name', 'First Name'],
	['lastName', 'last_name', 'Last Name'],
	['param1', 'param1', 'Param 1'],
	['param2', 'param2', 'Param 2'],
	['param3', 'param3', 'Param 3'],
	['param4', 'param4', 'Param 4'],
	['param5', 'param5', 'Param 5'],
];

function readRecipientFields(context: IExecuteFunctions, v: Validator, itemIndex: number): IDataObject {
	const raw = nodeParameters(context).recipientFields;
	if (raw === undefined || raw === null) return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) v.fail('Recipient Fields', 'must be a set of fields', 'first name, last name, param1..param5');
	const result: IDataObject = {};
	for (const [name, key, label] of RECIPIENT_FIELDS) {
		if ((raw as IDataObject)[name] === undefined) continue;
		const value = v.text(label, context.getNodeParameter(`recipientFields.${name}`, itemIndex, ''));
		if (value !== undefined) result[key] = value;
	}
	return result;
}

/** The node's saved parameters (getNode() is copied once per run: see shared/parameters.ts). */
function nodeParameters(context: IExecuteFunctions): IDataObject {
	return context.getNode().parameters as IDataObject;
}

/** Octopush refusing a repeated request_id means an earlier attempt of this very send got through. */
function explainDuplicate(context: IExecuteFunctions, error: unknown, requestId: string, itemIndex: number): unknown {
	if (!isDuplicateRequestId(error)) return error;
	return apiError(context, 'Octopush had already accepted this send, so it was not sent a second time', {
		description: `An earlier attempt of the same send (request_id ${requestId}) reached Octopush but its answer was lost. The message goes out once; find its ticket in Octopush's sending history.`,
		httpCode: 400,
		itemIndex,
		details: { code: 120, request_id: requestId },
	});
}

async function send(context: IExecuteFunctions, kind: MessageKind, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	try {
		return (await octopushRequest.call(context, {
			method: 'POST',
			path: PATHS[kind],
			body,
			// The request_id makes a repeat harmless: Octopush refuses a second copy.
			idempotent: true,
			itemIndex,
		})) as IDataObject;
	} catch (error) {
		throw explainDuplicate(context, error, String(body.request_id), itemIndex);
	}
}

/** One message per item: the item's own text and recipients. */
async function sendPerItem(context: IExecuteFunctions, kind: MessageKind): Promise<INodeExecutionData[]> {
	return await runForEachItem(context, async (itemIndex) => {
		const v = createValidator(context.getNode(), itemIndex);
		const numbers = readPhoneNumbers(v, context.getNodeParameter('phoneNumber', itemIndex));
		if (numbers.length > MAX_RECIPIENTS_PER_SEND) {
			v.fail('Phone Number', `lists ${numbers.length} numbers`, `at most ${MAX_RECIPIENTS_PER_SEND} per message; use One Campaign for All Items mode for more`);
		}
		const fields = readRecipientFields(context, v, itemIndex);
		const settings = readSettings(context, kind, itemIndex);
		const requestId = requestIdFor(context, 'item', itemIndex);
		const body = buildBody(context, settings, numbers.map((phone) => ({ phone_number: phone, ...fields })), requestId, itemIndex);
		const result = await send(context, kind, body, itemIndex);
		return { ...result, request_id: requestId, phone_numbers: numbers };
	});
}

interface Recipient {
	itemIndex: number;
	recipient: IDataObject;
}

/** The parameters that apply to the whole campaign (not per recipient). */
const CAMPAIGN_SETTINGS = ['text', 'type', 'sender', 'purpose', 'voiceGender', 'voiceLanguage', 'options'];

/** Whether any of these parameters holds an expression, i.e. may differ from item to item. */
function hasExpression(parameters: IDataObject, names: string[]): boolean {
	const visit = (value: unknown): boolean => {
		if (typeof value === 'string') return value.startsWith('=');
		if (Array.isArray(value)) return value.some(visit);
		if (value && typeof value === 'object') return Object.values(value).some(visit);
		return false;
	};
	return names.some((name) => visit(parameters[name]));
}

/** One campaign for all items: recipients gathered from the items, sent 500 per request. */
async function sendCampaign(context: IExecuteFunctions, kind: MessageKind, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);
	const recipients: Recipient[] = [];
	let settings: CampaignSettings | undefined;

	const settingsVary = hasExpression(nodeParameters(context), CAMPAIGN_SETTINGS);
	// Everything is checked before the first request: bad input never leaves half a campaign sent.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const v = createValidator(context.getNode(), itemIndex);
			const numbers = readPhoneNumbers(v, context.getNodeParameter('phoneNumber', itemIndex, ''));
			if (numbers.length > 1) v.fail('Phone Number', `lists ${numbers.length} numbers`, 'one number per item in campaign mode (one item per recipient)');
			const fields = readRecipientFields(context, v, itemIndex);
			// Fixed values are the same for every item: read once (10,000 reads cost seconds).
			const own = settings && !settingsVary ? settings : readSettings(context, kind, itemIndex);
			if (!settings) settings = own;
			else if (settingsVary) {
				for (const [field, key] of [['Text', 'text'], ['Type', 'type'], ['Sender', 'sender'], ['Voice Language', 'voiceLanguage']] as const) {
					if (own[key] !== settings[key]) {
						v.fail(field, 'differs from the first item\'s', `the same ${field.toLowerCase()} for all items in campaign mode: personalise with {first_name} and {param1}..{param5}, or use One Message per Item`);
					}
				}
			}
			recipients.push({ itemIndex, recipient: { phone_number: numbers[0], ...fields } });
		} catch (error) {
			const named = attachItemIndex(context, error, itemIndex);
			if (!continueOnFail) throw named;
			results[itemIndex] = [{ json: errorJson(named), pairedItem: { item: itemIndex } }];
		}
	}

	const batchCount = Math.ceil(recipients.length / MAX_RECIPIENTS_PER_SEND);
	const sent: string[] = [];
	for (let batch = 0; batch < batchCount; batch++) {
		const members = recipients.slice(batch * MAX_RECIPIENTS_PER_SEND, (batch + 1) * MAX_RECIPIENTS_PER_SEND);
		const firstItem = members[0].itemIndex;
		const requestId = requestIdFor(context, 'batch', batch);
		const about = { batch: batch + 1, batch_count: batchCount, request_id: requestId };
		try {
			const body = buildBody(context, settings!, members.map((m) => m.recipient), requestId, firstItem);
			const result = await send(context, kind, body, firstItem);
			for (const member of members) {
				results[member.itemIndex] = [{ json: { phone_number: member.recipient.phone_number, ...result, ...about }, pairedItem: { item: member.itemIndex } }];
			}
			sent.push(`batch ${batch + 1} (ticket ${String(result.sms_ticket)})`);
		} catch (error) {
			const named = attachItemIndex(context, error, firstItem);
			if (continueOnFail) {
				for (const member of members) {
					results[member.itemIndex] = [{ json: { ...errorJson(named), phone_number: member.recipient.phone_number, ...about }, pairedItem: { item: member.itemIndex } }];
				}
				continue;
			}
			// Stop here; say exactly what went out, so nobody resends those recipients.
			const range = `items ${members[0].itemIndex}–${members[members.length - 1].itemIndex}`;
			const already = sent.length ? `Already sent: ${sent.join(', ')}. ` : 'Nothing was sent before it. ';
			const rest = batchCount - batch - 1;
			const after = rest === 0 ? '' : rest === 1 ? `Batch ${batchCount} was not sent. ` : `Batches ${batch + 2}–${batchCount} were not sent. `;
			const description = `Batch ${batch + 1} of ${batchCount} (${range}) failed. ${already}${after}${(named as Error & { description?: string }).description ?? ''}`.trim();
			(named as Error & { description?: string }).description = description;
			throw named;
		}
	}
	return results.flat();
}

export async function executeSend(this: IExecuteFunctions, kind: MessageKind, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('sendMode', 0, 'perItem') as string;
	if (mode === 'campaign') return await sendCampaign(this, kind, items);
	return await sendPerItem(this, kind);
}
