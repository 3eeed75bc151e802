import { buildCuratedResource } from '../common/curated';

/** Calls in progress right now; dropping one ends it. */
export const activeCallResource = buildCuratedResource({
	resource: 'activeCall',
	displayName: 'Active Call',
	path: 'active-calls',
	destroy: { value: 'drop', name: 'Drop', action: 'Drop an active call', description: 'End a call in progress' },
});

export const description = [activeCallResource.operationProperty, ...activeCallResource.properties];
export const operations = activeCallResource.operations;
