/**
 * Reading a failed request on both n8n lines. n8n 2.x keeps the AxiosError as the NodeApiError's
 * cause; n8n 1.x (n8n-workflow 1.x) loses it (a `cause` class field resets it after the Error
 * constructor), leaving the status in `httpCode`, an object body in `context.data` and the original
 * message in `messages`. Seen in the real n8n 1.123.81 e2e: vendor messages vanished from errors
 * ("Yeti-Switch rejected the request (422)" without "currency: must exist").
 */
import { NodeApiError, type INode } from 'n8n-workflow';

import { readFailure } from '../../nodes/shared/http/failure';

const node: INode = { id: '1', name: 'Probe', type: 'probe', typeVersion: 1, position: [0, 0], parameters: {} };

function axiosLike(status: number | undefined, data: unknown, message: string, code?: string) {
	const error = new Error(message) as Error & { response?: unknown; code?: string; isAxiosError: boolean };
	error.isAxiosError = true;
	if (code) error.code = code;
	if (status !== undefined) error.response = { status, headers: { 'retry-after': '3' }, data };
	return error;
}

/** What n8n 1.x's request helper throws: the same NodeApiError, its cause gone. */
function asOnN8n1(error: NodeApiError) {
	Object.defineProperty(error, 'cause', { value: undefined, configurable: true, writable: true });
	return error;
}

const body = { errors: [{ title: 'must exist', detail: 'currency - must exist', code: '100', source: { pointer: '/data/attributes/currency' } }] };

test('n8n 2.x: status, headers and body come from the AxiosError', () => {
	const failure = readFailure(new NodeApiError(node, axiosLike(422, body, 'Request failed with status code 422') as never));
	expect(failure).toMatchObject({ status: 422, body, headers: { 'retry-after': '3' } });
});

test('n8n 1.x: status and an object body survive without the cause; headers are unknown', () => {
	const failure = readFailure(asOnN8n1(new NodeApiError(node, axiosLike(422, body, 'Request failed with status code 422') as never)));
	expect(failure.status).toBe(422);
	expect(failure.body).toEqual(body);
	expect(failure.headers).toEqual({});
});

test('n8n 1.x: a refused connection is still known as never sent (code read from the kept message)', () => {
	const error = new NodeApiError(node, axiosLike(undefined, undefined, 'connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED') as never);
	expect(readFailure(error).code).toBe('ECONNREFUSED');
	expect(readFailure(asOnN8n1(error)).code).toBe('ECONNREFUSED');
});
