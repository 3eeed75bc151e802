import { buildCuratedResource } from '../common/curated';

/** How calls from a customer are recognised (IP, prefixes) and which account, rateplan and routing plan they use */
export const customersAuthResource = buildCuratedResource({
	resource: 'customersAuth',
	displayName: 'Customers Auth',
	path: 'customers-auths',
	required: ['name', 'ip', 'customer', 'account', 'gateway', 'rateplan', 'routing-plan'],
});

export const description = [customersAuthResource.operationProperty, ...customersAuthResource.properties];
export const operations = customersAuthResource.operations;
