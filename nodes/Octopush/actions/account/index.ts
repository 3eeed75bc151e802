import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as getSettings from './getSettings.operation';
import * as updateSettings from './updateSettings.operation';

export const operations: ResourceOperations = { getSettings, updateSettings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Settings',
				value: 'getSettings',
				description: 'Get the account\'s default senders, credit alert and callback URLs',
				action: 'Get the account settings',
			},
			{
				name: 'Update Settings',
				value: 'updateSettings',
				description: 'Change the account\'s default senders, credit alert or callback URLs',
				action: 'Update the account settings',
			},
		],
		default: 'getSettings',
	},
	...getSettings.description,
	...updateSettings.description,
];
