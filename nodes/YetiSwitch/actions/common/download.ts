import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { yetiResponse } from '../../transport';
import { createValidator, encodePathSegment } from '../../../shared/validation';

/** What differs between Yeti's file downloads (an invoice's PDF, a call's recording, a CDR export). */
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
	/** The file name when the answer gives none, by the extension its type implies. */
	fileName(id: string, extension: string): string;
	/** The type (and extension) when the answer says nothing useful. */
	defaultMimeType: string;
	/** For errors: "PDF of invoice 7". */
	what(id: string): string;
	/** What a 404 means (the server answers it with an empty body). */
	notFound: string;
}

const EXTENSION_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	pdf: 'application/pdf',
	gz: 'application/gzip',
	csv: 'text/csv',
};
const TYPE_EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'application/pdf': 'pdf',
	'application/gzip': 'gz',
	'text/csv': 'csv',
};

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
};

/** `attachment; filename="a1b2.mp3"` (or filename*=UTF-8''...) → the name, without any folder part. */
export function fileNameFrom(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
	let name: string | undefined;
	try {
		name = encoded ? decodeURIComponent(encoded.trim()) : undefined;
	} catch {
		name = undefined;
	}
	name ??= /filename\s*=\s*"([^"]*)"/.exec(disposition)?.[1] ?? /filename\s*=\s*([^;]+)/.exec(disposition)?.[1]?.trim();
	const base = name?.split(/[\\/]/).pop();
	return base || undefined;
}

/**
 * The file's name and type from the answer, as the server describes it (app/services/cdr/
 * download_call_record.rb: audio/mpeg, or audio/wav when recordings are WAV; application/octet-stream
 * and a Content-Disposition name from S3): a known extension decides the type (an export is gzip
 * although labelled text/csv), then the Content-Type, then the spec's default.
 */
export function describeFile(spec: Pick<DownloadSpec, 'fileName' | 'defaultMimeType'>, id: string, headers: Record<string, string | string[] | undefined>) {
	const contentType = header(headers, 'content-type')?.split(';')[0].trim().toLowerCase();
	const given = fileNameFrom(header(headers, 'content-disposition'));
	const headerType = contentType && contentType !== 'application/octet-stream' && contentType !== 'binary/octet-stream' ? contentType : undefined;
	const fileName = given ?? spec.fileName(id, TYPE_EXTENSIONS[headerType ?? ''] ?? TYPE_EXTENSIONS[spec.defaultMimeType]);
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
	const mimeType = (extension && EXTENSION_TYPES[extension]) ?? headerType ?? spec.defaultMimeType;
	return { fileName, mimeType };
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
		const response = await yetiResponse<Buffer>(this, {
			method: 'GET',
			path: `${spec.route}/${encodePathSegment(id)}/${spec.suffix}`,
			expect: 'binary',
			itemIndex,
			what: spec.what(id),
			notFound: spec.notFound,
		});
		const file = response.body;
		if (!file || file.length === 0) {
			// The application answers with X-Accel-Redirect and an empty body: nginx in front of it sends the file.
			const redirect = header(response.headers, 'x-accel-redirect');
			throw new NodeOperationError(this.getNode(), `Yeti-Switch answered the ${spec.what(id)} with an empty file (HTTP ${response.statusCode})`, {
				itemIndex,
				description: `The server leaves sending the file to its web server (nginx)${redirect ? `: it pointed to ${redirect}` : ''}, and nothing came. n8n is probably connected to the Yeti-Switch application directly: use the address of the Yeti-Switch web interface (served through nginx) in the credentials, or ask the administrator to store files in S3.`,
			});
		}
		const { fileName, mimeType } = describeFile(spec, id, response.headers);
		const binary = await this.helpers.prepareBinaryData(file, fileName, mimeType);
		return [{ json: { id, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: file.length }, binary: { [property]: binary } }];
	}

	return { description, execute };
}
