/** SMS / Voice SMS Send, One Message per Item: each item sends its own text to its own recipients. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorJson, runForEachItem } from '../../../shared/execute';
import { createValidator } from '../../../shared/validation';
import { analyseRecipient, buildBody, campaignFields, readPhoneNumbers, readRecipientFields, readSettings, withoutDuplicates, type MessageKind } from '../../helpers/message';
import { MAX_RECIPIENTS_PER_SEND, requestIdFor, sendMessage } from '../../transport';

export async function sendPerItem(context: IExecuteFunctions, kind: MessageKind): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	return await runForEachItem(context, async (itemIndex) => {
		const validate = createValidator(context.getNode(), itemIndex);
		// One person, one message: a number given twice is sent to once.
		const { numbers, removed } = withoutDuplicates(readPhoneNumbers(validate, context.getNodeParameter('phoneNumber', itemIndex)));
		if (numbers.length > MAX_RECIPIENTS_PER_SEND) {
			validate.fail('Phone Number', `lists ${numbers.length} numbers`, `at most ${MAX_RECIPIENTS_PER_SEND} per message; use One Campaign for All Items mode for more`);
		}
		const fields = readRecipientFields(context, validate, itemIndex);
		const settings = readSettings(context, kind, itemIndex);
		const analysis = analyseRecipient(validate, settings, fields);
		const requestId = requestIdFor(context, 'item', itemIndex);
		const body = buildBody(campaignFields(context, settings, itemIndex), numbers.map((phone) => ({ phone_number: phone, ...fields })), requestId);
		const about: IDataObject = { request_id: requestId, phone_numbers: numbers, ...(removed ? { duplicates_removed: removed } : {}), ...analysis };
		const outcome = await sendMessage(context, kind, body, itemIndex);
		if (outcome.status === 'sent') return { ...outcome.answer, ...about };
		if (outcome.status === 'alreadyAccepted') return { ...(outcome.answer ?? {}), ...about, already_accepted: true };
		// Possibly sent: an error (never "not sent"); with Continue On Fail its item says so plainly.
		if (!continueOnFail) throw outcome.error;
		return { ...errorJson(outcome.error), possibly_sent: true, ...about };
	});
}
