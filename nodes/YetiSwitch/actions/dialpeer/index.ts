import { buildCuratedResource } from '../common/curated';

/** A vendor route: prefix, rates and gateway for termination */
export const dialpeerResource = buildCuratedResource({
	resource: 'dialpeer',
	displayName: 'Dialpeer',
	path: 'dialpeers',
	required: ['prefix', 'vendor', 'account', 'routing-group'],
});

export const description = [dialpeerResource.operationProperty, ...dialpeerResource.properties];
export const operations = dialpeerResource.operations;
