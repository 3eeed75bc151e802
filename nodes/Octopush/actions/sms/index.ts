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
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a scheduled SMS campaign by its ticket', action: 'Cancel an SMS campaign' },
			{ name: 'Send', value: 'send', description: 'Send an SMS per item, or one SMS campaign to all items', action: 'Send an SMS' },
		],
		default: 'send',
	},
	...send.description,
	...cancel.description,
];
