import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as generate from './generate.operation';
import * as validate from './validate.operation';

export const operations: ResourceOperations = { generate, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['otp'] } },
		options: [
			{ name: 'Generate', value: 'generate', description: 'Send a one-time code to a phone number or e-mail address', action: 'Generate a one time code' },
			{
				name: 'Validate',
				value: 'validate',
				description: 'Check a code the user typed; outputs valid true/false and the attempts left (a wrong code is not an error)',
				action: 'Validate a one time code',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...validate.description,
];
