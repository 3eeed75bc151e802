import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as cancel from './cancel.operation';
import * as send from './send.operation';

export const operations: ResourceOperations = { send, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voiceSms'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a scheduled voice message by its ticket', action: 'Cancel a voice message' },
			{ name: 'Send', value: 'send', description: 'Call recipients and read a text aloud', action: 'Send a voice message' },
		],
		default: 'send',
	},
	...send.description,
	...cancel.description,
];
