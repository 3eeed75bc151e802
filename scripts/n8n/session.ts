/**
 * A real-n8n session as the demo, `npm start` and the end-to-end suite use it: the sandboxes
 * running, n8n provisioned with our package installed in a throwaway user folder, the sandbox
 * credentials imported; plus running one example (headless or, for triggers, in a started n8n)
 * and judging it by its expect file.
 */
import { rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';
import { startSandboxes, type SandboxPorts, type Sandboxes } from '../../sandbox/index';
import { N8n, type CredentialImport, type ExecuteResult, type ExecutionRun, type N8nOptions } from './cli';
import { NODE_TYPES } from './config';
import {
	DEFAULT_DELIVERY_REPORT,
	checkOutput,
	checkRequests,
	checkWorkflowShape,
	credentialTypesOf,
	mainNode,
	mergeRequests,
	nodeItems,
	type Example,
	type VendorRequest,
	type Workflow,
} from './examples';
import { KEEP_MARKER, createUserFolder, defaultLog, provision, type Log, type Provisioned } from './provision';
import { SANDBOX_SECRETS, sandboxCredentials, type SandboxCredentialType } from './sandbox-credentials';

export interface Session {
	sandboxes: Sandboxes;
	provisioned: Provisioned;
	n8n: N8n;
	userFolder: string;
	credentials: ReturnType<typeof sandboxCredentials>;
	log: Log;
	close(options?: { keepFolder?: boolean }): Promise<void>;
}

export interface SessionOptions {
	/** Names the user folder (.n8n-e2e/<name>-…). */
	name: string;
	log?: Log;
	sandboxPorts?: SandboxPorts;
	n8n?: N8nOptions;
	/** Build before packing: true, false, or undefined = only when dist/ is stale. */
	build?: boolean;
	/** Reuse an earlier provisioning (the suite provisions once in its global setup). */
	provisioned?: Provisioned;
	/** More credentials to import with the sandbox ones (one n8n command for all). */
	extraCredentials?: CredentialImport[];
}

export async function openSession(options: SessionOptions): Promise<Session> {
	const log = options.log ?? defaultLog;
	const sandboxes = await startSandboxes(options.sandboxPorts ?? {});
	try {
		const provisioned = options.provisioned ?? (await provision(log, { build: options.build }));
		const userFolder = await createUserFolder(options.name, provisioned, log);
		const n8n = new N8n(provisioned, userFolder, { log, ...options.n8n });
		const credentials = sandboxCredentials({ ocamba: sandboxes.ocamba.url, octopush: sandboxes.octopush.url, yeti: sandboxes.yeti.url });
		await n8n.importCredentials([...Object.values(credentials), ...(options.extraCredentials ?? [])]);
		let closed = false;
		return {
			sandboxes,
			provisioned,
			n8n,
			userFolder,
			credentials,
			log,
			close: async ({ keepFolder = false } = {}) => {
				if (closed) return;
				closed = true;
				await n8n.stop();
				await sandboxes.stop();
				if (keepFolder) writeFileSync(join(userFolder, KEEP_MARKER), 'kept for inspection\n');
				else rmSync(userFolder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await sandboxes.stop();
		throw error;
	}
}

export function resetSandboxes(sandboxes: Sandboxes): void {
	sandboxes.ocamba.reset();
	sandboxes.octopush.reset();
	sandboxes.yeti.reset();
}

export function recordedRequests(sandboxes: Sandboxes): VendorRequest[] {
	return mergeRequests({
		ocamba: [...sandboxes.ocamba.requests],
		octopush: [...sandboxes.octopush.requests],
		yeti: [...sandboxes.yeti.requests],
	});
}

export type ExampleStatus = 'passed' | 'failed';

export interface ExampleResult {
	example: Example;
	status: ExampleStatus;
	/** What went wrong (empty when passed). */
	problems: string[];
	nodeName?: string;
	operation?: string;
	/** Items the reported node output. */
	items?: number;
	output?: Array<Record<string, unknown>>;
	run?: ExecutionRun;
	requests: VendorRequest[];
	durationMs: number;
	trigger: boolean;
	/** What the n8n process printed (headless runs). */
	processOutput?: string;
	warning?: string;
}

const JWT_PATTERN = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

/** Secrets that must never reach a workflow's output. */
export function leakedSecrets(run: ExecutionRun | undefined): string[] {
	if (!run) return [];
	const text = JSON.stringify(run.data?.resultData ?? {});
	const leaks = SANDBOX_SECRETS.filter((secret) => text.includes(secret)).map((secret) => `a sandbox secret (${secret.slice(0, 4)}…) appears in the execution data`);
	if (JWT_PATTERN.test(text)) leaks.push('a JWT (the Yeti session token?) appears in the execution data');
	return leaks;
}

function judge(example: Example, run: ExecutionRun | undefined, requests: VendorRequest[], started: number, trigger: boolean, extra: string[]): ExampleResult {
	const node = mainNode(example);
	const items = node ? nodeItems(run, node.name) : undefined;
	const problems = [...extra];
	if (example.expect) {
		problems.push(...checkRequests(example.expect, requests));
		problems.push(...checkOutput(example.expect, run));
	}
	problems.push(...leakedSecrets(run));
	return {
		example,
		status: problems.length ? 'failed' : 'passed',
		problems,
		nodeName: node?.name,
		items: items?.length,
		output: items,
		run,
		requests,
		durationMs: Date.now() - started,
		trigger,
	};
}

/** Drops the Yeti session token n8n stored, so an example starts from a login as on a fresh install. */
async function freshCredentials(session: Session, example: Example): Promise<void> {
	const types = credentialTypesOf(example).filter((type): type is SandboxCredentialType => type === 'yetiSwitchApi');
	if (types.length) await session.n8n.importCredentials(types.map((type) => session.credentials[type]));
}

/**
 * Runs one (non-trigger) example against freshly reset sandboxes and judges it: with `n8n execute`,
 * or with `execute` (queue mode hands the run to its workers).
 */
export async function runExample(session: Session, example: Example, execute: (workflowId: string) => Promise<ExecuteResult> = (id) => session.n8n.execute(id)): Promise<ExampleResult> {
	const started = Date.now();
	const shape = checkWorkflowShape(example);
	if (shape.length) return judge(example, undefined, [], started, false, shape);
	await freshCredentials(session, example);
	resetSandboxes(session.sandboxes);
	const result = await execute(example.workflow.id);
	const requests = recordedRequests(session.sandboxes);
	const extra = result.ok ? [] : [`n8n execute failed: ${result.error}`];
	return { ...judge(example, result.run, requests, started, false, extra), processOutput: result.command.stdout + result.command.stderr, warning: result.warning };
}

/** The production webhook path n8n registers for a trigger node (n8n's getNodeWebhookPath rule). */
export function webhookPathOf(workflow: Workflow, nodeName: string, description: { path: string; isFullPath?: boolean }): string {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`no node "${nodeName}" in workflow ${workflow.id}`);
	const path = description.path.replace(/^\/+/, '');
	if (!node.webhookId) return `${workflow.id}/${encodeURIComponent(node.name.toLowerCase())}/${path}`;
	if (description.isFullPath) return path || node.webhookId;
	return `${node.webhookId}/${path}`;
}

/** The webhook descriptions of our trigger node, read from the built package n8n loaded. */
export function triggerWebhooks(session: Session): Array<{ name: string; httpMethod: string; path: string; isFullPath?: boolean }> {
	const packageDir = join(session.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-ocamba-octopush-yeti');
	const module = require(join(packageDir, 'dist', 'nodes', 'Octopush', 'OctopushTrigger.node.js'));
	const description = new module.OctopushTrigger().description;
	return description.webhooks ?? [];
}

/** n8n's REST API answers execution data "flatted"; its own copy of flatted reads it. */
export function unflatten(data: unknown, session: Session): unknown {
	if (typeof data !== 'string') return data;
	const n8nRequire = createRequire(join(session.provisioned.n8n.dir, 'node_modules', 'n8n', 'package.json'));
	const flatted = n8nRequire('flatted') as { parse(text: string): unknown };
	return flatted.parse(data);
}

export interface TriggerRun {
	run?: ExecutionRun;
	webhookStatus: number;
	webhookBody: string;
	webhookUrl: string;
	executionId?: string;
}

/**
 * Delivers one callback to an activated trigger workflow in the started n8n (or at `webhookBaseUrl`:
 * queue mode's webhook processor) and reads the execution it caused back through the REST API.
 */
export async function deliverToTrigger(session: Session, workflow: Workflow, delivery: { method?: string; body?: unknown; headers?: Record<string, string>; query?: Record<string, string> }, timeoutMs = 30_000, webhookBaseUrl = session.n8n.baseUrl): Promise<TriggerRun> {
	const trigger = workflow.nodes.find((node) => node.type === NODE_TYPES.octopushTrigger);
	if (!trigger) throw new Error(`workflow ${workflow.id} has no Octopush Trigger node`);
	const webhooks = triggerWebhooks(session);
	const method = (delivery.method ?? webhooks[0]?.httpMethod ?? 'POST').toUpperCase();
	const webhook = webhooks.find((w) => w.httpMethod.toUpperCase() === method) ?? webhooks[0];
	if (!webhook) throw new Error('the Octopush Trigger declares no webhook');
	const path = webhookPathOf(workflow, trigger.name, webhook);
	const query = delivery.query ? `?${new URLSearchParams(delivery.query).toString()}` : '';
	const webhookUrl = `${webhookBaseUrl}/webhook/${path}${query}`;
	const before = await listExecutions(session, workflow.id);
	const response = await fetch(webhookUrl.replace('//localhost:', '//127.0.0.1:'), {
		method,
		headers: { 'content-type': 'application/json', ...(delivery.headers ?? {}) },
		body: method === 'GET' ? undefined : JSON.stringify(delivery.body ?? DEFAULT_DELIVERY_REPORT),
	});
	const webhookBody = await response.text();
	const fresh = await waitForExecution(session, workflow.id, before, timeoutMs);
	return { ...fresh, webhookStatus: response.status, webhookBody, webhookUrl };
}

/** The first finished execution of the workflow that is not in `before`, read back in full (none within the timeout: {}). */
export async function waitForExecution(session: Session, workflowId: string, before: Array<{ id: string }>, timeoutMs = 30_000): Promise<{ run?: ExecutionRun; executionId?: string }> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const executions = await listExecutions(session, workflowId);
		const fresh = executions.find((execution) => !before.some((old) => old.id === execution.id) && execution.status !== 'running' && execution.status !== 'new');
		if (fresh) {
			const detail = await session.n8n.rest<{ data: unknown }>('GET', `/executions/${fresh.id}`);
			const run = { ...(detail.body as object), data: unflatten(detail.body?.data, session) } as ExecutionRun;
			return { run, executionId: fresh.id };
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return {};
}

export async function listExecutions(session: Session, workflowId: string): Promise<Array<{ id: string; status?: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await session.n8n.rest<{ results?: Array<{ id: string; status?: string }> }>('GET', `/executions?filter=${filter}`);
	if (answer.status !== 200) throw new Error(`GET /rest/executions answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
	return answer.body?.results ?? [];
}

/**
 * Runs a trigger example: publishes it, starts n8n (unless it is running), delivers its callback
 * and judges the execution it caused. Leaves n8n running for the caller to stop.
 */
export async function runTriggerExample(session: Session, example: Example, webhookBaseUrl?: string): Promise<ExampleResult & { executionId?: string }> {
	const started = Date.now();
	const shape = checkWorkflowShape(example);
	if (shape.length) return judge(example, undefined, [], started, true, shape);
	resetSandboxes(session.sandboxes);
	const extra: string[] = [];
	let run: ExecutionRun | undefined;
	let executionId: string | undefined;
	try {
		const delivered = await deliverToTrigger(session, example.workflow, example.expect?.webhook ?? {}, 30_000, webhookBaseUrl);
		executionId = delivered.executionId;
		if (delivered.webhookStatus >= 300) extra.push(`the webhook ${delivered.webhookUrl} answered HTTP ${delivered.webhookStatus}`);
		if (!delivered.run) extra.push('no execution was recorded for the delivered callback');
		run = delivered.run;
		const error = run?.data?.resultData?.error;
		if (error) extra.push(`the execution failed: ${error.message}`);
	} catch (error) {
		extra.push((error as Error).message);
	}
	return { ...judge(example, run, recordedRequests(session.sandboxes), started, true, extra), executionId };
}
