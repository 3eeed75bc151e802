import { buildCuratedResource } from '../common/curated';

/** A destination prefix with its customer rate in a rate group */
export const destinationResource = buildCuratedResource({
	resource: 'destination',
	displayName: 'Destination',
	path: 'destinations',
	top: ['prefix', 'rate-group', 'enabled', 'initial-rate', 'next-rate', 'currency'],
	hints: { enabled: { default: true, description: 'Whether the rate is active (the server stores no default: it must be sent)' } },
});

export const description = [destinationResource.operationProperty, ...destinationResource.properties];
export const operations = destinationResource.operations;
