import { buildCuratedResource } from '../common/curated';

/** A destination prefix with its customer rate in a rate group */
export const destinationResource = buildCuratedResource({
	resource: 'destination',
	displayName: 'Destination',
	path: 'destinations',
	required: ['prefix', 'rate-group'],
});

export const description = [destinationResource.operationProperty, ...destinationResource.properties];
export const operations = destinationResource.operations;
