import { buildCuratedResource } from '../common/curated';

/** A list of numbers used to allow, reject or rewrite calls */
export const numberlistResource = buildCuratedResource({
	resource: 'numberlist',
	displayName: 'Numberlist',
	path: 'numberlists',
	top: ['name'],
});

export const description = [numberlistResource.operationProperty, ...numberlistResource.properties];
export const operations = numberlistResource.operations;
