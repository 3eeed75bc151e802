import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as get from './get.operation';
import * as transferCredit from './transferCredit.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, update, get, transferCredit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subAccount'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a sub-account (returns its API login and key)', action: 'Create a sub account' },
			{ name: 'Get', value: 'get', description: 'Get a sub-account\'s names, API key and callback URLs', action: 'Get a sub account' },
			{ name: 'Transfer Credit', value: 'transferCredit', description: 'Move whole euros of credit from your wallet to a sub-account', action: 'Transfer credit to a sub account' },
			{ name: 'Update', value: 'update', description: 'Change a sub-account\'s names, password, company or callback URLs', action: 'Update a sub account' },
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...get.description,
	...transferCredit.description,
];
