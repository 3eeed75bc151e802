import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import * as loadOptions from './methods/loadOptions';
import { listSearch } from './methods/listSearch';

export class YetiSwitch implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
