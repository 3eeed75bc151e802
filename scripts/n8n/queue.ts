/**
 * n8n in queue mode, as a user who outgrew one process runs it: Redis and PostgreSQL (local
 * processes, see queue-services.ts), one main process (`n8n start`: editor, REST API, activation of
 * triggers), queue workers (`n8n worker`) that take executions from Redis, and one webhook processor
 * (`n8n webhook`) that answers production webhooks and hands their executions to the workers.
 *
 * Every n8n process gets its own N8N_USER_FOLDER with our packed package installed the way n8n
 * installs community packages (as on separate machines), and the same encryption key, database and
 * Redis: the processes share nothing else. Everything started here is stopped by process id.
 */
import { randomBytes } from 'crypto';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { N8n, freePort, type CredentialImport, type ExecuteResult, type ExecutionRun } from './cli';
import type { Example, Workflow } from './examples';
import { createUserFolder, defaultLog, provision, type Log, type Provisioned } from './provision';
import { POSTGRES_DATABASE, POSTGRES_USER, startQueueServices, type QueueServices } from './queue-services';
import { openSession, runExample, runTriggerExample, unflatten, type ExampleResult, type Session } from './session';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type QueueRole = 'main' | 'worker' | 'webhook';

export interface QueueProcess {
	/** "main", "worker-1", "worker-2", …, "webhook". */
	name: string;
	role: QueueRole;
	n8n: N8n;
	userFolder: string;
	logFile: string;
	/** Jobs this worker takes at once (`n8n worker --concurrency`). */
	concurrency?: number;
}

export interface QueueCluster {
	/** The main process's session: sandboxes, credentials (imported into PostgreSQL), REST client. */
	session: Session;
	services: QueueServices;
	main: QueueProcess;
	workers: QueueProcess[];
	webhook: QueueProcess;
	/** Where production webhooks are served (the webhook processor); every process is told so. */
	webhookBaseUrl: string;
	log: Log;
	/** Starts one more worker (e.g. one per execution for the limits run). */
	addWorker(concurrency?: number): Promise<QueueProcess>;
	/** Stops the given workers (by process id) and removes their folders. */
	stopWorkers(workers: QueueProcess[]): Promise<void>;
	close(options?: { keepFolders?: boolean }): Promise<void>;
}

export interface QueueClusterOptions {
	name: string;
	log?: Log;
	provisioned?: Provisioned;
	build?: boolean;
	/** Workers to start (default 2). */
	workers?: number;
	/** Jobs each worker takes at once (default 1: a run's executions spread over the workers). */
	workerConcurrency?: number;
	/** Imported before n8n starts (one n8n command each). */
	credentials?: CredentialImport[];
	workflows?: Workflow[];
	/** Of those, the ones to publish once the main process runs (as the editor's Publish does). */
	activate?: string[];
}

/** The environment every process of one cluster shares: queue mode, the database, Redis, the key. */
export function queueEnv(services: QueueServices, webhookBaseUrl: string, encryptionKey: string): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(services.postgres.port),
		DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
		DB_POSTGRESDB_USER: POSTGRES_USER,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(services.redis.port),
		// Without one shared key each process would make its own and the workers could not read the credentials.
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Runs started in the editor (or its REST API) go to the workers too, not only triggered ones.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks only on the webhook processor: a callback that arrives proves that path.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/** Opens a whole queue-mode n8n: services, main, workers, webhook processor. */
export async function openQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const log = options.log ?? defaultLog;
	const provisioned = options.provisioned ?? (await provision(log, { build: options.build }));
	const services = await startQueueServices(log);
	const processes: QueueProcess[] = [];
	let session: Session | undefined;
	const stopAll = async (keepFolders = false) => {
		for (const member of [...processes].reverse()) {
			if (member.role === 'main') continue;
			await member.n8n.stop();
			if (!keepFolders) rmSync(member.userFolder, { recursive: true, force: true });
		}
		processes.length = 0;
		await session?.close({ keepFolder: keepFolders });
		await services.stop({ keepFolder: keepFolders });
	};
	// Ctrl+C (or a kill) while opening: stop what already runs before leaving.
	const interrupted = () => void stopAll().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	try {
		const webhookPort = await freePort();
		const webhookBaseUrl = `http://localhost:${webhookPort}`;
		const env = queueEnv(services, webhookBaseUrl, randomBytes(24).toString('hex'));
		// The session's first CLI command (importing the credentials) also creates n8n's tables.
		let phase = Date.now();
		session = await openSession({ name: `${options.name}-main`, provisioned, log, n8n: { env }, extraCredentials: options.credentials });
		if (options.workflows?.length) await session.n8n.importWorkflows(options.workflows);
		log(`Database ready, credentials${options.workflows?.length ? ` and ${options.workflows.length} workflow(s)` : ''} imported (${seconds(phase)})`);
		const main: QueueProcess = { name: 'main', role: 'main', n8n: session.n8n, userFolder: session.userFolder, logFile: join(session.userFolder, 'n8n-start.log') };
		processes.push(main);
		phase = Date.now();
		await main.n8n.start({ timeoutMs: 240_000, logFile: main.logFile });
		await main.n8n.ensureOwner();
		log(`main ready (n8n start, process ${main.n8n.pid}, ${main.n8n.baseUrl}, ${seconds(phase)})`);
		for (const id of options.activate ?? []) await publish(main.n8n, id);
		const concurrency = options.workerConcurrency ?? 1;
		let workerCount = 0;
		const startProcess = async (role: 'worker' | 'webhook', workerConcurrency?: number): Promise<QueueProcess> => {
			const name = role === 'worker' ? `worker-${++workerCount}` : 'webhook';
			const userFolder = await createUserFolder(`${options.name}-${name}`, provisioned, () => undefined);
			const n8n = new N8n(provisioned, userFolder, { log, env, port: role === 'webhook' ? webhookPort : undefined });
			const member: QueueProcess = { name, role, n8n, userFolder, logFile: join(userFolder, `n8n-${role}.log`), concurrency: workerConcurrency };
			processes.push(member);
			const startedAt = Date.now();
			await n8n.start({ process: role, timeoutMs: 240_000, logFile: member.logFile, args: role === 'worker' ? [`--concurrency=${workerConcurrency}`] : [] });
			log(`${name} ready (n8n ${role}, process ${n8n.pid}${role === 'webhook' ? `, ${webhookBaseUrl}/webhook/…` : `, concurrency ${workerConcurrency}`}, ${seconds(startedAt)})`);
			return member;
		};
		const started = await Promise.all([...Array.from({ length: options.workers ?? 2 }, () => startProcess('worker', concurrency)), startProcess('webhook')]);
		const workers = started.filter((member) => member.role === 'worker');
		const webhook = started.find((member) => member.role === 'webhook')!;
		let closed = false;
		return {
			session,
			services,
			main,
			workers,
			webhook,
			webhookBaseUrl,
			log,
			addWorker: async (workerConcurrency = concurrency) => {
				const worker = await startProcess('worker', workerConcurrency);
				workers.push(worker);
				return worker;
			},
			stopWorkers: async (list) => {
				for (const worker of list) {
					await worker.n8n.stop();
					rmSync(worker.userFolder, { recursive: true, force: true });
					workers.splice(workers.indexOf(worker), 1);
					processes.splice(processes.indexOf(worker), 1);
				}
			},
			close: async ({ keepFolders = false } = {}) => {
				if (closed) return;
				closed = true;
				await stopAll(keepFolders);
			},
		};
	} catch (error) {
		const kept = [services.folder, ...processes.map((member) => member.userFolder)];
		await stopAll(true);
		log(`Kept for inspection: ${kept.join(', ')} (removed by the next run)`);
		throw error;
	} finally {
		process.off('SIGINT', interrupted);
		process.off('SIGTERM', interrupted);
	}
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Publishes a stored workflow through the REST API as the editor's Publish button does: the main process activates its triggers. */
export async function publish(main: N8n, workflowId: string): Promise<void> {
	const workflow = await main.rest<{ versionId?: string }>('GET', `/workflows/${workflowId}`);
	if (workflow.status !== 200 || !workflow.body?.versionId) throw new Error(`GET /rest/workflows/${workflowId} answered ${workflow.status}: ${JSON.stringify(workflow.body).slice(0, 300)}`);
	const answer = await main.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.body.versionId });
	if (answer.status !== 200) throw new Error(`publishing workflow ${workflowId} failed: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
}

/** Which worker's log says it ran this execution (n8n's "Worker started execution <id> (job <n>)"). */
export function workerOf(cluster: QueueCluster, executionId: string): { worker: QueueProcess; jobId: string } | undefined {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(job (\\d+)\\)`);
	for (const worker of cluster.workers) {
		let text = '';
		try {
			text = readFileSync(worker.logFile, 'utf8');
		} catch {
			continue;
		}
		const match = pattern.exec(text);
		if (match) return { worker, jobId: match[1] };
	}
	return undefined;
}

/** Waits until a worker's log names the execution (log lines reach the file a moment after the run). */
export async function waitForWorkerOf(cluster: QueueCluster, executionId: string, timeoutMs = 10_000): Promise<{ worker: QueueProcess; jobId: string } | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = workerOf(cluster, executionId);
		if (found || Date.now() > deadline) return found;
		await sleep(200);
	}
}

const DONE = new Set(['success', 'error', 'crashed', 'canceled']);

export interface ExecutionRecord {
	id: string;
	status?: string;
	finished?: boolean;
	mode?: string;
	workflowId?: string;
	startedAt?: string;
	stoppedAt?: string;
}

/** Reads one execution (with its data) from the main process's REST API once it has ended. */
export async function waitForExecution(cluster: QueueCluster, executionId: string, timeoutMs = 180_000): Promise<{ record: ExecutionRecord; run: ExecutionRun }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answer = await cluster.main.n8n.rest<ExecutionRecord & { data?: unknown }>('GET', `/executions/${executionId}`);
		const body = answer.body;
		if (answer.status === 200 && body && DONE.has(String(body.status))) {
			const { data, ...record } = body;
			return { record, run: { ...record, data: unflatten(data, cluster.session) } as ExecutionRun };
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} did not end within ${timeoutMs / 1000} s (last answer ${answer.status}, status ${body?.status})`);
		await sleep(300);
	}
}

/** Executions of one workflow, newest first (the main process's REST API). */
export async function listExecutions(cluster: QueueCluster, workflowId: string): Promise<ExecutionRecord[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await cluster.main.n8n.rest<{ results?: ExecutionRecord[] }>('GET', `/executions?filter=${filter}&limit=100`);
	if (answer.status !== 200) throw new Error(`GET /rest/executions answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
	return answer.body?.results ?? [];
}

export interface WorkerRun extends ExecuteResult {
	executionId?: string;
	/** The worker whose log shows it ran the execution. */
	worker?: QueueProcess;
	jobId?: string;
}

/**
 * Runs a stored workflow as the editor's "Execute workflow" button does (POST
 * /rest/workflows/<id>/run from its manual trigger); with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS the
 * main process enqueues it and a worker runs it. Resolves with the run and the worker that ran it.
 */
export async function runOnWorkers(cluster: QueueCluster, workflow: Workflow): Promise<WorkerRun> {
	const started = Date.now();
	const command = { code: 0, stdout: '', stderr: '', durationMs: 0 };
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) return { ok: false, error: `workflow ${workflow.id} has no Manual Trigger to start it from`, command };
	const answer = await cluster.main.n8n.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: trigger.name } });
	const executionId = answer.body?.executionId;
	if (answer.status !== 200 || !executionId) {
		return { ok: false, error: `POST /rest/workflows/${workflow.id}/run answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`, command };
	}
	const { record, run } = await waitForExecution(cluster, executionId);
	const ran = await waitForWorkerOf(cluster, executionId);
	command.durationMs = Date.now() - started;
	const runError = run.data?.resultData?.error;
	const ok = record.status === 'success' && !runError;
	const error = ok ? undefined : `${runError?.node?.name ? `${runError.node.name}: ` : ''}${runError?.message ?? `execution ${executionId} ended with status ${record.status}`}`;
	return { ok, run, error, command, executionId, worker: ran?.worker, jobId: ran?.jobId };
}

export interface QueueExampleResult extends ExampleResult {
	executionId?: string;
	/** The worker that ran it ("worker-2"), from its own log. */
	worker?: string;
	workerPid?: number;
	jobId?: string;
}

function withWorker(result: ExampleResult, executionId: string | undefined, ran: { worker: QueueProcess; jobId: string } | undefined): QueueExampleResult {
	const problems = [...result.problems];
	if (executionId && !ran) problems.push(`no worker's log shows execution ${executionId}: the work did not reach a worker`);
	if (!executionId && result.status === 'passed') problems.push('no execution was recorded');
	return { ...result, problems, status: problems.length ? 'failed' : 'passed', executionId, worker: ran?.worker.name, workerPid: ran?.worker.n8n.pid, jobId: ran?.jobId };
}

/** Runs one (manual-trigger) example on the workers against freshly reset sandboxes and judges it. */
export async function runExampleOnWorkers(cluster: QueueCluster, example: Example): Promise<QueueExampleResult> {
	let last: WorkerRun | undefined;
	const result = await runExample(cluster.session, example, async () => (last = await runOnWorkers(cluster, example.workflow)));
	return withWorker(result, last?.executionId, last?.worker ? { worker: last.worker, jobId: last.jobId ?? '?' } : undefined);
}

/** Delivers a trigger example's callback to the webhook processor; a worker runs the execution it starts. */
export async function runTriggerExampleOnWorkers(cluster: QueueCluster, example: Example): Promise<QueueExampleResult> {
	const result = await runTriggerExample(cluster.session, example, cluster.webhookBaseUrl);
	const ran = result.executionId ? await waitForWorkerOf(cluster, result.executionId) : undefined;
	return withWorker(result, result.executionId, ran);
}
