import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sendTest from './sendTest.operation';
import * as update from './update.operation';
import * as validateSettings from './validateSettings.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, sendTest, update, validateSettings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['integration'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Connect an SMS or e-mail provider (Twilio, Custom SMTP, Mandrill, SendGrid, Mitto, Mailgun or another by ID) to Ocamba Hood', action: 'Create an integration' },
			{ name: 'Delete', value: 'delete', description: 'Delete an integration by ID', action: 'Delete an integration' },
			{ name: 'Get', value: 'get', description: 'Get one integration by ID (secret settings hidden)', action: 'Get an integration' },
			{ name: 'Get Many', value: 'getAll', description: 'List integrations, optionally only SMS or only e-mail ones', action: 'Get many integrations' },
			{ name: 'Send Test', value: 'sendTest', description: 'Send a test message through an integration to one recipient', action: 'Send a test notification' },
			{ name: 'Update', value: 'update', description: 'Change the name, status or some settings of an integration', action: 'Update an integration' },
			{ name: 'Validate Settings', value: 'validateSettings', description: 'Check provider settings with Ocamba without saving them; outputs valid true or false with the reason', action: 'Validate integration settings' },
		],
		default: 'create',
	},
	...create.description,
	...create.providerProperties,
	...del.description,
	...get.description,
	...getAll.description,
	...sendTest.description,
	...update.description,
	...validateSettings.description,
];
