import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/options';
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

/**
 * Resources and operations of the Octopush node (version 1). The node class holds the top-level
 * description itself, where n8n's lint rules look for icon, subtitle and usableAsTool.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'Your account\'s default senders, credit alert and callback URLs' },
			{ name: 'Contact', value: 'contact', description: 'Contacts in lists and tags' },
			{ name: 'Contact List', value: 'contactList', description: 'Lists of contacts' },
			{ name: 'OTP', value: 'otp', description: 'One-time codes for verification' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'Look up phone numbers (HLR)' },
			{ name: 'SMS', value: 'sms', description: 'Send or cancel SMS' },
			{ name: 'SMS Campaign', value: 'smsCampaign', description: 'An SMS to every contact of a list or with a tag: create, wait until ready, send' },
			{ name: 'Sub-Account', value: 'subAccount', description: 'Sub-accounts of your Octopush account' },
			{ name: 'Voice Campaign', value: 'voiceCampaign', description: 'A voice message to every contact of a list or with a tag' },
			// Octopush calls it "Voice SMS"; the value keeps that name, so saved workflows are unchanged.
			{ name: 'Voice Message', value: 'voiceSms', description: 'Octopush Voice SMS: a text read aloud by a phone call' },
			{ name: 'Wallet', value: 'wallet', description: 'Balance and credits' },
		],
		default: 'sms',
	},
	...subAccount.description,
	...sms.description,
	...smsCampaign.description,
	...voiceSms.description,
	...voiceCampaign.description,
	...wallet.description,
	...contact.description,
	...contactList.description,
	...phoneNumber.description,
	...otp.description,
	...account.description,
	requestOptionsProperty,
	];
