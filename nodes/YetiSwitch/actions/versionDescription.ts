import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/options';
import { RESOURCES } from './resources';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Yeti Switch',
	name: 'yetiSwitch',
	icon: 'file:yetiSwitch.svg',
	group: ['transform'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description: 'Manage a Yeti-Switch softswitch through its admin API: accounts, balances, customers, routing, CDRs, invoices, active calls and every other admin route',
	defaults: { name: 'Yeti Switch' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'yetiSwitchApi', required: true }],
	properties: [
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
	],
};
