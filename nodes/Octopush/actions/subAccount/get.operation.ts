import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOutput, simplifyProperties } from '../../../shared/simplify';
import { createValidator, encodePathSegment } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { SUB_ACCOUNT_SIMPLIFIED } from '../simplified';
import { subAccountLoginProperty } from './fields';

const show = { resource: ['subAccount'], operation: ['get'] };

export const description: INodeProperties[] = [subAccountLoginProperty(show), ...simplifyProperties(show, SUB_ACCOUNT_SIMPLIFIED)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const login = v.pathId('Sub-Account Login', this.getNodeParameter('subAccountLogin', itemIndex));
	const answer = (await octopushRequest.call(this, { method: 'GET', path: `/subaccount/${encodePathSegment(login)}`, itemIndex })) as IDataObject;
	return simplifyOutput(this, itemIndex, { api_login: login, ...answer }, SUB_ACCOUNT_SIMPLIFIED);
}
