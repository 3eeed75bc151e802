import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as hlrLookup from './hlrLookup.operation';

export const operations: ResourceOperations = { hlrLookup };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'HLR Lookup',
				value: 'hlrLookup',
				description: 'Check whether numbers are valid and reachable, their network and whether they were ported',
				action: 'Look up phone numbers',
			},
		],
		default: 'hlrLookup',
	},
	...hlrLookup.description,
];
