import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as getBalance from './getBalance.operation';
import * as getCredits from './getCredits.operation';

export const operations: ResourceOperations = { getBalance, getCredits };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['wallet'] } },
		options: [
			{ name: 'Get Balance', value: 'getBalance', description: 'Get the balance in euros, or with a country and product the number of those messages it buys (unit says which); optionally per wallet pack', action: 'Get the wallet balance' },
			{ name: 'Get Credits', value: 'getCredits', description: 'Get how many messages of each kind the balance buys, per country', action: 'Get credits per country' },
		],
		default: 'getBalance',
	},
	...getBalance.description,
	...getCredits.description,
];
