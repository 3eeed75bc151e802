import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation } from '../../shared/execute';
import * as account from './account';
import * as accountContact from './accountContact';
import * as hoodUser from './hoodUser';
import * as integration from './integration';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		account: account.operations,
		accountContact: accountContact.operations,
		hoodUser: hoodUser.operations,
		integration: integration.operations,
	});
}
