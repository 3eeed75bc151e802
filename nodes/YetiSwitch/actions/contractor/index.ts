import { buildCuratedResource } from '../common/curated';

/** A customer or vendor company; accounts, gateways and customers auths belong to one */
export const contractorResource = buildCuratedResource({
	resource: 'contractor',
	displayName: 'Contractor',
	path: 'contractors',
	top: ['name', 'enabled', 'customer', 'vendor'],
	hints: {
		enabled: { default: true, description: 'Whether the contractor is active (the server stores no default: it must be sent)' },
		customer: { default: true, description: 'Whether the contractor buys traffic (a customer); at least one of Customer and Vendor must be on' },
		vendor: { default: false, description: 'Whether the contractor sells traffic (a vendor); at least one of Customer and Vendor must be on' },
	},
});

export const description = [contractorResource.operationProperty, ...contractorResource.properties];
export const operations = contractorResource.operations;
