import { buildCuratedResource } from '../common/curated';

/** A customer or vendor company; accounts, gateways and customers auths belong to one */
export const contractorResource = buildCuratedResource({
	resource: 'contractor',
	displayName: 'Contractor',
	path: 'contractors',
	required: ['name'],
});

export const description = [contractorResource.operationProperty, ...contractorResource.properties];
export const operations = contractorResource.operations;
