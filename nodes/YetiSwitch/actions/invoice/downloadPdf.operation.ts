import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { yetiRequest } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

const show = { resource: ['invoice'], operation: ['downloadPdf'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Invoice ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7',
		description: 'ID of the invoice whose PDF to download',
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

/** GET /invoices/{id}/pdf → the PDF as binary data. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const validate = createValidator(this.getNode(), itemIndex);
	const id = validate.pathId('Invoice ID', this.getNodeParameter('id', itemIndex));
	const property = validate.requiredText('Put Output File in Field', this.getNodeParameter('binaryPropertyName', itemIndex));
	const pdf = await yetiRequest<Buffer>(this, { method: 'GET', path: `invoices/${encodePathSegment(id)}/pdf`, expect: 'binary', itemIndex, what: `PDF of invoice ${id}` });
	const binary = await this.helpers.prepareBinaryData(pdf, `invoice-${id}.pdf`, 'application/pdf');
	return [{ json: { id, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: pdf.length }, binary: { [property]: binary } }];
}
