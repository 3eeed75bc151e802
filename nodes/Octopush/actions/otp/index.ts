import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../../shared/execute';
import * as generate from './generate.operation';
import * as validate from './validate.operation';

export const operations: ResourceOperations = { generate, validate };

/** Hyphenated as written; n8n's sentence-case lint rule would make it "one time" (see subAccount/index.ts). */
const ONE_TIME_CODE = 'one-time code';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['otp'] } },
		options: [
			{ name: 'Generate', value: 'generate', description: 'Send a one-time code to a phone number or e-mail address', action: `Generate a ${ONE_TIME_CODE}` },
			{
				name: 'Validate',
				value: 'validate',
				description: 'Check a code the user typed; outputs valid true/false and the attempts left (a wrong code is not an error)',
				action: `Validate a ${ONE_TIME_CODE}`,
			},
		],
		default: 'generate',
	},
	...generate.description,
	...validate.description,
];
