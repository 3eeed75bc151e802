/**
 * The node's parameters: the resource picker, each resource's operations and fields, and the shared
 * Request Options last. (The description's top-level fields live in Ocamba.node.ts, where n8n's lint
 * rules look for them.)
 */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/options';
import * as account from './account';
import * as accountContact from './accountContact';
import * as hoodUser from './hoodUser';
import * as integration from './integration';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'Ocamba accounts: name, status, contacts, postbacks feed' },
			{ name: 'Account Contact', value: 'accountContact', description: 'The contacts (e-mail, phone, Skype, SIP, website) of one account' },
			{ name: 'Hood User', value: 'hoodUser', description: 'The people Hood messages: send one an SMS through an SMS integration' },
			{ name: 'Integration', value: 'integration', description: 'Hood integrations: the SMS and e-mail providers Hood sends through' },
		],
		default: 'account',
	},
	...account.description,
	...accountContact.description,
	...hoodUser.description,
	...integration.description,
	requestOptionsProperty,
];
