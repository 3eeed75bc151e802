/** SMS / Voice SMS Send, One Message per Item: each item sends its own text to its own recipients. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { createValidator } from '../../../shared/validation';
import { buildBody, readPhoneNumbers, readRecipientFields, readSettings, type MessageKind } from '../../helpers/message';
import { MAX_RECIPIENTS_PER_SEND, requestIdFor, sendMessage } from '../../transport';

export async function sendPerItem(context: IExecuteFunctions, kind: MessageKind): Promise<INodeExecutionData[]> {
	return await runForEachItem(context, async (itemIndex) => {
		const validate = createValidator(context.getNode(), itemIndex);
		const numbers = readPhoneNumbers(validate, context.getNodeParameter('phoneNumber', itemIndex));
		if (numbers.length > MAX_RECIPIENTS_PER_SEND) {
			validate.fail('Phone Number', `lists ${numbers.length} numbers`, `at most ${MAX_RECIPIENTS_PER_SEND} per message; use One Campaign for All Items mode for more`);
		}
		const fields = readRecipientFields(context, validate, itemIndex);
		const settings = readSettings(context, kind, itemIndex);
		const requestId = requestIdFor(context, 'item', itemIndex);
		const body = buildBody(context, settings, numbers.map((phone) => ({ phone_number: phone, ...fields })), requestId, itemIndex);
		const result = await sendMessage(context, kind, body, itemIndex);
		return { ...result, request_id: requestId, phone_numbers: numbers };
	});
}
