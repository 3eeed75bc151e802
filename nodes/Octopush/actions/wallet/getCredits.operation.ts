import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const show = { resource: ['wallet'], operation: ['getCredits'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Country Codes',
		name: 'countryCodes',
		type: 'string',
		required: true,
		default: 'FR',
		placeholder: 'FR, BE, CH',
		displayOptions: { show },
		description: 'Two-letter country codes, separated by commas. One output item per country.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const v = createValidator(this.getNode(), itemIndex);
	const value = this.getNodeParameter('countryCodes', itemIndex);
	const list = Array.isArray(value) ? value : String(v.requiredText('Country Codes', value)).split(/[,;\s]+/);
	const codes = list.map((code) => String(code).trim().toUpperCase()).filter((code) => code !== '');
	if (codes.length === 0) v.fail('Country Codes', 'is empty', 'codes such as FR, BE');
	for (const code of codes) if (!/^[A-Z]{2}$/.test(code)) v.fail('Country Codes', `contains "${code}", not a two-letter country code`, 'codes such as FR, BE');
	const unique = [...new Set(codes)];
	const answer = (await octopushRequest.call(this, { method: 'GET', path: '/wallet/check-credits', qs: { country_codes: unique }, itemIndex })) as IDataObject;
	return unique.map((code) => ({ country_code: code, ...((answer[code] ?? {}) as IDataObject) }));
}
