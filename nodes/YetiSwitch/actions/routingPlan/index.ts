import { buildCuratedResource } from '../common/curated';

/** How calls are routed: routing groups and sorting */
export const routingPlanResource = buildCuratedResource({
	resource: 'routingPlan',
	displayName: 'Routing Plan',
	path: 'routing-plans',
	top: ['name'],
});

export const description = [routingPlanResource.operationProperty, ...routingPlanResource.properties];
export const operations = routingPlanResource.operations;
