import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as deleteList from './delete.operation';
import * as empty from './empty.operation';

export const operations: ResourceOperations = { create, delete: deleteList, empty };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contactList'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a contact list', action: 'Create a contact list' },
			{ name: 'Delete', value: 'delete', description: 'Delete a contact list', action: 'Delete a contact list' },
			{ name: 'Empty', value: 'empty', description: 'Remove every contact from a list', action: 'Empty a contact list' },
		],
		default: 'create',
	},
	...create.description,
	...deleteList.description,
	...empty.description,
];
