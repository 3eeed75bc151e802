import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation } from '../../shared/execute';
import * as account from './account';
import * as contact from './contact';
import * as contactList from './contactList';
import * as otp from './otp';
import * as phoneNumber from './phoneNumber';
import * as sms from './sms';
import * as smsCampaign from './smsCampaign';
import * as subAccount from './subAccount';
import * as voiceCampaign from './voiceCampaign';
import * as voiceSms from './voiceSms';
import * as wallet from './wallet';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		subAccount: subAccount.operations,
		sms: sms.operations,
		smsCampaign: smsCampaign.operations,
		voiceSms: voiceSms.operations,
		voiceCampaign: voiceCampaign.operations,
		wallet: wallet.operations,
		contact: contact.operations,
		contactList: contactList.operations,
		phoneNumber: phoneNumber.operations,
		otp: otp.operations,
		account: account.operations,
	});
}
