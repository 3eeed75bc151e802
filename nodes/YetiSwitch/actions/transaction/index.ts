import { buildCuratedResource } from '../common/curated';

/** A billing transaction (service charge) on an account */
export const transactionResource = buildCuratedResource({
	resource: 'transaction',
	displayName: 'Transaction',
	path: 'transactions',
	top: ['account', 'amount'],
});

export const description = [transactionResource.operationProperty, ...transactionResource.properties];
export const operations = transactionResource.operations;
