/**
 * The packed package in n8n's queue mode (issue 18): Redis and PostgreSQL as local processes, the
 * main process, three workers (one job at a time each) and a webhook processor, each with the
 * package installed in its own user folder. Every example runs on a worker (the main process only
 * enqueues it), the trigger example's callback goes through the webhook processor, and one Ocamba
 * account's rate limits hold across workers: three executions of 300 creates at once, one per worker,
 * 0 errors surfaced, no item sent twice or lost. The rate achieved is bench figure 7's (a speed).
 */
import { readFileSync } from 'fs';
import { loadExamples, type Example } from '../../scripts/n8n/examples';
import { openQueueCluster, runExampleOnWorkers, runTriggerExampleOnWorkers, type QueueCluster, type QueueExampleResult } from '../../scripts/n8n/queue';
import { LOAD_WORKFLOWS, describeLimits, loadCredential, loadWorkflows, runOcambaLimits, startMeteredOcamba, type MeteredOcamba } from '../../scripts/n8n/queue-load';
import { registeringTriggerWorkflow, runRegisteringTrigger } from '../../scripts/n8n/queue-trigger';
import { webhookPathOf, triggerWebhooks } from '../../scripts/n8n/session';
import { provisioned, scanRun } from '../e2e/helpers';

const OPEN_TIMEOUT = 900_000;
jest.setTimeout(600_000);

const examples = loadExamples();
const headless = examples.filter((example) => !example.expect?.trigger);
const triggers = examples.filter((example) => example.expect?.trigger);

let cluster: QueueCluster;
let metered: MeteredOcamba;

beforeAll(async () => {
	metered = await startMeteredOcamba();
	cluster = await openQueueCluster({
		name: 'e2e-queue',
		provisioned: await provisioned(),
		log: () => undefined,
		workers: 3,
		credentials: [loadCredential(metered)],
		workflows: [...examples.map((example) => example.workflow), registeringTriggerWorkflow(), loadWorkflows().ocamba],
		activate: [...triggers.map((example) => example.workflow.id), LOAD_WORKFLOWS.ocamba.id],
	});
}, OPEN_TIMEOUT);

afterAll(async () => {
	await cluster?.close();
	await metered?.stop();
}, 120_000);

const byName = (list: Example[]) => list.map((example) => [example.name, example] as const);
const logOf = (member: { logFile: string }) => readFileSync(member.logFile, 'utf8');

function explain(result: QueueExampleResult): string {
	const requests = result.requests.map((r) => `    ${r.vendor} ${r.method} ${r.url}`).join('\n');
	return `${result.example.name}:\n  ${result.problems.join('\n  ')}\n  requests received:\n${requests || '    (none)'}`;
}

test('every process of the cluster runs on its own, with the package installed in its own folder', () => {
	const members = [cluster.main, ...cluster.workers, cluster.webhook];
	expect(members.map((member) => member.name).sort()).toEqual(['main', 'webhook', 'worker-1', 'worker-2', 'worker-3']);
	expect(new Set(members.map((member) => member.n8n.pid)).size).toBe(5);
	expect(new Set(members.map((member) => member.userFolder)).size).toBe(5);
});

describe('every example runs on a worker', () => {
	test.each(byName(headless))('%s', async (_name, example) => {
		const result = await runExampleOnWorkers(cluster, example);
		scanRun(`queue mode: ${example.name}`, result.run);
		expect(result.problems.length ? explain(result) : '').toBe('');
		expect(result.worker).toMatch(/^worker-\d$/);
		// The main process enqueued it and did not run it.
		expect(logOf(cluster.main)).toContain(`Enqueued execution ${result.executionId} (job ${result.jobId})`);
		expect(logOf(cluster.main)).not.toContain(`started execution ${result.executionId} `);
	});
});

describe('trigger examples: the callback goes through the webhook processor', () => {
	test('the main process does not answer production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)', async () => {
		const example = triggers[0];
		if (!example) return;
		const trigger = example.workflow.nodes.find((node) => node.type.endsWith('.octopushTrigger'))!;
		const webhook = triggerWebhooks(cluster.session)[0];
		const answer = await fetch(`http://127.0.0.1:${cluster.main.n8n.port}/webhook/${webhookPathOf(example.workflow, trigger.name, webhook)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(example.expect?.webhook?.body ?? {}),
		});
		expect(answer.status).toBeGreaterThanOrEqual(400);
	});

	test.each(byName(triggers))('%s', async (_name, example) => {
		const result = await runTriggerExampleOnWorkers(cluster, example);
		scanRun(`queue mode: ${example.name}`, result.run);
		expect(result.problems.length ? explain(result) : '').toBe('');
		expect(result.worker).toMatch(/^worker-\d$/);
		// The webhook processor enqueued the execution; a worker ran it.
		expect(logOf(cluster.webhook)).toContain(`Enqueued execution ${result.executionId} (job ${result.jobId})`);
	});
});

test('the Octopush Trigger that registers itself: published on the main, called back by Octopush through the webhook processor, run on a worker; unpublished, the account\'s URL is back', async () => {
	const result = await runRegisteringTrigger(cluster);
	scanRun('queue mode: registering Octopush Trigger', result.run);
	expect(result.problems).toEqual([]);
	expect(String(result.registered)).toMatch(new RegExp(`^${cluster.webhookBaseUrl}/webhook/`));
	expect(result.delivery?.status).toBe(200);
	expect(result.worker).toMatch(/^worker-\d$/);
	expect(logOf(cluster.webhook)).toContain(`Enqueued execution ${result.executionId} (job ${result.jobId})`);
	expect(result.restored).toBe(result.before);
});

test("one Ocamba account's limits hold across workers: 3 executions × 300 creates at once, 0 errors surfaced, none sent twice or lost", async () => {
	const verdict = await runOcambaLimits(cluster, metered, { executions: 3, items: 300, label: 'e2e queue' });
	console.log(`queue mode, Ocamba limits across workers: ${describeLimits(verdict)}`);
	expect(verdict.problems).toEqual([]);
	expect(verdict.workers).toHaveLength(3);
	expect(verdict.created).toBe(900);
	expect(verdict.surfaced).toBe(0);
	expect(verdict.duplicates).toEqual([]);
});
