import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executeSend, messageFields } from '../common/message';

export const description: INodeProperties[] = messageFields('sms', 'sms');

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeSend.call(this, 'sms', items);
}
