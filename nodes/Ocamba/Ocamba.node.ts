import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { getProviders, getSmsIntegrations } from './methods/loadOptions';
import { actionSubtitle } from '../shared/subtitle';

export class Ocamba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocamba',
		name: 'ocamba',
		icon: { light: 'file:ocamba.svg', dark: 'file:ocamba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description: 'Manage Ocamba accounts, their contacts and Hood SMS / e-mail provider integrations, and text Hood users',
		defaults: { name: 'Ocamba' },
		// The README section for this node (n8n links unpublished community packages to a missing npm page).
		documentationUrl: 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#ocamba',
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'ocambaApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getProviders, getSmsIntegrations } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
