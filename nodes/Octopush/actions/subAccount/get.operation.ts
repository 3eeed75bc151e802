import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator, encodePathSegment } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { subAccountLoginProperty } from './fields';

const show = { resource: ['subAccount'], operation: ['get'] };

export const description: INodeProperties[] = [subAccountLoginProperty(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const login = v.pathId('Sub-Account Login', this.getNodeParameter('subAccountLogin', itemIndex));
	const answer = (await octopushRequest.call(this, { method: 'GET', path: `/subaccount/${encodePathSegment(login)}`, itemIndex })) as IDataObject;
	return { api_login: login, ...answer };
}
