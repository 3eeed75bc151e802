import { buildCuratedResource } from '../common/curated';

/** One number (key) of a numberlist */
export const numberlistItemResource = buildCuratedResource({
	resource: 'numberlistItem',
	displayName: 'Numberlist Item',
	path: 'numberlist-items',
	top: ['key', 'numberlist'],
});

export const description = [numberlistItemResource.operationProperty, ...numberlistItemResource.properties];
export const operations = numberlistItemResource.operations;
