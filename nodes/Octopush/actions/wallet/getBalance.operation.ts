import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const show = { resource: ['wallet'], operation: ['getBalance'] };

/**
 * GET /wallet/check-balance (dev.octopush.com/en/sms-gateway-api-documentation/check-sms-balance/):
 * `country_code` and `product_name` go together ("You must also fill in the product_name", and the
 * other way round); with both, `amount` counts messages of that product and `unit` names it
 * ({"amount": 204, "unit": "sms_premium"}); without, it is euros ({"amount": 12.54, "unit": "euros"}).
 */
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
		description:
			'Set both Country Code and Product to get how many messages of that product the balance buys in that country; the output\'s "unit" then names the product instead of "euros"',
		options: [
			{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'FR', description: 'Two-letter country code (ISO 3166-1); needs Product too' },
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
				description: 'Which messages to count; needs Country Code too',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const withDetails = validate.boolean('With Details', this.getNodeParameter('withDetails', itemIndex, false));
	const filters = (this.getNodeParameter('filters', itemIndex, {}) ?? {}) as IDataObject;
	const country = validate.text('Country Code', filters.countryCode)?.toUpperCase();
	if (country !== undefined && !/^[A-Z]{2}$/.test(country)) validate.fail('Country Code', `is not a two-letter country code: "${country}"`, 'a code such as FR or BE');
	const product = validate.oneOf('Product', filters.productName, ['sms_low_cost', 'sms_premium', 'vocal_sms', 'hlr'] as const);
	// Octopush needs both or neither; one alone would be refused (or silently ignored).
	if (country !== undefined && product === undefined) validate.fail('Product', 'is empty while Country Code is set', 'a Product with the Country Code (Octopush needs both), or neither for the balance in euros');
	if (product !== undefined && country === undefined) validate.fail('Country Code', 'is empty while Product is set', 'a Country Code with the Product (Octopush needs both), or neither for the balance in euros');
	const qs = compact({ with_details: withDetails ? true : undefined, country_code: country, product_name: product });
	// Octopush's answer as it is: `unit` says whether `amount` is euros or a count of messages.
	return (await octopushRequest.call(this, { method: 'GET', path: '/wallet/check-balance', qs, itemIndex })) as IDataObject;
}
