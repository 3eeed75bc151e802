import { buildCuratedResource } from '../common/curated';
import * as download from './download.operation';

/** Exports of CDRs to a CSV file, made in the background; Download fetches the finished file. */
export const cdrExportResource = buildCuratedResource({
	resource: 'cdrExport',
	displayName: 'CDR Export',
	path: 'cdr-exports',
	top: ['fields', 'filters'],
	hints: {
		fields: { description: 'CDR columns to export, separated by commas (e.g. id, time_start, duration, customer_price)' },
		filters: { description: 'Which CDRs, as a JSON object with the server\'s filter names, e.g. {"time_start_gteq": "2026-01-01", "time_start_lt": "2026-02-01"} (time_start_gteq and time_start_lt or time_start_lteq are required)' },
		'callback-url': { displayName: 'Callback URL', description: 'Address Yeti-Switch calls when the export is finished' },
	},
	extra: [
		{
			option: { name: 'Download', value: 'download', action: 'Download a CDR export', description: 'Download the file of a finished export (gzip-compressed CSV) as binary' },
			module: download,
		},
	],
});

export const description = [cdrExportResource.operationProperty, ...cdrExportResource.properties];
export const operations = cdrExportResource.operations;
