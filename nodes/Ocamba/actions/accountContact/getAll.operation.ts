import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaList } from '../../transport';
import { CONTACT_TYPES, CONTACT_TYPE_OPTIONS, listProperties, readListQuery, validatorFor } from '../common';
import { contactsPath } from './shared';

export const description: INodeProperties[] = listProperties('accountContact', [
	{
		displayName: 'Type',
		name: 'type',
		type: 'multiOptions',
		options: CONTACT_TYPE_OPTIONS,
		default: [],
		description: 'Only contacts of these types',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const validate = validatorFor(this, itemIndex);
	const path = contactsPath(this, validate, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, returnAll, limit } = readListQuery(this, itemIndex, { type: { label: 'Filters › Type', value: filters.type, allowed: CONTACT_TYPES } });
	return await ocambaList.call(this, path, qs, { returnAll, limit, itemIndex, keepPartial: this.continueOnFail() });
}
