import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const show = { resource: ['wallet'], operation: ['getBalance'] };

export const description: INodeProperties[] = [
	{
		displayName: 'With Details',
		name: 'withDetails',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to list the wallet packs (ID, credit, expiry); needed to pick a pack for Sub-Account → Transfer Credit',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'FR', description: 'Two-letter country code (ISO 3166-1)' },
			{
				displayName: 'Product',
				name: 'productName',
				type: 'options',
				options: [
					{ name: 'HLR', value: 'hlr' },
					{ name: 'Low Cost SMS', value: 'sms_low_cost' },
					{ name: 'Premium SMS', value: 'sms_premium' },
					{ name: 'Voice SMS', value: 'vocal_sms' },
				],
				default: 'sms_premium',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const withDetails = v.boolean('With Details', this.getNodeParameter('withDetails', itemIndex, false));
	const filters = (this.getNodeParameter('filters', itemIndex, {}) ?? {}) as IDataObject;
	const country = v.text('Country Code', filters.countryCode)?.toUpperCase();
	if (country !== undefined && !/^[A-Z]{2}$/.test(country)) v.fail('Country Code', `is not a two-letter country code: "${country}"`, 'a code such as FR or BE');
	const qs = compact({
		with_details: withDetails ? true : undefined,
		country_code: country,
		product_name: v.oneOf('Product', filters.productName, ['sms_low_cost', 'sms_premium', 'vocal_sms', 'hlr'] as const),
	});
	return (await octopushRequest.call(this, { method: 'GET', path: '/wallet/check-balance', qs, itemIndex })) as IDataObject;
}
