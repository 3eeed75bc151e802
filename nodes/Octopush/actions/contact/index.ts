import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as deleteContacts from './delete.operation';

export const operations: ResourceOperations = { create, delete: deleteContacts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a contact to a list and/or tag', action: 'Create a contact' },
			{ name: 'Delete', value: 'delete', description: 'Delete contacts by phone number (from a list or the whole account)', action: 'Delete contacts' },
		],
		default: 'create',
	},
	...create.description,
	...deleteContacts.description,
];
