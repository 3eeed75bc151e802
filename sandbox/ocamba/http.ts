/**
 * How the Ocamba sandbox reads requests and answers errors: the error body every Ocamba page shows
 * (`{code, title, message, trace_id}`; seeds 000 and 001, 400/500 examples) and the small readers the
 * routes share.
 */
import { randomUUID } from 'crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { parseJsonBody } from '../core';

export class HttpError extends Error {
	constructor(
		readonly code: number,
		readonly title: string,
		message: string,
	) {
		super(message);
	}
}

export const badRequest = (message: string) => new HttpError(400, 'Bad request.', message);
export const notFound = (what: string) => new HttpError(404, 'Not found.', `${what} not found.`);

/** The documented error body; a 500 may leave out `message` (seed 001's 500 example). */
export function errorBody(code: number, title: string, message?: string) {
	return { code, title, ...(message === undefined ? {} : { message }), trace_id: randomUUID() };
}

export function sendError(reply: FastifyReply, error: HttpError) {
	return reply.code(error.code).header('content-type', 'application/json').send(errorBody(error.code, error.title, error.message));
}

/** Ocamba's time format (seed 000: "2021-10-29 12:47:00", GMT). */
export function timestamp(date = new Date()): string {
	return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** Rows as Ocamba shows them: the id first. */
export function idFirst<T extends { id: string }>(row: T): T {
	return Object.assign({ id: row.id }, row);
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(request: FastifyRequest): Record<string, unknown> {
	const type = String(request.headers['content-type'] ?? '');
	if (!type.startsWith('application/json')) throw badRequest('The request body must be JSON (Content-Type: application/json).');
	let body: unknown;
	try {
		body = parseJsonBody(request.body);
	} catch {
		throw badRequest('The request body is not valid JSON.');
	}
	if (!isObject(body)) throw badRequest('The request body is not valid: expected a JSON object.');
	return body;
}

export function onlyKeys(body: Record<string, unknown>, allowed: string[], where = '') {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw badRequest(`The request body is not valid: unknown field "${where}${key}".`);
	}
}

export function nonEmptyString(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw badRequest(`The request body is not valid: "${field}" must be a non-empty string.`);
	return value;
}
