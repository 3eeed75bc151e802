/**
 * SMS / Voice SMS Send, One Campaign for All Items: every item is one recipient of one campaign, sent
 * in requests of at most 500 recipients (Octopush's limit, dev.octopush.com …/send-sms/). Everything
 * is checked before the first request, so bad input never leaves half a campaign sent.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { apiError } from '../../../shared/http';
import { attachItemIndex, errorJson } from '../../../shared/execute';
import { createValidator, type Validator } from '../../../shared/validation';
import {
	CAMPAIGN_FIELD_LABELS,
	analyseRecipient,
	buildBody,
	campaignFields,
	nodeParameters,
	readPhoneNumbers,
	readRecipientFields,
	readSettings,
	type CampaignSettings,
	type MessageKind,
	type RecipientAnalysis,
} from '../../helpers/message';
import { MAX_RECIPIENTS_PER_SEND, requestIdFor, sendMessage } from '../../transport';

interface Recipient {
	itemIndex: number;
	recipient: IDataObject;
	analysis: RecipientAnalysis;
	/** Later items with the same number (not sent again). */
	duplicates: number;
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

/** One campaign has one text, date, purpose, mode…: an item asking for another is refused, never flattened. */
function checkSameCampaign(validate: Validator, first: IDataObject, own: IDataObject) {
	for (const key of new Set([...Object.keys(first), ...Object.keys(own)])) {
		if (JSON.stringify(first[key]) === JSON.stringify(own[key])) continue;
		const field = CAMPAIGN_FIELD_LABELS[key] ?? key;
		validate.fail(field, 'differs from the first item\'s', `the same ${field.toLowerCase()} for all items in campaign mode: personalise with {first_name}, {last_name} and {param1}..{param5}, or use One Message per Item`);
	}
}

export async function sendCampaign(context: IExecuteFunctions, kind: MessageKind, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);
	const recipients: Recipient[] = [];
	const byNumber = new Map<string, Recipient>();
	const repeats: Array<{ itemIndex: number; phone: string; of: Recipient }> = [];
	let settings: CampaignSettings | undefined;
	let fields: IDataObject | undefined;

	const settingsVary = hasExpression(nodeParameters(context), CAMPAIGN_SETTINGS);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const validate = createValidator(context.getNode(), itemIndex);
			const numbers = readPhoneNumbers(validate, context.getNodeParameter('phoneNumber', itemIndex, ''));
			if (numbers.length > 1) validate.fail('Phone Number', `lists ${numbers.length} numbers`, 'one number per item in campaign mode (one item per recipient)');
			const recipientFields = readRecipientFields(context, validate, itemIndex);
			// Fixed values are the same for every item: read once (10,000 reads cost seconds).
			const own = settings && !settingsVary ? settings : readSettings(context, kind, itemIndex);
			const ownFields = fields && !settingsVary ? fields : campaignFields(context, own, itemIndex);
			if (!settings || !fields) {
				settings = own;
				fields = ownFields;
			} else if (settingsVary) checkSameCampaign(validate, fields, ownFields);
			const recipient = { phone_number: numbers[0], ...recipientFields };
			const analysis = analyseRecipient(validate, own, recipient);
			// One person, one SMS: a number that came in an earlier item is not sent again.
			const first = byNumber.get(numbers[0]);
			if (first) {
				first.duplicates += 1;
				repeats.push({ itemIndex, phone: numbers[0], of: first });
				continue;
			}
			const entry = { itemIndex, recipient, analysis, duplicates: 0 };
			byNumber.set(numbers[0], entry);
			recipients.push(entry);
		} catch (error) {
			const named = attachItemIndex(context, error, itemIndex);
			if (!continueOnFail) throw named;
			results[itemIndex] = [{ json: errorJson(named), pairedItem: { item: itemIndex } }];
		}
	}

	const batchCount = Math.ceil(recipients.length / MAX_RECIPIENTS_PER_SEND);
	const done: string[] = [];
	for (let batch = 0; batch < batchCount; batch++) {
		const members = recipients.slice(batch * MAX_RECIPIENTS_PER_SEND, (batch + 1) * MAX_RECIPIENTS_PER_SEND);
		const firstItem = members[0].itemIndex;
		const requestId = requestIdFor(context, 'batch', batch);
		const about = { batch: batch + 1, batch_count: batchCount, request_id: requestId };
		const range = `items ${members[0].itemIndex}–${members[members.length - 1].itemIndex}`;
		const output = (member: Recipient, json: IDataObject) => {
			const extra = member.duplicates ? { duplicates_removed: member.duplicates } : {};
			results[member.itemIndex] = [{ json: { phone_number: member.recipient.phone_number, ...json, ...about, ...member.analysis, ...extra }, pairedItem: { item: member.itemIndex } }];
		};
		/** What went out before this batch, and what did not after it: so nobody resends those recipients. */
		const account = (what: string) => {
			const already = done.length ? `Already sent: ${done.join(', ')}. ` : 'Nothing was sent before it. ';
			const rest = batchCount - batch - 1;
			const after = rest === 0 ? '' : rest === 1 ? `Batch ${batchCount} was not sent. ` : `Batches ${batch + 2}–${batchCount} were not sent. `;
			return `Batch ${batch + 1} of ${batchCount} (${range}) ${what}. ${already}${after}`;
		};
		try {
			const body = buildBody(fields!, members.map((m) => m.recipient), requestId);
			const outcome = await sendMessage(context, kind, body, firstItem);
			if (outcome.status === 'sent') {
				for (const member of members) output(member, outcome.answer);
				done.push(`batch ${batch + 1} (ticket ${String(outcome.answer.sms_ticket)})`);
			} else if (outcome.status === 'alreadyAccepted') {
				// An earlier attempt of this batch went out: its recipients have their SMS; go on.
				for (const member of members) output(member, { ...(outcome.answer ?? {}), already_accepted: true });
				done.push(`batch ${batch + 1} (accepted by an earlier attempt${outcome.answer?.sms_ticket ? `, ticket ${String(outcome.answer.sms_ticket)}` : ''})`);
			} else {
				const error = apiError(context, `Batch ${batch + 1} of ${batchCount} may or may not have been sent: ${outcome.reason}`, {
					description: continueOnFail ? outcome.error.description ?? undefined : `${account('may or may not have been sent')}${outcome.error.description ?? ''}`.trim(),
					itemIndex: firstItem,
					details: { possibly_sent: true, request_id: requestId },
					outcomeUnknown: true,
				});
				if (!continueOnFail) throw error;
				for (const member of members) output(member, { ...errorJson(error), possibly_sent: true });
			}
		} catch (error) {
			const named = attachItemIndex(context, error, firstItem);
			const description = (named as Error & { description?: string }).description ?? '';
			if (continueOnFail) {
				for (const member of members) {
					results[member.itemIndex] = [{ json: { ...errorJson(named), phone_number: member.recipient.phone_number, ...about }, pairedItem: { item: member.itemIndex } }];
				}
				continue;
			}
			// Stop here; say exactly what went out, so nobody resends those recipients.
			if (!description.startsWith(`Batch ${batch + 1} of`)) (named as Error & { description?: string }).description = `${account('failed')}${description}`.trim();
			throw named;
		}
	}
	for (const { itemIndex, phone, of } of repeats) {
		const original = results[of.itemIndex][0]?.json ?? {};
		const json: IDataObject = { phone_number: phone, sent: false, duplicate_of_item: of.itemIndex, note: `Item ${of.itemIndex} has the same number; it gets the SMS once.` };
		if (original.sms_ticket !== undefined) json.sms_ticket = original.sms_ticket;
		results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
	}
	return results.flat();
}
