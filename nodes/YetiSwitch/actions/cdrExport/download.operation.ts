import { downloadOperation } from '../common/download';

/** GET /cdr-exports/{id}/download → the finished export, a gzip-compressed CSV, as binary data. */
export const { description, execute } = downloadOperation({
	resource: 'cdrExport',
	operation: 'download',
	idLabel: 'CDR Export ID',
	idPlaceholder: 'e.g. 3',
	idDescription: 'ID of the finished CDR export to download',
	route: 'cdr-exports',
	suffix: 'download',
	fileName: (id) => `${id}.csv.gz`,
	defaultMimeType: 'application/gzip',
	what: (id) => `file of CDR export ${id}`,
	notFound: 'The export does not exist or is not finished: only exports with status Completed have a file (Pending, Failed and Deleted ones do not).',
});
