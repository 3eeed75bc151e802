import { buildCuratedResource } from '../common/curated';

/** An e-mail contact of a contractor (used for balance notifications and invoices) */
export const contactResource = buildCuratedResource({
	resource: 'contact',
	displayName: 'Contact',
	path: 'contacts',
	top: ['email', 'contractor'],
});

export const description = [contactResource.operationProperty, ...contactResource.properties];
export const operations = contactResource.operations;
