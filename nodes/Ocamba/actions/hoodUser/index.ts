import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as sendSms from './sendSms.operation';

export const operations: ResourceOperations = { sendSms };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hoodUser'] } },
		options: [
			{ name: 'Send SMS', value: 'sendSms', description: 'Text one Hood user through one of your SMS integrations, links shortened by Ocamba', action: 'Send an SMS to a user' },
		],
		default: 'sendSms',
	},
	...sendSms.description,
];
