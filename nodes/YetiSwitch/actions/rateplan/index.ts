import { buildCuratedResource } from '../common/curated';

/** A customer rateplan: groups of destination rates */
export const rateplanResource = buildCuratedResource({
	resource: 'rateplan',
	displayName: 'Rateplan',
	path: 'rateplans',
	top: ['name'],
});

export const description = [rateplanResource.operationProperty, ...rateplanResource.properties];
export const operations = rateplanResource.operations;
