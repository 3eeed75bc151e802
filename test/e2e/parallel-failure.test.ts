/**
 * Issue 19, item 2 in a real n8n: an Octopush "one message per item" send of 20 items, 8 in parallel,
 * one refused by Octopush. The node starts nothing after the refusal, and n8n's stored error (what the
 * editor shows, and what an error workflow reads) names the refused item, lists exactly the items
 * Octopush carried out with their tickets, and the items not started. Re-running only the items the
 * error lists as not carried out then gives every recipient exactly one SMS: no guessing, no duplicate.
 */
import { SANDBOX_CREDENTIALS } from '../../scripts/n8n/config';
import type { Workflow } from '../../scripts/n8n/examples';
import { resetSandboxes, type Session } from '../../scripts/n8n/session';
import type { OctopushSandbox } from '../../sandbox/octopush';
import { itemList } from '../../nodes/shared/execute';
import { E2E_TIMEOUT, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

const SEND_PATH = '/v1/public/sms-campaign/send';
const phones = Array.from({ length: 20 }, (_, i) => `+336100000${String(i).padStart(2, '0')}`);

/** Manual Trigger → Code (one item per phone) → Octopush SMS Send, one message per item, 8 in parallel. */
function sendWorkflow(id: string, recipients: string[]): Workflow {
	return {
		id,
		name: `e2e: parallel send ${id}`,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-code`,
				name: 'Recipients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(recipients)}.map((phone) => ({ json: { phone } }));` },
			},
			{
				id: `${id}-send`,
				name: 'Send SMS',
				type: 'n8n-nodes-ocamba-octopush-yeti.octopush',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'sms',
					operation: 'send',
					sendMode: 'perItem',
					phoneNumber: '={{ $json.phone }}',
					text: 'Your order has shipped',
					type: 'sms_premium',
					requestOptions: { concurrency: 8 },
				},
				credentials: { octopushApi: SANDBOX_CREDENTIALS.octopushApi },
			},
		] as never,
		connections: {
			Start: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
			Recipients: { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
		},
		settings: {},
		active: false,
	};
}

let session: Session;

beforeAll(async () => {
	session = await openE2ESession('parallel-failure');
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

interface StoppedRun {
	stoppedAt: number;
	carriedOut: number[];
	failed: number[];
	notStarted: number[];
	output: Array<{ item: number; json: { sms_ticket?: string } }>;
}

test('8 in parallel, one item refused: the error lists what was carried out; re-running the rest sends each SMS exactly once', async () => {
	const octopush = session.sandboxes.octopush as OctopushSandbox;
	resetSandboxes(session.sandboxes);
	const first = sendWorkflow('e2eParallelFail1', phones);
	await session.n8n.importWorkflows([first]);
	// Item 0 goes alone; the next request (one of items 1–8) is refused as Octopush refuses a number;
	// the others are answered slowly, so several are in flight when the refusal arrives.
	octopush.injectFault({ method: 'POST', path: SEND_PATH, delayMs: 1, times: 1 });
	octopush.injectFault({ method: 'POST', path: SEND_PATH, status: 400, times: 1, body: { code: 117, message: 'Invalid recipient phone number.', field: 'recipients' } });
	octopush.injectFault({ method: 'POST', path: SEND_PATH, delayMs: 400, times: Infinity });

	const result = await session.n8n.execute(first.id);
	scanRun('parallel failure', result.run, result.command.stdout + result.command.stderr);
	expect(result.ok).toBe(false);

	const requested = octopush.requestsTo('POST', SEND_PATH).map((request) => phones.indexOf(String((request.body as { recipients: Array<{ phone_number: string }> }).recipients[0].phone_number)));
	const refused = requested[1];
	const sent = octopush.sentCampaigns();
	const carriedOut = sent.map((campaign) => phones.indexOf(String(campaign.recipients[0].phone_number))).sort((a, b) => a - b);
	const notStarted = phones.map((_, index) => index).filter((index) => !requested.includes(index));
	expect(carriedOut.length).toBeGreaterThan(1);
	expect(notStarted.length).toBeGreaterThan(0);

	// What n8n stored for the run (the editor's error panel and error workflows read this).
	const error = result.run?.data.resultData.error as { message?: string; description?: string; node?: { name?: string }; context?: { itemIndex?: number; data?: StoppedRun } } | undefined;
	expect(error?.node?.name).toBe('Send SMS');
	expect(error?.message).toMatch(/Invalid recipient phone number/);
	expect(error?.context?.itemIndex).toBe(refused);
	expect(error?.description).toContain(`The node stopped at item ${refused} and started no item after it.`);
	expect(error?.description).toContain(`Carried out: ${itemList(carriedOut)} (${carriedOut.length};`);
	expect(error?.description).toContain(`Not started: ${itemList(notStarted)}.`);
	const data = error!.context!.data!;
	expect(data).toMatchObject({ stoppedAt: refused, carriedOut, failed: [refused], notStarted });
	// Each carried-out item's output, with the ticket Octopush gave it.
	const tickets = new Map(sent.map((campaign) => [phones.indexOf(String(campaign.recipients[0].phone_number)), campaign.sms_ticket]));
	expect(data.output.map((entry) => [entry.item, entry.json.sms_ticket])).toEqual(carriedOut.map((item) => [item, tickets.get(item)]));

	// The re-run the error asks for: only the items not carried out.
	const rest = [...data.failed, ...data.notStarted].sort((a, b) => a - b).map((index) => phones[index]);
	const sentFirst = sent.map((campaign) => String(campaign.recipients[0].phone_number));
	resetSandboxes(session.sandboxes);
	const second = sendWorkflow('e2eParallelFail2', rest);
	await session.n8n.importWorkflows([second]);
	const rerun = await session.n8n.execute(second.id);
	scanRun('parallel failure re-run', rerun.run, rerun.command.stdout + rerun.command.stderr);
	expect(rerun.error).toBeUndefined();
	const sentSecond = octopush.sentCampaigns().map((campaign) => String(campaign.recipients[0].phone_number));
	expect([...sentFirst, ...sentSecond].sort()).toEqual([...phones].sort());
});
