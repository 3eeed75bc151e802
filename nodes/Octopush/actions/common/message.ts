/**
 * SMS Send and Voice SMS Send: the two modes (one message per item; one campaign for all items in
 * batches of 500). Fields: message.descriptions.ts; reading input: helpers/message.ts.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MessageKind } from '../../helpers/message';
import { sendCampaign } from './sendCampaign';
import { sendPerItem } from './sendPerItem';

export { messageFields } from './message.descriptions';
export type { MessageKind };

export async function executeSend(this: IExecuteFunctions, kind: MessageKind, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('sendMode', 0, 'perItem') as string;
	if (mode === 'campaign') return await sendCampaign(this, kind, items);
	return await sendPerItem(this, kind);
}
