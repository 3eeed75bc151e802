import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { yetiRequest } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

/** What differs between Yeti's file downloads (an invoice's PDF, a call's recording). */
export interface DownloadSpec {
	resource: string;
	operation: string;
	/** The record's id field: label, placeholder, help. */
	idLabel: string;
	idPlaceholder: string;
	idDescription: string;
	/** Path below the admin root, after `<route>/<id>/`. */
	route: string;
	suffix: string;
	fileName(id: string): string;
	mimeType: string;
	/** For errors: "PDF of invoice 7". */
	what(id: string): string;
}

/** An operation that downloads one file of a record as binary data, with the record's id as JSON. */
export function downloadOperation(spec: DownloadSpec) {
	const show = { resource: [spec.resource], operation: [spec.operation] };
	const description: INodeProperties[] = [
		{
			displayName: spec.idLabel,
			name: 'id',
			type: 'string',
			required: true,
			default: '',
			placeholder: spec.idPlaceholder,
			description: spec.idDescription,
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

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const validate = createValidator(this.getNode(), itemIndex);
		const id = validate.pathId(spec.idLabel, this.getNodeParameter('id', itemIndex));
		const property = validate.requiredText('Put Output File in Field', this.getNodeParameter('binaryPropertyName', itemIndex));
		const file = await yetiRequest<Buffer>(this, {
			method: 'GET',
			path: `${spec.route}/${encodePathSegment(id)}/${spec.suffix}`,
			expect: 'binary',
			itemIndex,
			what: spec.what(id),
		});
		const binary = await this.helpers.prepareBinaryData(file, spec.fileName(id), spec.mimeType);
		return [{ json: { id, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: file.length }, binary: { [property]: binary } }];
	}

	return { description, execute };
}
