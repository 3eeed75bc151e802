import { buildCuratedResource } from '../common/curated';

/** A payment that tops up an account balance */
export const paymentResource = buildCuratedResource({
	resource: 'payment',
	displayName: 'Payment',
	path: 'payments',
	top: ['account', 'amount'],
});

export const description = [paymentResource.operationProperty, ...paymentResource.properties];
export const operations = paymentResource.operations;
