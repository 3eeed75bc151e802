import { buildCuratedResource } from '../common/curated';

/** How calls from a customer are recognised (IP, prefixes) and which account, rateplan and routing plan they use */
export const customersAuthResource = buildCuratedResource({
	resource: 'customersAuth',
	displayName: 'Customers Auth',
	path: 'customers-auths',
	top: ['name', 'ip', 'customer', 'account', 'gateway', 'rateplan', 'routing-plan'],
	// The server takes a customers auth without IP (its column defaults to 127.0.0.0/8, which matches no real customer): the node asks for one.
	mustSet: ['ip'],
	hints: { ip: { description: 'IP addresses or networks the customer calls from, separated by commas (e.g. 192.0.2.10, 198.51.100.0/24)' } },
});

export const description = [customersAuthResource.operationProperty, ...customersAuthResource.properties];
export const operations = customersAuthResource.operations;
