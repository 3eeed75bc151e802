import { buildCuratedResource } from '../common/curated';

/** A SIP endpoint of a contractor, for origination and/or termination */
export const gatewayResource = buildCuratedResource({
	resource: 'gateway',
	displayName: 'Gateway',
	path: 'gateways',
	top: ['name', 'contractor', 'enabled'],
	hints: { enabled: { default: true, description: 'Whether the gateway is active (the server requires the value)' } },
});

export const description = [gatewayResource.operationProperty, ...gatewayResource.properties];
export const operations = gatewayResource.operations;
