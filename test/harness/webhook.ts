/**
 * Runs a trigger node's webhook() inside n8n-core's real WebhookContext, for a real HTTP request:
 * a loopback server receives the POST, parses the body as n8n does (JSON or form), gives the node an
 * express-like request/response pair, and answers the caller as n8n would for the node's webhook
 * description (responseMode onReceived: `responseData: 'noData'` → empty body; noWebhookResponse →
 * whatever the node itself sent).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType, IWebhookData, IWebhookResponseData } from 'n8n-workflow';
import { WebhookContext } from 'n8n-core';

import { TestCredentialsHelper } from './credentials';
import { buildAdditionalData, buildWorkflow } from './run-node';

export interface RunWebhookOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** Sent as JSON unless a string is given (then with `contentType`). */
	body?: unknown;
	contentType?: string;
	method?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	webhookName?: string;
}

export interface RunWebhookResult {
	/** What the caller (Octopush) received. */
	status: number;
	responseBody: string;
	responseHeaders: Record<string, string | string[] | undefined>;
	/** What the node returned: workflowData is what would start the workflow (undefined: nothing). */
	result: IWebhookResponseData;
	workflowData?: INodeExecutionData[][];
}

export type ExpressLikeRequest = IncomingMessage & { body: unknown; query: IDataObject; params: IDataObject; rawBody: Buffer };
type ExpressLikeResponse = ServerResponse & {
	status(code: number): ExpressLikeResponse;
	json(data: unknown): ExpressLikeResponse;
	send(data?: unknown): ExpressLikeResponse;
};

export function parseBody(raw: Buffer, contentType: string): unknown {
	const text = raw.toString('utf8');
	if (text === '') return {};
	if (contentType.includes('application/json')) return JSON.parse(text);
	if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
	return text;
}

export function expressLikeResponse(res: ServerResponse): ExpressLikeResponse {
	const response = res as ExpressLikeResponse;
	response.status = (code: number) => {
		response.statusCode = code;
		return response;
	};
	response.json = (data: unknown) => {
		response.setHeader('content-type', 'application/json');
		response.end(JSON.stringify(data));
		return response;
	};
	response.send = (data?: unknown) => {
		if (data === undefined || data === null) response.end();
		else if (typeof data === 'string' || Buffer.isBuffer(data)) response.end(data);
		else return response.json(data);
		return response;
	};
	return response;
}

export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const { workflow, node } = buildWorkflow(options.nodeType, options.parameters);
	const description = (options.nodeType.description.webhooks ?? []).find((w) => w.name === (options.webhookName ?? 'default'));
	if (!description) throw new Error('The node has no such webhook');
	let captured: { result?: IWebhookResponseData; error?: unknown } = {};

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const rawBody = Buffer.concat(chunks);
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const request = req as ExpressLikeRequest;
				request.rawBody = rawBody;
				request.body = parseBody(rawBody, String(req.headers['content-type'] ?? ''));
				request.query = Object.fromEntries(url.searchParams);
				request.params = {};
				const response = expressLikeResponse(res);
				const additionalData = buildAdditionalData(new TestCredentialsHelper({}));
				Object.assign(additionalData, { httpRequest: request, httpResponse: response });
				const webhookData = {
					httpMethod: description.httpMethod,
					node: node.name,
					path: String(description.path),
					webhookDescription: description,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
				} as unknown as IWebhookData;
				const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
				try {
					const result = await options.nodeType.webhook!.call(context);
					captured = { result };
					if (result.noWebhookResponse) {
						if (!res.writableEnded) res.end();
						return;
					}
					// n8n's onReceived answer: no body for responseData "noData", else a started message.
					if (description.responseMode === 'onReceived' && description.responseData === 'noData') {
						response.status(200).end();
					} else if (result.webhookResponse !== undefined) {
						response.status(200).send(result.webhookResponse);
					} else {
						response.status(200).json({ message: result.workflowData ? 'Workflow was started' : 'Webhook call received' });
					}
				} catch (error) {
					captured = { error };
					response.status(500).json({ message: (error as Error).message });
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
		const isText = typeof options.body === 'string';
		const answer = await fetch(`http://127.0.0.1:${port}/webhook/${String(description.path)}${query}`, {
			method: options.method ?? String(description.httpMethod),
			headers: { 'content-type': options.contentType ?? 'application/json', ...(options.headers ?? {}) },
			body: options.body === undefined ? undefined : isText ? (options.body as string) : JSON.stringify(options.body),
		});
		const responseBody = await answer.text();
		if (captured.error) throw captured.error;
		return {
			status: answer.status,
			responseBody,
			responseHeaders: Object.fromEntries(answer.headers),
			result: captured.result ?? {},
			workflowData: captured.result?.workflowData,
		};
	} finally {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
