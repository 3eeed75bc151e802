/**
 * Reading a send's input: the campaign-wide settings, the recipients an item gives, and the request
 * body Octopush documents for `/sms-campaign/send` and `/voice-campaign/send`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, createValidator, type Validator } from '../../shared/validation';
import { MAX_TEXT_LENGTH } from '../transport';
import { toIsoDate } from './sendAt';

export type MessageKind = 'sms' | 'voice';

export interface CampaignSettings {
	text: string;
	type?: string;
	sender?: string;
	purpose?: string;
	voiceGender?: string;
	voiceLanguage?: string;
	options: IDataObject;
}

export function readSettings(context: IExecuteFunctions, kind: MessageKind, itemIndex: number): CampaignSettings {
	const validate = createValidator(context.getNode(), itemIndex);
	const text = validate.requiredText('Text', context.getNodeParameter('text', itemIndex), { maxLength: MAX_TEXT_LENGTH });
	const sender = validate.text('Sender', context.getNodeParameter('sender', itemIndex, ''));
	if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) {
		validate.fail('Sender', `must be 3 to 11 letters or digits, got "${sender}"`, 'a sender such as MyShop (no spaces, accents or punctuation)');
	}
	const purpose = validate.oneOf('Purpose', context.getNodeParameter('purpose', itemIndex, 'wholesale'), ['alert', 'wholesale'] as const);
	const settings: CampaignSettings = { text, sender, purpose, options: (context.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject };
	if (kind === 'sms') {
		settings.type = validate.oneOf('Type', context.getNodeParameter('type', itemIndex, 'sms_premium'), ['sms_premium', 'sms_low_cost'] as const, { required: true });
	} else {
		settings.voiceGender = validate.oneOf('Voice Gender', context.getNodeParameter('voiceGender', itemIndex, 'female'), ['female', 'male'] as const, { required: true });
		const language = validate.requiredText('Voice Language', context.getNodeParameter('voiceLanguage', itemIndex, 'fr-FR'));
		if (!/^[a-z]{2}-[A-Z]{2}$/.test(language)) validate.fail('Voice Language', `must look like fr-FR or en-US, got "${language}"`, 'a language-COUNTRY code such as fr-FR');
		settings.voiceLanguage = language;
	}
	return settings;
}

export function buildBody(context: IExecuteFunctions, settings: CampaignSettings, recipients: IDataObject[], requestId: string, itemIndex: number): IDataObject {
	const validate = createValidator(context.getNode(), itemIndex);
	const options = settings.options;
	return compact({
		text: settings.text,
		recipients,
		type: settings.type,
		sender: settings.sender,
		purpose: settings.purpose,
		send_at: toIsoDate(validate, options.sendAt, context.getTimezone()),
		with_replies: validate.boolean('With Replies', options.withReplies),
		simulation_mode: validate.boolean('Simulation Mode', options.simulationMode),
		auto_optimize_text: validate.boolean('Auto Optimize Text', options.autoOptimizeText),
		auto_remove_blacklisted_numbers: validate.boolean('Auto Remove Blacklisted Numbers', options.autoRemoveBlacklistedNumbers),
		voice_gender: settings.voiceGender,
		voice_language: settings.voiceLanguage,
		request_id: requestId,
	});
}

/** The phone numbers an item gives: a list, or text with commas, semicolons or line breaks. */
export function readPhoneNumbers(validate: Validator, value: unknown, field = 'Phone Number'): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;\n]/) : [value];
	const entries = raw.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
	if (entries.length === 0) validate.fail(field, 'is empty', 'a number in international format such as +33612345678');
	return entries.map((entry) => validate.phoneNumber(field, typeof entry === 'number' ? String(entry) : entry));
}

/** Recipient Fields: the node parameter, the key Octopush documents for a recipient, the label users see. */
const RECIPIENT_FIELDS = [
	{ parameter: 'firstName', wireKey: 'first_name', label: 'First Name' },
	{ parameter: 'lastName', wireKey: 'last_name', label: 'Last Name' },
	{ parameter: 'param1', wireKey: 'param1', label: 'Param 1' },
	{ parameter: 'param2', wireKey: 'param2', label: 'Param 2' },
	{ parameter: 'param3', wireKey: 'param3', label: 'Param 3' },
	{ parameter: 'param4', wireKey: 'param4', label: 'Param 4' },
	{ parameter: 'param5', wireKey: 'param5', label: 'Param 5' },
] as const;

export function readRecipientFields(context: IExecuteFunctions, validate: Validator, itemIndex: number): IDataObject {
	const raw = nodeParameters(context).recipientFields;
	if (raw === undefined || raw === null) return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) validate.fail('Recipient Fields', 'must be a set of fields', 'first name, last name, param1..param5');
	const result: IDataObject = {};
	for (const { parameter, wireKey, label } of RECIPIENT_FIELDS) {
		if ((raw as IDataObject)[parameter] === undefined) continue;
		const value = validate.text(label, context.getNodeParameter(`recipientFields.${parameter}`, itemIndex, ''));
		if (value !== undefined) result[wireKey] = value;
	}
	return result;
}

/** The node's saved parameters (getNode() is copied once per run: see shared/parameters.ts). */
export function nodeParameters(context: IExecuteFunctions): IDataObject {
	return context.getNode().parameters as IDataObject;
}
