/**
 * The Octopush Trigger as a queue-mode user runs it: set to register itself (v2's default), published
 * in the editor. The main process activates it, so the trigger points the account's delivery callback
 * at N8N_WEBHOOK_URL (the webhook processor) and keeps a token in the workflow's static data; the
 * Octopush sandbox then calls that URL itself, the webhook processor (which reads the static data
 * from the database, not from the main's memory) accepts it, and a worker runs the execution.
 * Unpublishing puts the account's own callback URL back.
 */
import { OCTOPUSH_SANDBOX_LOGIN } from '../../sandbox/octopush';
import type { CallbackDelivery } from '../../sandbox/octopush-account';
import type { ExecutionRun } from './cli';
import { NODE_TYPES, SANDBOX_CREDENTIALS } from './config';
import { DEFAULT_DELIVERY_REPORT, nodeItems, type Workflow } from './examples';
import { listExecutions, publish, waitForExecution, waitForWorkerOf, type QueueCluster } from './queue';

export const REGISTERING_TRIGGER = { id: 'queueOctoTrigger', node: 'Octopush Trigger' } as const;

export function registeringTriggerWorkflow(): Workflow {
	return {
		id: REGISTERING_TRIGGER.id,
		name: 'Queue mode: Octopush delivery reports (registers itself)',
		nodes: [
			{
				id: `${REGISTERING_TRIGGER.id}-trigger`,
				name: REGISTERING_TRIGGER.node,
				type: NODE_TYPES.octopushTrigger,
				typeVersion: 2,
				position: [0, 0],
				webhookId: '9e4d1c7a-5b3f-4e21-8c6d-2f0a1b3c4d5e',
				parameters: { registration: 'automatic', events: ['deliveryReport'] },
				credentials: { octopushApi: SANDBOX_CREDENTIALS.octopushApi },
			} as never,
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

export interface RegisteringTriggerRun {
	/** The account's delivery callback URL before publishing, once published, once unpublished. */
	before: unknown;
	registered: unknown;
	restored: unknown;
	delivery?: CallbackDelivery;
	executionId?: string;
	worker?: string;
	workerPid?: number;
	jobId?: string;
	run?: ExecutionRun;
	items?: Array<Record<string, unknown>>;
	problems: string[];
}

const deliveriesUrl = (cluster: QueueCluster) => cluster.session.sandboxes.octopush.accountSettings.of(OCTOPUSH_SANDBOX_LOGIN).callbacks.callback_url_for_deliveries;

/** The account's delivery callback URL once it differs from `from` (n8n activates and deactivates in the background), or as it is after `timeoutMs`. */
async function deliveriesUrlChanged(cluster: QueueCluster, from: unknown, timeoutMs = 30_000): Promise<unknown> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const url = deliveriesUrl(cluster);
		if (url !== from || Date.now() > deadline) return url;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Publishes the registering trigger, has the Octopush sandbox call back, unpublishes; judges each step. */
export async function runRegisteringTrigger(cluster: QueueCluster): Promise<RegisteringTriggerRun> {
	const octopush = cluster.session.sandboxes.octopush;
	const problems: string[] = [];
	const before = deliveriesUrl(cluster);
	const executionsBefore = new Set((await listExecutions(cluster, REGISTERING_TRIGGER.id)).map((execution) => execution.id));
	await publish(cluster.main.n8n, REGISTERING_TRIGGER.id);
	const registered = await deliveriesUrlChanged(cluster, before);
	const result: RegisteringTriggerRun = { before, registered, restored: undefined, problems };
	try {
		if (typeof registered !== 'string' || !registered.startsWith(`${cluster.webhookBaseUrl}/webhook/`)) {
			problems.push(`publishing did not point the account's delivery callback at the webhook processor (${cluster.webhookBaseUrl}/webhook/…): it is ${JSON.stringify(registered)}`);
			return result;
		}
		result.delivery = await octopush.accountSettings.deliver(OCTOPUSH_SANDBOX_LOGIN, 'delivery', DEFAULT_DELIVERY_REPORT);
		if (result.delivery.status < 200 || result.delivery.status >= 300) {
			problems.push(`the webhook processor answered Octopush's callback with ${result.delivery.status}: ${result.delivery.responseBody.slice(0, 300)}`);
			return result;
		}
		const deadline = Date.now() + 60_000;
		let executionId: string | undefined;
		while (!executionId && Date.now() < deadline) {
			executionId = (await listExecutions(cluster, REGISTERING_TRIGGER.id)).find((execution) => !executionsBefore.has(execution.id))?.id;
			if (!executionId) await new Promise((resolve) => setTimeout(resolve, 300));
		}
		if (!executionId) {
			problems.push('Octopush\'s callback was acknowledged but no execution was recorded');
			return result;
		}
		const { record, run } = await waitForExecution(cluster, executionId);
		const ran = await waitForWorkerOf(cluster, executionId);
		Object.assign(result, { executionId, run, worker: ran?.worker.name, workerPid: ran?.worker.n8n.pid, jobId: ran?.jobId, items: nodeItems(run, REGISTERING_TRIGGER.node) });
		if (record.status !== 'success') problems.push(`the execution ended with status ${record.status}: ${run.data?.resultData?.error?.message ?? ''}`);
		if (!ran) problems.push(`no worker's log shows execution ${executionId}`);
		const item = result.items?.[0];
		if (result.items?.length !== 1 || item?.event !== 'deliveryReport' || item?.message_id !== DEFAULT_DELIVERY_REPORT.message_id) {
			problems.push(`the trigger output ${JSON.stringify(result.items).slice(0, 300)}, expected the delivery report as one deliveryReport item`);
		}
	} finally {
		const answer = await cluster.main.n8n.rest('POST', `/workflows/${REGISTERING_TRIGGER.id}/deactivate`, {});
		if (answer.status !== 200) problems.push(`unpublishing answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
		result.restored = await deliveriesUrlChanged(cluster, registered);
		if (result.restored !== before) problems.push(`unpublishing left the account's delivery callback at ${JSON.stringify(result.restored)}, it was ${JSON.stringify(before)}`);
	}
	return result;
}
