import { downloadOperation } from '../common/download';

/** GET /cdrs/{id}/recording → the audio file as binary data (mp3 unless the server records WAV). */
export const { description, execute } = downloadOperation({
	resource: 'cdr',
	operation: 'getRecording',
	idLabel: 'CDR ID',
	idPlaceholder: 'e.g. 1',
	idDescription: 'ID of the call record whose audio recording to download',
	route: 'cdrs',
	suffix: 'recording',
	fileName: (id, extension) => `cdr-${id}.${extension}`,
	defaultMimeType: 'audio/mpeg',
	what: (id) => `recording of CDR ${id}`,
	notFound: 'This call has no recording (Yeti-Switch keeps one only for recorded calls that were answered), or its file is gone.',
});
