import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an account (name, status, contacts, postbacks feed)', action: 'Create an account' },
			{ name: 'Delete', value: 'delete', description: 'Delete an account by ID', action: 'Delete an account' },
			{ name: 'Get', value: 'get', description: 'Get one account by ID', action: 'Get an account' },
			{ name: 'Get Many', value: 'getAll', description: 'List accounts, with search, status filter, sort and field filters', action: 'Get many accounts' },
			{ name: 'Update', value: 'update', description: 'Change some fields of an account; the others keep their values', action: 'Update an account' },
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
