import { downloadOperation } from '../common/download';

/** GET /cdrs/{id}/recording → the audio file as binary data. */
export const { description, execute } = downloadOperation({
	resource: 'cdr',
	operation: 'getRecording',
	idLabel: 'CDR ID',
	idPlaceholder: 'e.g. 1',
	idDescription: 'ID of the call record whose audio recording to download',
	route: 'cdrs',
	suffix: 'recording',
	fileName: (id) => `cdr-${id}.wav`,
	mimeType: 'audio/wav',
	what: (id) => `recording of CDR ${id}`,
});
