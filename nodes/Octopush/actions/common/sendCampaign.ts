/**
 * SMS / Voice SMS Send, One Campaign for All Items: every item is one recipient of one campaign, sent
 * in requests of at most 500 recipients (Octopush's limit, dev.octopush.com …/send-sms/).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { attachItemIndex, errorJson } from '../../../shared/execute';
import { createValidator } from '../../../shared/validation';
import { buildBody, nodeParameters, readPhoneNumbers, readRecipientFields, readSettings, type CampaignSettings, type MessageKind } from '../../helpers/message';
import { MAX_RECIPIENTS_PER_SEND, requestIdFor, sendMessage } from '../../transport';

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
export async function sendCampaign(context: IExecuteFunctions, kind: MessageKind, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);
	const recipients: Recipient[] = [];
	let settings: CampaignSettings | undefined;

	const settingsVary = hasExpression(nodeParameters(context), CAMPAIGN_SETTINGS);
	// Everything is checked before the first request: bad input never leaves half a campaign sent.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const validate = createValidator(context.getNode(), itemIndex);
			const numbers = readPhoneNumbers(validate, context.getNodeParameter('phoneNumber', itemIndex, ''));
			if (numbers.length > 1) validate.fail('Phone Number', `lists ${numbers.length} numbers`, 'one number per item in campaign mode (one item per recipient)');
			const fields = readRecipientFields(context, validate, itemIndex);
			// Fixed values are the same for every item: read once (10,000 reads cost seconds).
			const own = settings && !settingsVary ? settings : readSettings(context, kind, itemIndex);
			if (!settings) settings = own;
			else if (settingsVary) {
				for (const [field, key] of [['Text', 'text'], ['Type', 'type'], ['Sender', 'sender'], ['Voice Language', 'voiceLanguage']] as const) {
					if (own[key] !== settings[key]) {
						validate.fail(field, 'differs from the first item\'s', `the same ${field.toLowerCase()} for all items in campaign mode: personalise with {first_name} and {param1}..{param5}, or use One Message per Item`);
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
			const result = await sendMessage(context, kind, body, firstItem);
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
