import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { actionSubtitle } from '../shared/subtitle';

export class Octopush implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Octopush',
		name: 'octopush',
		icon: { light: 'file:octopush.svg', dark: 'file:octopush.dark.svg' },
		group: ['output'],
		// 1.1: Purpose defaults to Alert (Transactional); Contact → Delete asks "from a list" or "from the
		// account". Version 1 keeps its defaults, so workflows saved with it behave as before.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: actionSubtitle(properties),
		description: 'Send SMS and voice messages, manage sub-accounts, wallet, contacts and one-time codes with Octopush',
		defaults: { name: 'Octopush' },
		// The README section for this node (n8n links unpublished community packages to a missing npm page).
		documentationUrl: 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#octopush',
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'octopushApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
