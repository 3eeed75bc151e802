import { buildCuratedResource } from '../common/curated';

/** A vendor route: prefix, rates and gateway for termination */
export const dialpeerResource = buildCuratedResource({
	resource: 'dialpeer',
	displayName: 'Dialpeer',
	path: 'dialpeers',
	top: ['prefix', 'vendor', 'account', 'routing-group', 'enabled', 'initial-rate', 'next-rate', 'currency'],
	hints: { enabled: { default: true, description: 'Whether the route is active (the server stores no default: it must be sent)' } },
});

export const description = [dialpeerResource.operationProperty, ...dialpeerResource.properties];
export const operations = dialpeerResource.operations;
