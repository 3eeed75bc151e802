import { buildCuratedResource } from '../common/curated';
import * as getRecording from './getRecording.operation';

/** Call detail records: read, annotate (metadata), download the recording. */
export const cdrResource = buildCuratedResource({
	resource: 'cdr',
	displayName: 'CDR',
	path: 'cdrs',
	hints: { metadata: { description: 'Your own JSON data stored with the call record' } },
	extra: [
		{
			option: { name: 'Get Recording', value: 'getRecording', action: 'Download the recording of a call', description: 'Download the audio recording of a call as a file (binary)' },
			module: getRecording,
		},
	],
});

export const description = [cdrResource.operationProperty, ...cdrResource.properties];
export const operations = cdrResource.operations;
