/**
 * The admin API's file downloads (custom actions: no Accept/Content-Type checks):
 * - GET invoices/{id}/pdf — app/controllers/api/rest/admin/invoices_controller.rb: `send_data` as
 *   invoice-<id>.pdf, `head 404` (empty) when there is no document or no such invoice;
 * - GET cdrs/{id}/recording — cdrs_controller.rb + app/services/cdr/download_call_record.rb;
 * - GET cdr-exports/{id}/download — cdr_exports_controller.rb + app/services/cdr/download_cdr_export.rb.
 * An unknown CDR or export id is a JSON:API 404 (find_* → handle_exceptions); a record without a file
 * is `head 404`. How the file arrives depends on the deployment:
 * - 'nginx' (default): the app answers with X-Accel-Redirect and nginx sends the file, keeping the app's
 *   Content-Type / Content-Disposition;
 * - 'no-nginx': the same answer reaches the client unchanged — a 200 with an EMPTY body;
 * - 's3': the app streams the object, `application/octet-stream` and a Content-Disposition file name
 *   for recordings, a Content-Disposition only for exports.
 */
import { gzipSync } from 'node:zlib';

import type { FastifyReply } from 'fastify';

import { HttpError, YETI_ADMIN } from './jsonapi';
import type { YetiSandbox } from './index';

export type FileDelivery = 'nginx' | 'no-nginx' | 's3';

export const FAKE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** An MPEG audio frame header (MPEG-1 Layer III, 128 kbit/s, 44.1 kHz) then silence. */
export const FAKE_MP3 = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);

/** A 44-byte WAV header followed by a little silence. */
export const FAKE_WAV = (() => {
	const data = Buffer.alloc(800);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVEfmt ', 8);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(16000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36);
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
})();

const headNotFound = () => new HttpError(404, null);

function deliver(reply: FastifyReply, mode: FileDelivery, file: { body: Buffer; accel: string; contentType?: string; disposition?: string }) {
	if (file.contentType) reply.header('content-type', file.contentType);
	if (file.disposition) reply.header('content-disposition', file.disposition);
	if (mode === 'no-nginx') return reply.code(200).header('x-accel-redirect', file.accel).send(Buffer.alloc(0));
	return reply.code(200).send(file.body);
}

export function registerFileRoutes(sandbox: YetiSandbox) {
	const get = (path: string, work: (id: string, reply: FastifyReply) => unknown) =>
		sandbox.app.get(`${YETI_ADMIN}/${path}`, sandbox.handle((request, reply) => work((request.params as { id: string }).id, reply), { custom: true }));

	get('invoices/:id/pdf', (id, reply) => {
		const invoice = sandbox.table('invoices').rows.get(id);
		if (!invoice || !invoice.attributes['pdf-path']) throw headNotFound();
		// send_data: the type from the file name's extension, as an attachment.
		return reply.code(200).header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="invoice-${id}.pdf"`).header('content-transfer-encoding', 'binary').send(FAKE_PDF);
	});

	get('cdrs/:id/recording', (id, reply) => {
		const cdr = sandbox.find(sandbox.route('cdrs'), id);
		// Cdr#has_recording?: audio_recorded, a local_tag and a duration above 0.
		const tag = cdr.attributes['local-tag'];
		if (!cdr.attributes['audio-recorded'] || !tag || !(Number(cdr.attributes.duration) > 0)) throw headNotFound();
		const wav = sandbox.recordingFormat === 'wav';
		const name = `${String(tag)}.${wav ? 'wav' : 'mp3'}`;
		const body = wav ? FAKE_WAV : FAKE_MP3;
		if (sandbox.fileDelivery === 's3') {
			return deliver(reply, 's3', { body, accel: '', contentType: 'application/octet-stream', disposition: `attachment; filename="${name}"` });
		}
		// Cdr#call_record_ct; no Content-Disposition.
		return deliver(reply, sandbox.fileDelivery, { body, accel: `/record/${name}`, contentType: wav ? 'audio/wav' : 'audio/mpeg' });
	});

	get('cdr-exports/:id/download', (id, reply) => {
		const exported = sandbox.find(sandbox.route('cdr-exports'), id);
		if (exported.attributes.status !== 'Completed') throw headNotFound();
		const name = `${exported.id}.csv.gz`;
		const body = gzipSync(Buffer.from(`id,time_start,duration\n1,2026-01-15 09:50:00,30\n`));
		const disposition = `attachment; filename="${name}"`;
		if (sandbox.fileDelivery === 's3') return deliver(reply, 's3', { body, accel: '', disposition });
		return deliver(reply, sandbox.fileDelivery, { body, accel: `/x-redirect/cdr_export/${name}`, contentType: 'text/csv; charset=utf-8', disposition });
	});
}
