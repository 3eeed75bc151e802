import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { yetiRequest } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

const show = { resource: ['cdr'], operation: ['getRecording'] };

export const description: INodeProperties[] = [
	{
		displayName: 'CDR ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'ID of the call record whose audio recording to download',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	},
];

/** GET /cdrs/{id}/recording → the audio file as binary data. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const validate = createValidator(this.getNode(), itemIndex);
	const id = validate.pathId('CDR ID', this.getNodeParameter('id', itemIndex));
	const property = validate.requiredText('Put Output File in Field', this.getNodeParameter('binaryPropertyName', itemIndex));
	const audio = await yetiRequest<Buffer>(this, { method: 'GET', path: `cdrs/${encodePathSegment(id)}/recording`, expect: 'binary', itemIndex, what: `recording of CDR ${id}` });
	const binary = await this.helpers.prepareBinaryData(audio, `cdr-${id}.wav`, 'audio/wav');
	return [{ json: { id, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: audio.length }, binary: { [property]: binary } }];
}
