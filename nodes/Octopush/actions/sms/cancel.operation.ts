import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cancelCampaign, cancelDescription } from '../common/cancel';

export const description: INodeProperties[] = cancelDescription('sms', 'SMS → Send');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await cancelCampaign(this, '/sms-campaign/cancel', itemIndex);
}
