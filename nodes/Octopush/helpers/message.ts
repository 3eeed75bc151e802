/**
 * Reading a send's input: the campaign-wide settings, the recipients an item gives, and the request
 * body Octopush documents for `/sms-campaign/send` and `/voice-campaign/send`
 * (dev.octopush.com/en/sms-gateway-api-documentation/send-sms/).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, createValidator, type Validator } from '../../shared/validation';
import { MAX_TEXT_LENGTH } from '../transport';
import { toIsoDate } from './sendAt';
import { MAX_PLACEHOLDER_VALUE, describeUnits, measureSms, personalise, placeholderProblems, type SmsEncoding } from './smsText';

export type MessageKind = 'sms' | 'voice';

export interface CampaignSettings {
	kind: MessageKind;
	text: string;
	type?: string;
	sender?: string;
	purpose?: string;
	voiceGender?: string;
	voiceLanguage?: string;
	options: IDataObject;
	/** Placeholder problems: a warning in the output, or an error before any request. */
	placeholderCheck: 'warn' | 'refuse';
}

export function readSettings(context: IExecuteFunctions, kind: MessageKind, itemIndex: number): CampaignSettings {
	const validate = createValidator(context.getNode(), itemIndex);
	const text = readText(validate, kind, context.getNodeParameter('text', itemIndex));
	const sender = validate.text('Sender', context.getNodeParameter('sender', itemIndex, ''));
	if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) {
		validate.fail('Sender', `must be 3 to 11 letters or digits, got "${sender}"`, 'a sender such as MyShop (no spaces, accents or punctuation)');
	}
	const purpose = validate.oneOf('Purpose', context.getNodeParameter('purpose', itemIndex, 'wholesale'), ['alert', 'wholesale'] as const);
	const options = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const placeholderCheck = validate.oneOf('Placeholder Check', options.placeholderCheck, ['warn', 'refuse'] as const) ?? 'warn';
	const settings: CampaignSettings = { kind, text, sender, purpose, options, placeholderCheck };
	if (kind === 'sms') {
		settings.type = validate.oneOf('Type', context.getNodeParameter('type', itemIndex, 'sms_premium'), ['sms_premium', 'sms_low_cost'] as const, { required: true });
	} else {
		settings.voiceGender = validate.oneOf('Voice Gender', context.getNodeParameter('voiceGender', itemIndex, 'female'), ['female', 'male'] as const, { required: true });
		settings.voiceLanguage = readVoiceLanguage(validate, context.getNodeParameter('voiceLanguage', itemIndex, 'fr-FR'));
		if (settings.voiceGender === 'male' && FEMALE_ONLY_VOICES.has(settings.voiceLanguage)) {
			validate.fail('Voice Gender', `is Male, but Octopush has only a female voice for ${settings.voiceLanguage}`, 'Female for this language');
		}
	}
	return settings;
}

/**
 * Languages Octopush lists with a female voice only ("availability of gender for each available
 * country", dev.octopush.com/en/sms-gateway-api-documentation/voice-sms-api/send-voice-sms/; the part
 * of the list we could read). What Octopush does with `male` for them is not documented (a refusal, or
 * the female voice): either way the user learns it here, before anything is sent.
 */
const FEMALE_ONLY_VOICES = new Set(['sv-SE', 'arb', 'ca-ES', 'mn-CN', 'en-IN', 'en-NZ', 'en-ZA', 'de-AT', 'hi-IN', 'ko-KR', 'nb-NO', 'ro-RO', 'es-MX']);

/**
 * Octopush's voices are named by language and region (fr-FR, en-GB, es-LA…) or by language alone
 * (arb, Arabic): dev.octopush.com …/voice-sms-api/send-voice-sms/ lists the regional ones.
 */
function readVoiceLanguage(validate: Validator, value: unknown): string {
	const language = validate.requiredText('Voice Language', value);
	if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(language)) {
		validate.fail('Voice Language', `must look like fr-FR, en-US or arb, got "${language}"`, 'a language code, with its region where Octopush has one (fr-FR, en-GB, es-LA, arb)');
	}
	return language;
}

/**
 * The text, 1 to 1,224 characters as Octopush counts them: for an SMS in GSM-7 septets or UCS-2 units
 * (smsText.ts); a voice text is read aloud, so its characters are counted as written.
 */
function readText(validate: Validator, kind: MessageKind, value: unknown): string {
	if (kind === 'voice') return validate.requiredText('Text', value, { maxLength: MAX_TEXT_LENGTH });
	const text = validate.requiredText('Text', value);
	const measure = measureSms(text);
	if (measure.units > MAX_TEXT_LENGTH) {
		validate.fail('Text', `is too long: ${describeUnits(measure)}`, `at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')}, Octopush's limit`);
	}
	return text;
}

/** The body's campaign-wide part: every key but the recipients and the request_id. */
export function campaignFields(context: IExecuteFunctions, settings: CampaignSettings, itemIndex: number): IDataObject {
	const validate = createValidator(context.getNode(), itemIndex);
	const options = settings.options;
	return compact({
		text: settings.text,
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
	});
}

/** How each campaign-wide body key is labelled in the node. */
export const CAMPAIGN_FIELD_LABELS: Record<string, string> = {
	text: 'Text',
	type: 'Type',
	sender: 'Sender',
	purpose: 'Purpose',
	send_at: 'Send At',
	with_replies: 'With Replies',
	simulation_mode: 'Simulation Mode',
	auto_optimize_text: 'Auto Optimize Text',
	auto_remove_blacklisted_numbers: 'Auto Remove Blacklisted Numbers',
	voice_gender: 'Voice Gender',
	voice_language: 'Voice Language',
};

export function buildBody(fields: IDataObject, recipients: IDataObject[], requestId: string): IDataObject {
	return { ...fields, recipients, request_id: requestId };
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
		const value = validate.text(label, context.getNodeParameter(`recipientFields.${parameter}`, itemIndex, ''), { maxLength: MAX_PLACEHOLDER_VALUE });
		if (value !== undefined) result[wireKey] = value;
	}
	return result;
}

/** What one recipient's message will be: its SMS count and encoding, and placeholder warnings. */
export interface RecipientAnalysis {
	encoding?: SmsEncoding;
	sms_per_recipient?: number;
	warnings?: string[];
}

/** Checks the placeholders for one recipient (refusing when asked to) and counts its SMS. */
export function analyseRecipient(validate: Validator, settings: CampaignSettings, recipient: IDataObject): RecipientAnalysis {
	const problems = placeholderProblems(settings.text, recipient);
	if (problems.length && settings.placeholderCheck === 'refuse') validate.fail('Text', problems[0]);
	const analysis: RecipientAnalysis = {};
	if (settings.kind === 'sms') {
		const measure = measureSms(personalise(settings.text, recipient));
		analysis.encoding = measure.encoding;
		analysis.sms_per_recipient = measure.parts;
	}
	if (problems.length) analysis.warnings = problems.map((problem) => `The text ${problem}.`);
	return analysis;
}

/** Numbers in first-seen order without repeats, and how many repeats were dropped. */
export function withoutDuplicates(numbers: string[]): { numbers: string[]; removed: number } {
	const unique = [...new Set(numbers)];
	return { numbers: unique, removed: numbers.length - unique.length };
}

/** The node's saved parameters (getNode() is copied once per run: see shared/parameters.ts). */
export function nodeParameters(context: IExecuteFunctions): IDataObject {
	return context.getNode().parameters as IDataObject;
}
