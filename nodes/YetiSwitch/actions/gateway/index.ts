import { buildCuratedResource } from '../common/curated';

/** A SIP endpoint of a contractor, for origination and/or termination */
export const gatewayResource = buildCuratedResource({
	resource: 'gateway',
	displayName: 'Gateway',
	path: 'gateways',
	required: ['name', 'contractor'],
});

export const description = [gatewayResource.operationProperty, ...gatewayResource.properties];
export const operations = gatewayResource.operations;
