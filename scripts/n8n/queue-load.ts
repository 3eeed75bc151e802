/**
 * Load runs on a queue-mode n8n (queue.ts): several executions of one workflow started at the same
 * time through the webhook processor, each taken by a worker, each sending one vendor request per
 * item. Two loads:
 *  - Ocamba Create Account against a sandbox enforcing (and announcing) the account's rate limits,
 *    scaled up from Ocamba's 10/s + 150/min as bench figure 4 does: whether the limits hold for the
 *    account as a whole across worker processes (0 429s surfaced, the rate used, no item sent twice);
 *  - Yeti-Switch Create Account, to see how throughput scales with workers.
 * The demo, the queue e2e suite and bench figure 7 share these runs and judge them the same way.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createOcambaSandbox, type OcambaRateLimits, type OcambaSandbox } from '../../sandbox/ocamba';
import type { CredentialImport } from './cli';
import { NODE_TYPES, SANDBOX_CREDENTIALS } from './config';
import { nodeItems, type Workflow } from './examples';
import { listExecutions, waitForExecution, waitForWorkerOf, type ExecutionRecord, type QueueCluster } from './queue';
import { sandboxCredentials } from './sandbox-credentials';

/** Ocamba's published 10/s + 150/min, scaled up for a short run (the same as bench figure 4). */
export const LOAD_OCAMBA_LIMITS: OcambaRateLimits = { perSecond: 50, perMinute: 1200, enabled: true, retryAfterUnknown: false };

/** The credential of the metered Ocamba sandbox (its own, so the example runs never touch its counters). */
const OCAMBA_LOAD_CREDENTIAL = { id: 'ocambaQueueLoad1', name: 'Ocamba (queue load sandbox)' };

export const LOAD_WORKFLOWS = {
	ocamba: { id: 'queueLoadOcamba1', path: 'queue-load-ocamba', node: 'Create Account' },
	yeti: { id: 'queueLoadYeti001', path: 'queue-load-yeti', node: 'Create Account' },
} as const;

export type LoadVendor = keyof typeof LOAD_WORKFLOWS;

/** One answer of the metered sandbox: when the request arrived, what it answered, the account name sent. */
export interface MeteredAnswer {
	at: number;
	status: number;
	method: string;
	path: string;
	name?: string;
}

/** An Ocamba sandbox that records the status of every answer (the shared sandbox records requests only). */
export interface MeteredOcamba {
	sandbox: OcambaSandbox;
	answers: MeteredAnswer[];
	stop(): Promise<void>;
}

export async function startMeteredOcamba(): Promise<MeteredOcamba> {
	const sandbox = createOcambaSandbox({ port: 0, rateLimits: LOAD_OCAMBA_LIMITS });
	const answers: MeteredAnswer[] = [];
	sandbox.app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
		if (request.url.startsWith('/__sandbox')) return;
		let name: string | undefined;
		try {
			name = typeof request.body === 'string' && request.body ? (JSON.parse(request.body) as { name?: string }).name : undefined;
		} catch {
			name = undefined;
		}
		answers.push({ at: Date.now() - reply.elapsedTime, status: reply.statusCode, method: request.method, path: request.url.split('?')[0], name });
	});
	await sandbox.start();
	return { sandbox, answers, stop: () => sandbox.stop() };
}

/** Webhook (POST, answers at once) → Split Out of `body.items` → one vendor node per item. */
function loadWorkflow(vendor: LoadVendor, node: Record<string, unknown>): Workflow {
	const { id, path, node: nodeName } = LOAD_WORKFLOWS[vendor];
	return {
		id,
		name: `Queue load: ${vendor} ${nodeName} per item`,
		nodes: [
			{ id: `${id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } } as never,
			{ id: `${id}-split`, name: 'Split Out Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} } } as never,
			{ id: `${id}-node`, name: nodeName, typeVersion: 1, position: [440, 0], ...node } as never,
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out Items', type: 'main', index: 0 }]] },
			'Split Out Items': { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

export function loadWorkflows(): Record<LoadVendor, Workflow> {
	return {
		ocamba: loadWorkflow('ocamba', {
			type: NODE_TYPES.ocamba,
			parameters: { resource: 'account', operation: 'create', name: '={{ $json.name }}', additionalFields: {} },
			credentials: { ocambaApi: OCAMBA_LOAD_CREDENTIAL },
		}),
		yeti: loadWorkflow('yeti', {
			type: NODE_TYPES.yetiSwitch,
			parameters: {
				resource: 'account',
				operation: 'create',
				name: '={{ $json.name }}',
				minBalance: 0,
				maxBalance: 1000,
				contractor: { __rl: true, mode: 'id', value: '4' },
				// Yeti 1.14.72 and later require a currency on new accounts (the sandbox plays 1.15.38 by default).
				currency: 'USD',
				additionalFields: {},
			},
			credentials: { yetiSwitchApi: SANDBOX_CREDENTIALS.yetiSwitchApi },
		}),
	};
}

/** The metered sandbox's credential (imported with the others before n8n starts). */
export function loadCredential(metered: MeteredOcamba): CredentialImport {
	const ocamba = sandboxCredentials({ ocamba: metered.sandbox.url, octopush: '', yeti: '' }).ocambaApi;
	return { ...ocamba, ...OCAMBA_LOAD_CREDENTIAL };
}

export interface LoadExecution extends ExecutionRecord {
	worker?: string;
	workerPid?: number;
	jobId?: string;
	/** Items the vendor node output. */
	items: number;
	/** Items that came out as errors, or the execution's own error. */
	errors: string[];
}

export interface LoadRun {
	vendor: LoadVendor;
	executions: LoadExecution[];
	/** First execution start to last execution end (n8n's own records). */
	spanMs: number;
	itemsSent: number;
}

/**
 * Starts one run of a load workflow per list of names, all at once (one POST each to the webhook
 * processor, one account per name), and waits for all of them to end.
 */
export async function runLoad(cluster: QueueCluster, vendor: LoadVendor, batches: string[][]): Promise<LoadRun> {
	const { id, path, node } = LOAD_WORKFLOWS[vendor];
	const executions = batches.length;
	const before = new Set((await listExecutions(cluster, id)).map((execution) => execution.id));
	const answers = await Promise.all(
		batches.map((batch) =>
			fetch(`${cluster.webhookBaseUrl.replace('//localhost:', '//127.0.0.1:')}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items: batch.map((name) => ({ name })) }),
			}),
		),
	);
	for (const answer of answers) {
		if (answer.status !== 200) throw new Error(`the webhook processor answered ${answer.status} to a ${vendor} load: ${(await answer.text()).slice(0, 300)}`);
	}
	const deadline = Date.now() + 300_000;
	let fresh: ExecutionRecord[] = [];
	while (fresh.length < executions) {
		fresh = (await listExecutions(cluster, id)).filter((execution) => !before.has(execution.id));
		if (Date.now() > deadline) throw new Error(`${executions} ${vendor} load executions were started, ${fresh.length} recorded within 5 minutes`);
		if (fresh.length < executions) await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const done: LoadExecution[] = [];
	for (const execution of fresh) {
		const { record, run } = await waitForExecution(cluster, execution.id, 300_000);
		const output = nodeItems(run, node) ?? [];
		const runError = run.data?.resultData?.error;
		const errors = [...(runError ? [`execution ${record.id}: ${runError.message}`] : []), ...output.filter((item) => item.error !== undefined).map((item) => `execution ${record.id}: ${JSON.stringify(item.error).slice(0, 200)}`)];
		const ran = await waitForWorkerOf(cluster, record.id);
		done.push({ ...record, worker: ran?.worker.name, workerPid: ran?.worker.n8n.pid, jobId: ran?.jobId, items: output.length, errors });
	}
	done.sort((a, b) => Number(a.id) - Number(b.id));
	const starts = done.map((execution) => Date.parse(String(execution.startedAt)));
	const stops = done.map((execution) => Date.parse(String(execution.stoppedAt)));
	return { vendor, executions: done, spanMs: Math.max(...stops) - Math.min(...starts), itemsSent: batches.flat().length };
}

/** Whether every execution's time on its worker overlapped every other's (they ran at the same time). */
export function ranTogether(run: LoadRun): boolean {
	return run.executions.every((a) => run.executions.every((b) => a === b || (Date.parse(String(a.startedAt)) < Date.parse(String(b.stoppedAt)) && Date.parse(String(b.startedAt)) < Date.parse(String(a.stoppedAt)))));
}

/**
 * The shortest time `count` requests can take under fixed, clock-aligned windows of `perSecond`
 * and `perMinute`, the first sent at `firstAt`: each clock second filled up to its limit (and the
 * minute's) from then on; the last request goes at the start of the last second needed.
 */
export function minimumDurationMs(count: number, limits: Pick<OcambaRateLimits, 'perSecond' | 'perMinute'>, firstAt: number): number {
	let left = count;
	let second = Math.floor(firstAt / 1000);
	let minute = Math.floor(second / 60);
	let inMinute = 0;
	let lastAt = firstAt;
	while (left > 0) {
		if (Math.floor(second / 60) !== minute) {
			minute = Math.floor(second / 60);
			inMinute = 0;
		}
		const take = Math.min(left, limits.perSecond, limits.perMinute - inMinute);
		if (take > 0) {
			left -= take;
			inMinute += take;
			lastAt = Math.max(firstAt, second * 1000);
		}
		second += 1;
	}
	return lastAt - firstAt;
}

/** Requests per clock second, from the first request's second on. */
export function perSecondCounts(times: number[]): number[] {
	if (!times.length) return [];
	const sorted = [...times].sort((a, b) => a - b);
	const first = Math.floor(sorted[0] / 1000);
	const counts: number[] = [];
	for (const t of sorted) {
		const index = Math.floor(t / 1000) - first;
		counts[index] = (counts[index] ?? 0) + 1;
	}
	return Array.from(counts, (c) => c ?? 0);
}

export interface LimitsVerdict {
	run: LoadRun;
	/** Distinct workers that ran the executions. */
	workers: string[];
	together: boolean;
	created: number;
	answered429: number;
	/** 429s (or any error) that reached users: error items or failed executions. */
	surfaced: number;
	/** Names the server created more than once (an item sent twice). */
	duplicates: string[];
	/** Names sent by the load that the server never created. */
	missing: string[];
	achievedPerSecond: number;
	allowedPerSecond: number;
	/** allowed-rate minimum duration / actual duration (1 = every window used to its limit). */
	utilisation: number;
	perSecond: number[];
	/** The rate target (a speed: the bench judges it; tests judge the outcomes in `problems`). */
	meetsRate: boolean;
	/** No problem and the rate target met. */
	ok: boolean;
	/** What went wrong in outcomes: errors surfaced, items sent twice or lost, executions not spread. */
	problems: string[];
}

/** Issue 18's target: the account's allowed rate used at 0.8 or more. */
export const MIN_UTILISATION = 0.8;

/** The account names one load sends: "<label> <execution>-<item>". */
export function loadNames(executions: number, items: number, label: string): string[][] {
	return Array.from({ length: executions }, (_, batch) => Array.from({ length: items }, (_, item) => `${label} ${batch + 1}-${item + 1}`));
}

/**
 * Judges a limits run from what the server answered (issue 18's targets: 0 surfaced, no item sent
 * twice or lost, each execution on its own worker, all at the same time; and ≥ 0.8 of the allowed rate).
 */
export function judgeLimits(run: LoadRun, answers: MeteredAnswer[], expected: string[][], limits: Pick<OcambaRateLimits, 'perSecond' | 'perMinute'>, expectWorkers: number): LimitsVerdict {
	const creates = answers.filter((answer) => answer.method === 'POST' && answer.path === '/v2/ocamba/accounts');
	const createdAnswers = creates.filter((answer) => answer.status >= 200 && answer.status < 300);
	const answered429 = creates.filter((answer) => answer.status === 429).length;
	const byName = new Map<string, number>();
	for (const answer of createdAnswers) byName.set(String(answer.name), (byName.get(String(answer.name)) ?? 0) + 1);
	const duplicates = [...byName].filter(([, count]) => count > 1).map(([name]) => name);
	const missing = expected.flat().filter((name) => !byName.has(name));
	const times = createdAnswers.map((answer) => answer.at).sort((a, b) => a - b);
	const actualMs = Math.max(1, times[times.length - 1] - times[0]);
	const minimumMs = minimumDurationMs(times.length, limits, times[0] ?? 0);
	const utilisation = times.length > 1 ? minimumMs / actualMs : 0;
	const surfaced = run.executions.reduce((sum, execution) => sum + execution.errors.length + (execution.status === 'success' ? 0 : 1), 0);
	const workers = [...new Set(run.executions.map((execution) => execution.worker ?? 'unknown'))];
	const together = ranTogether(run);
	const problems: string[] = [];
	if (run.executions.length !== expected.length) problems.push(`${run.executions.length} execution(s) recorded, ${expected.length} started`);
	if (run.executions.some((execution) => !execution.worker)) problems.push('an execution was not found in any worker log (did the main process run it?)');
	if (workers.length !== expectWorkers) problems.push(`the ${run.executions.length} executions ran on ${workers.length} worker(s) (${workers.join(', ')}), expected ${expectWorkers}`);
	if (!together) problems.push('the executions did not all run at the same time');
	if (surfaced) problems.push(`${surfaced} error(s) reached the workflow: ${run.executions.flatMap((execution) => execution.errors).slice(0, 3).join('; ')}`);
	if (duplicates.length) problems.push(`${duplicates.length} item(s) created twice, e.g. ${duplicates.slice(0, 3).join(', ')}`);
	if (missing.length) problems.push(`${missing.length} item(s) never created, e.g. ${missing.slice(0, 3).join(', ')}`);
	const perExecution = expected[0]?.length ?? 0;
	if (run.executions.some((execution) => execution.items !== perExecution)) problems.push(`executions output ${run.executions.map((execution) => execution.items).join(', ')} items, expected ${perExecution} each`);
	return {
		run,
		workers,
		together,
		created: createdAnswers.length,
		answered429,
		surfaced,
		duplicates,
		missing,
		achievedPerSecond: times.length / (actualMs / 1000),
		allowedPerSecond: times.length / (Math.max(1, minimumMs) / 1000),
		utilisation,
		perSecond: perSecondCounts(times),
		meetsRate: utilisation >= MIN_UTILISATION,
		ok: problems.length === 0 && utilisation >= MIN_UTILISATION,
		problems,
	};
}

/** The limits run on the metered Ocamba sandbox: `executions` × `items` creates started at once. */
export async function runOcambaLimits(cluster: QueueCluster, metered: MeteredOcamba, options: { executions?: number; items?: number; label?: string; expectWorkers?: number } = {}): Promise<LimitsVerdict> {
	const executions = options.executions ?? 3;
	const items = options.items ?? 300;
	const label = options.label ?? 'Queue load';
	metered.sandbox.reset();
	metered.sandbox.setRateLimits(LOAD_OCAMBA_LIMITS);
	metered.answers.length = 0;
	const run = await runLoad(cluster, 'ocamba', loadNames(executions, items, label));
	return judgeLimits(run, [...metered.answers], loadNames(executions, items, label), LOAD_OCAMBA_LIMITS, options.expectWorkers ?? executions);
}

/** One line for a person: the limits run's figures. */
export function describeLimits(verdict: LimitsVerdict): string {
	return (
		`${verdict.run.executions.length} × ${verdict.run.itemsSent / verdict.run.executions.length} items on ${verdict.workers.join(', ')}: ` +
		`${verdict.created} created, ${verdict.achievedPerSecond.toFixed(1)} req/s vs ${verdict.allowedPerSecond.toFixed(1)} allowed (${verdict.utilisation.toFixed(2)}), ` +
		`429s answered ${verdict.answered429}, surfaced ${verdict.surfaced}, duplicates ${verdict.duplicates.length}; per second: ${verdict.perSecond.join(' ')}`
	);
}
