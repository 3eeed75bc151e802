import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { accountIdProperty } from './shared';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['accountContact'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a contact (type and value) to an account', action: 'Create an account contact' },
			{ name: 'Delete', value: 'delete', description: 'Remove one contact from an account', action: 'Delete an account contact' },
			{ name: 'Get', value: 'get', description: 'Get one contact of an account', action: 'Get an account contact' },
			{ name: 'Get Many', value: 'getAll', description: 'List the contacts of an account', action: 'Get many account contacts' },
			{ name: 'Update', value: 'update', description: 'Change the type or value of one contact of an account', action: 'Update an account contact' },
		],
		default: 'create',
	},
	accountIdProperty,
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
