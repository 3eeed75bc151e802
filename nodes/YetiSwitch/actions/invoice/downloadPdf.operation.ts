import { downloadOperation } from '../common/download';

/** GET /invoices/{id}/pdf → the PDF as binary data. */
export const { description, execute } = downloadOperation({
	resource: 'invoice',
	operation: 'downloadPdf',
	idLabel: 'Invoice ID',
	idPlaceholder: 'e.g. 7',
	idDescription: 'ID of the invoice whose PDF to download',
	route: 'invoices',
	suffix: 'pdf',
	fileName: (id) => `invoice-${id}.pdf`,
	mimeType: 'application/pdf',
	what: (id) => `PDF of invoice ${id}`,
});
