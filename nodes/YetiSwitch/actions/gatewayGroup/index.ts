import { buildCuratedResource } from '../common/curated';

/** A group of vendor gateways balanced together */
export const gatewayGroupResource = buildCuratedResource({
	resource: 'gatewayGroup',
	displayName: 'Gateway Group',
	path: 'gateway-groups',
	top: ['name', 'vendor'],
});

export const description = [gatewayGroupResource.operationProperty, ...gatewayGroupResource.properties];
export const operations = gatewayGroupResource.operations;
