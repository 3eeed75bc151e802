import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as send from './send.operation';

export const operations: ResourceOperations = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voiceSms'] } },
		options: [{ name: 'Send', value: 'send', description: 'Call recipients and read a text aloud', action: 'Send a voice message' }],
		default: 'send',
	},
	...send.description,
];
