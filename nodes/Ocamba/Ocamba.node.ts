import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { getProviders } from './methods/loadOptions';

export class Ocamba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocamba',
		name: 'ocamba',
		icon: { light: 'file:ocamba.svg', dark: 'file:ocamba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Ocamba accounts, their contacts and Hood SMS / e-mail provider integrations',
		defaults: { name: 'Ocamba' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'ocambaApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getProviders } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
