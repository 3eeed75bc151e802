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
	defaultMimeType: 'application/pdf',
	what: (id) => `PDF of invoice ${id}`,
	notFound: 'The invoice does not exist or has no document yet (Yeti-Switch makes it in the background after the invoice is created).',
});
