import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties, SUBTITLE } from './actions/versionDescription';
import * as loadOptions from './methods/loadOptions';
import { listSearch } from './methods/listSearch';

export class YetiSwitch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yeti Switch',
		name: 'yetiSwitch',
		icon: { light: 'file:yetiSwitch.svg', dark: 'file:yetiSwitch.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description:
			'Manage a Yeti-Switch softswitch through its admin API: accounts and balances, customers, routing, CDRs, invoices, active calls and every other admin route',
		defaults: { name: 'Yeti Switch' },
		// The README section for this node (n8n links unpublished community packages to a missing npm page).
		documentationUrl: 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#yeti-switch',
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'yetiSwitchApi', required: true }],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
