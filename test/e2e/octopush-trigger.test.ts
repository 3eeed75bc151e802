/**
 * The Octopush Trigger in a real n8n (the packed package, n8n 2.40.7), against the Octopush sandbox:
 * - automatic mode: activating the workflow points the account's callback URLs at n8n, Octopush's
 *   callbacks (a delivery report, an inbound with answer_date) arrive as executions, and deactivating it
 *   puts the account back byte for byte (issue 14);
 * - what a callback may look like on the wire, through n8n's own body parsing: a JSON array, JSON sent as
 *   text/plain, a multipart form, an empty body (issue 19, item 13).
 */
import { CALLBACK_URL_FOR } from '../../sandbox/octopush-account';
import { OCTOPUSH_SANDBOX_LOGIN } from '../../sandbox/octopush';
import { SANDBOX_CREDENTIALS } from '../../scripts/n8n/config';
import { nodeItems, type Workflow } from '../../scripts/n8n/examples';
import { listExecutions, waitForExecution, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

const TRIGGER = 'n8n-nodes-ocamba-octopush-yeti.octopushTrigger';
const LOGIN = OCTOPUSH_SANDBOX_LOGIN;

function triggerWorkflow(id: string, webhookId: string, parameters: Record<string, unknown>, credentials = false): Workflow {
	return {
		id,
		name: `e2e: Octopush Trigger ${id}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Octopush Trigger',
				type: TRIGGER,
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters,
				...(credentials ? { credentials: { octopushApi: SANDBOX_CREDENTIALS.octopushApi } } : {}),
			} as never,
		],
		connections: {},
		settings: {},
		active: false,
	};
}

const automatic = triggerWorkflow('e2eOctoTrigAuto1', '3a1f6c2e-7b54-4d0e-9c8a-1e2d3c4b5a61', { events: ['deliveryReport', 'inboundSms'] }, true);
const byHand = triggerWorkflow('e2eOctoTrigHand1', '8c2d4e6f-1a3b-4c5d-8e9f-0a1b2c3d4e5f', { registration: 'manual', events: ['deliveryReport', 'inboundSms', 'stop', 'other'] });

const report = { channel: 'sms', message_id: 'sms_5fa275dbf21dc', number: '+33600000000', status: 'DELIVERED', delivery_date: '2026-11-24 11:11:45', meta_data: {} };
const reply = { message_id: 'sms_5fa275dbf21dc', number: '+33600000000', text: 'Yes', sim_card_number: '12345', answer_date: '2026-11-24 11:12:00' };

let session: Session;

/**
 * n8n 2.40 applies a publication in the background (its workflow-publication outbox): the REST answer comes
 * before the webhook methods ran. Waits (bounded) for what the activation or deactivation must lead to.
 */
async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		value = read();
	}
	return value;
}

async function setActive(workflow: Workflow, active: boolean) {
	const current = await session.n8n.rest<{ versionId: string }>('GET', `/workflows/${workflow.id}`);
	const answer = active
		? await session.n8n.rest('POST', `/workflows/${workflow.id}/activate`, { versionId: current.body.versionId })
		: await session.n8n.rest('POST', `/workflows/${workflow.id}/deactivate`, {});
	if (answer.status !== 200) throw new Error(`${active ? 'activate' : 'deactivate'} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
}

/** POSTs to the workflow's production URL and reads back the execution it started, if any. */
async function post(workflow: Workflow, body: string, contentType: string, timeoutMs = 30_000) {
	const url = `http://127.0.0.1:${session.n8n.port}/webhook/${String(workflow.nodes[0].webhookId)}/octopush`;
	const before = await listExecutions(session, workflow.id);
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
	const text = await answer.text();
	const { run } = await waitForExecution(session, workflow.id, before, timeoutMs);
	if (run) scanRun(`octopush trigger ${workflow.id}`, run);
	return { status: answer.status, body: text, run, items: nodeItems(run, 'Octopush Trigger') };
}

beforeAll(async () => {
	session = await openE2ESession('octopush-trigger');
	await session.n8n.importWorkflows([automatic, byHand]);
	await session.n8n.start();
	await session.n8n.ensureOwner();
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

test('activated, the trigger takes over the account callbacks; Octopush’s report and reply arrive as executions; deactivated, the account is as before, byte for byte', async () => {
	const octopush = session.sandboxes.octopush;
	const before = JSON.stringify(octopush.accountSettings.of(LOGIN));
	const productionUrl = `${session.n8n.baseUrl}/webhook/${String(automatic.nodes[0].webhookId)}/octopush`;

	await setActive(automatic, true);
	const { callbacks } = await eventually(() => octopush.accountSettings.of(LOGIN), (settings) => String(settings.callbacks.callback_url_for_deliveries).startsWith(productionUrl));
	expect(callbacks.callback_url_for_deliveries).toMatch(new RegExp(`^${productionUrl.replace(/[.]/g, '\\.')}\\?n8nToken=[A-Za-z0-9]{32}$`));
	expect(callbacks.callback_url_for_inbounds).toBe(callbacks.callback_url_for_deliveries);
	expect(callbacks.callback_url_for_blacklisted_numbers).toBe(JSON.parse(before).callbacks.callback_url_for_blacklisted_numbers);

	for (const [kind, payload, event] of [
		['delivery', report, 'deliveryReport'],
		['inbound', reply, 'inboundSms'],
	] as const) {
		const executions = await listExecutions(session, automatic.id);
		const delivery = await octopush.accountSettings.deliver(LOGIN, kind, payload);
		// What Octopush asks of a callback URL: a 2xx with nothing in the body.
		expect([delivery.url, delivery.status, delivery.responseBody]).toEqual([callbacks[CALLBACK_URL_FOR[kind]], 200, '']);
		const { run } = await waitForExecution(session, automatic.id, executions);
		scanRun(`octopush trigger ${kind}`, run);
		expect(run?.data.resultData.error).toBeUndefined();
		expect(nodeItems(run, 'Octopush Trigger')).toEqual([{ ...payload, event }]);
	}

	// The same URL without the token it was registered with: refused, nothing started.
	const forged = await post(automatic, JSON.stringify(report), 'application/json', 3_000);
	expect([forged.status, forged.run]).toEqual([403, undefined]);

	await setActive(automatic, false);
	expect(await eventually(() => JSON.stringify(octopush.accountSettings.of(LOGIN)), (settings) => settings === before)).toBe(before);
});

describe('callbacks as they may arrive, through n8n’s own body parsing (issue 19, item 13)', () => {
	beforeAll(async () => {
		await setActive(byHand, true);
		// Listening once an empty POST is answered by the node (400) rather than by n8n (404: not registered yet).
		const url = `http://127.0.0.1:${session.n8n.port}/webhook/${String(byHand.nodes[0].webhookId)}/octopush`;
		const deadline = Date.now() + 60_000;
		while ((await fetch(url, { method: 'POST', body: '' })).status === 404 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
	});
	afterAll(async () => await setActive(byHand, false));

	test('a JSON array of reports is one execution with one item per report', async () => {
		const second = { ...report, message_id: 'sms_2', status: 'NOT_DELIVERED' };
		const result = await post(byHand, JSON.stringify([report, second]), 'application/json');
		expect(result.status).toBe(200);
		expect(result.items).toEqual([
			{ ...report, event: 'deliveryReport' },
			{ ...second, event: 'deliveryReport' },
		]);
	});

	test('JSON sent as text/plain is read', async () => {
		const result = await post(byHand, JSON.stringify(reply), 'text/plain');
		expect(result.status).toBe(200);
		expect(result.items).toEqual([{ ...reply, event: 'inboundSms' }]);
	});

	test('a multipart form is read', async () => {
		const form = new FormData();
		for (const [key, value] of Object.entries({ message_id: 'sms_9', number: '+33600000000', text: 'STOP', stop_date: '2026-11-24 11:13:00' })) form.append(key, value);
		const encoded = new Response(form);
		const result = await post(byHand, await encoded.text(), encoded.headers.get('content-type')!);
		expect(result.status).toBe(200);
		expect(result.items).toEqual([{ message_id: 'sms_9', number: '+33600000000', text: 'STOP', stop_date: '2026-11-24 11:13:00', event: 'stop' }]);
	});

	test('an empty body is refused (400) and starts nothing', async () => {
		const result = await post(byHand, '', 'application/json', 3_000);
		expect(result.status).toBe(400);
		expect(JSON.parse(result.body).message).toBe('The callback is empty: there is nothing to start the workflow with.');
		expect(result.run).toBeUndefined();
	});
});
