import { buildCuratedResource } from '../common/curated';
import * as downloadPdf from './downloadPdf.operation';

/** A customer or vendor invoice for a period of an account. */
export const invoiceResource = buildCuratedResource({
	resource: 'invoice',
	displayName: 'Invoice',
	path: 'invoices',
	top: ['account', 'start-date', 'end-date'],
	hints: {
		'start-date': { description: 'First day of the invoiced period' },
		'end-date': { description: 'End of the invoiced period (exclusive)' },
	},
	extra: [
		{
			option: { name: 'Download PDF', value: 'downloadPdf', action: 'Download the PDF of an invoice', description: 'Download the invoice document as a PDF file (binary)' },
			module: downloadPdf,
		},
	],
});

export const description = [invoiceResource.operationProperty, ...invoiceResource.properties];
export const operations = invoiceResource.operations;
