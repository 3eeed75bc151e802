import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/options';
import { RESOURCES } from './resources';

/**
 * Resources and operations of the Yeti Switch node (version 1). The node class holds the top-level
 * description itself, where n8n's lint rules look for icon, subtitle and usableAsTool.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
		default: 'account',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
	requestOptionsProperty,
];
