/**
 * A trigger's whole life as n8n runs it, inside n8n-core's real HookContext and WebhookContext:
 * - activate(): n8n's ActiveWorkflowManager.addWebhooks — checkExists, then create when it answers false,
 *   in mode "trigger" with the Production URL; the static data is then saved (kept here as JSON, like
 *   n8n's database column) and read back for every later call.
 * - deactivate(): clearWebhooks — delete in mode "internal" with the workflow's saved static data.
 * - listenForTest() / stopListening(): n8n's TestWebhooks — the same methods on a fresh, separate static
 *   data with the Test URL (webhookData.isTest), and delete with that copy afterwards.
 * A loopback server plays n8n's webhook endpoints (/webhook/… and /webhook-test/…): a real HTTP request
 * (from a test or from the vendor sandbox) runs the node's webhook() with the matching static data, and
 * the harness records what started and what the caller was answered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { TestCredentialsHelper } from './credentials';
import { buildAdditionalData, PACKAGE_PREFIX } from './run-node';
import { recordForScan, serializeError } from './secret-scan';
import { expressLikeResponse, parseBody, type ExpressLikeRequest } from './webhook';

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** The node's version (default: the newest). */
	typeVersion?: number;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	webhookId?: string;
}

export interface ReceivedCallback {
	/** Which listener got it. */
	mode: 'production' | 'test';
	url: string;
	status: number;
	responseBody: string;
	/** What started the workflow (undefined: nothing). */
	items?: INodeExecutionData[];
	error?: unknown;
}

type Hook = 'checkExists' | 'create' | 'delete';

export class TriggerHarness {
	/** The production static data as n8n's database holds it between calls. */
	staticData: IDataObject = {};
	/** The test listener's static data (n8n keeps it with the test registration), while listening. */
	testStaticData?: IDataObject;
	readonly received: ReceivedCallback[] = [];
	/** Every webhook method that ran, in order, with its mode. */
	readonly calls: Array<{ method: Hook; test: boolean; result?: unknown; error?: unknown }> = [];
	readonly credentialsHelper: TestCredentialsHelper;
	readonly node: INode;
	private server?: Server;
	/** Requests still being handled (their record is complete once settled). */
	private readonly pending = new Set<Promise<void>>();
	private baseUrl = 'http://127.0.0.1:9';
	active = false;
	/** The node's parameters as saved; change them to play an edit of the workflow. */
	parameters: INodeParameters;

	constructor(private readonly options: TriggerHarnessOptions) {
		this.parameters = options.parameters;
		const description = options.nodeType.description;
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		this.node = {
			id: 'trigger-under-test',
			name: description.defaults.name ?? description.displayName,
			type: `${PACKAGE_PREFIX}.${description.name}`,
			typeVersion: options.typeVersion ?? Math.max(...versions),
			position: [0, 0],
			webhookId: options.webhookId ?? '6f0c1b9e-2d4a-4c8e-9a51-3e2f7b0d1c42',
			parameters: {},
			credentials: Object.fromEntries((description.credentials ?? []).map((c) => [c.name, { id: `cred-${c.name}`, name: `${c.name} (test)` }])),
		};
		this.credentialsHelper = new TestCredentialsHelper({ ...(options.credentials ?? {}) });
	}

	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/${this.path}`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.node.webhookId}/${this.path}`;
	}

	private get path(): string {
		return String(this.options.nodeType.description.webhooks?.[0]?.path ?? '');
	}

	/** A workflow as n8n builds one from the database: defaults filled in for the node's version. */
	private workflow(staticData: IDataObject): Workflow {
		const nodeType = this.options.nodeType;
		return new Workflow({
			id: 'trigger-workflow',
			name: 'Trigger workflow',
			nodes: [{ ...this.node, parameters: structuredClone(this.parameters) }],
			connections: {},
			active: true,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			} as never,
			settings: {},
			staticData: structuredClone(staticData),
		});
	}

	private additionalData() {
		const data = buildAdditionalData(this.credentialsHelper);
		Object.assign(data, { webhookBaseUrl: `${this.baseUrl}/webhook`, webhookTestBaseUrl: `${this.baseUrl}/webhook-test` });
		return data;
	}

	private webhookData(workflow: Workflow, isTest: boolean): IWebhookData {
		const description = this.options.nodeType.description.webhooks![0];
		return {
			httpMethod: description.httpMethod,
			node: this.node.name,
			path: `${this.node.webhookId}/${this.path}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.node.webhookId,
			isTest,
		} as unknown as IWebhookData;
	}

	/** Runs one webhook method the way n8n's WebhookService.runWebhookMethod does; returns the saved static data. */
	async runHook(method: Hook, staticData: IDataObject, options: { test: boolean; mode: WorkflowExecuteMode; activation: WorkflowActivateMode }) {
		const workflow = this.workflow(staticData);
		const node = workflow.getNode(this.node.name)!;
		const webhookData = this.webhookData(workflow, options.test);
		const context = new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, options.mode, options.activation, webhookData);
		const fn = this.options.nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`The node has no webhookMethods.default.${method}`);
		try {
			const result = await fn.call(context);
			this.calls.push({ method, test: options.test, result });
			recordForScan(`webhook method ${method} result`, result, node.name);
			return { result, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
		} catch (error) {
			this.calls.push({ method, test: options.test, error });
			recordForScan(`webhook method ${method} error`, serializeError(error), node.name);
			throw error;
		}
	}

	private async register(staticData: IDataObject, test: boolean): Promise<IDataObject> {
		const options = test
			? { test, mode: 'manual' as const, activation: 'manual' as const }
			: { test, mode: 'trigger' as const, activation: 'activate' as const };
		const exists = await this.runHook('checkExists', staticData, options);
		if (exists.result) return exists.staticData;
		return (await this.runHook('create', exists.staticData, options)).staticData;
	}

	/** Workflow activated (or n8n restarted with it active): checkExists, then create if needed. */
	async activate(): Promise<void> {
		await this.start();
		this.staticData = await this.register(this.staticData, false);
		this.active = true;
	}

	/** Workflow deactivated: delete with the saved static data, then save what it left. */
	async deactivate(): Promise<unknown> {
		const { result, staticData } = await this.runHook('delete', this.staticData, { test: false, mode: 'internal', activation: 'update' });
		this.staticData = staticData;
		this.active = false;
		return result;
	}

	/** "Listen for test event": a fresh static data, the Test URL. */
	async listenForTest(): Promise<void> {
		await this.start();
		this.testStaticData = await this.register({}, true);
	}

	/** The test listener ends (event received or timeout): delete with its own static data. */
	async stopListening(): Promise<unknown> {
		const { result } = await this.runHook('delete', this.testStaticData ?? {}, { test: true, mode: 'internal', activation: 'update' });
		this.testStaticData = undefined;
		return result;
	}

	/** Starts the loopback server that plays n8n's webhook endpoints (once). */
	async start(): Promise<void> {
		if (this.server) return;
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const handled = this.handle(req as ExpressLikeRequest, res, Buffer.concat(chunks));
				this.pending.add(handled);
				void handled.finally(() => this.pending.delete(handled));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
		this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	private async handle(request: ExpressLikeRequest, res: import('node:http').ServerResponse, rawBody: Buffer) {
		const url = new URL(request.url ?? '/', this.baseUrl);
		const test = url.pathname.startsWith('/webhook-test/');
		const received: ReceivedCallback = { mode: test ? 'test' : 'production', url: url.toString(), status: 0, responseBody: '' };
		const response = expressLikeResponse(res);
		const listening = test ? this.testStaticData !== undefined : this.active;
		const expected = test ? `/webhook-test/${this.node.webhookId}/${this.path}` : `/webhook/${this.node.webhookId}/${this.path}`;
		if (!listening || url.pathname !== expected) {
			// n8n: "The requested webhook ... is not registered."
			response.status(404).json({ message: 'The requested webhook is not registered.' });
			this.received.push({ ...received, status: 404 });
			return;
		}
		request.rawBody = rawBody;
		request.body = parseBody(rawBody, String(request.headers['content-type'] ?? ''));
		request.query = Object.fromEntries(url.searchParams);
		request.params = {};
		const workflow = this.workflow(this.staticData);
		if (test) workflow.setTestStaticData(structuredClone(this.testStaticData!));
		const node = workflow.getNode(this.node.name)!;
		const webhookData = this.webhookData(workflow, test);
		const additionalData = webhookData.workflowExecuteAdditionalData;
		Object.assign(additionalData, { httpRequest: request, httpResponse: response });
		const context = new WebhookContext(workflow, node, additionalData, test ? 'manual' : 'webhook', webhookData, [], null);
		let result: IWebhookResponseData | undefined;
		try {
			result = await this.options.nodeType.webhook!.call(context);
			if (!result.noWebhookResponse) response.status(200).end();
			else if (!res.writableEnded) res.end();
		} catch (error) {
			received.error = error;
			response.status(500).json({ message: (error as Error).message });
		}
		received.status = res.statusCode;
		received.items = result?.workflowData?.[0];
		if (received.items) recordForScan('webhook output', received.items, node.name);
		this.received.push(received);
	}

	/** Waits until every request received so far is recorded. */
	async settled(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	/** POSTs to one of the listener's URLs as a caller would; returns the status and body it got. */
	async post(url: string, body: string | object, contentType = 'application/json'): Promise<{ status: number; body: string }> {
		const answer = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
		const text = await answer.text();
		await this.settled();
		return { status: answer.status, body: text };
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
