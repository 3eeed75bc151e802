/**
 * Retry On Fail in the real n8n (issue 19 item 1): n8n runs the Octopush node again with the same
 * execution id and run index, so its request_ids repeat. The send that went out on the first try comes
 * back as a duplicate: it is output as sent (marked already accepted), the run goes on, and every
 * person gets exactly one SMS.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OctopushSandbox } from '../../sandbox/octopush';
import type { Workflow } from '../../scripts/n8n/examples';
import { nodeItems } from '../../scripts/n8n/examples';
import { resetSandboxes, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

const SEND = '/v1/public/sms-campaign/send';
const PHONES = ['+33611111111', '+33622222222', '+33633333333'];

const workflow: Workflow = {
	id: 'e2eOctoRetryOnFa',
	name: 'e2e: Octopush Send with Retry On Fail',
	nodes: [
		{ id: 'e2e-retry-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} } as never,
		{
			id: 'e2e-retry-people',
			name: 'People',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode: `return ${JSON.stringify(PHONES)}.map((phone) => ({ json: { phone } }));` },
		} as never,
		{
			id: 'e2e-retry-send',
			name: 'Send',
			type: 'n8n-nodes-ocamba-octopush-yeti.octopush',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: { resource: 'sms', operation: 'send', phoneNumber: '={{ $json.phone }}', text: 'Your parcel arrives today', type: 'sms_premium' },
			credentials: { octopushApi: { id: 'octopushSandbo01', name: 'Octopush (sandbox)' } },
			// n8n's node settings: try twice, almost at once.
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 100,
		} as never,
	],
	connections: {
		Start: { main: [[{ node: 'People', type: 'main', index: 0 }]] },
		People: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
	},
	settings: {},
	active: false,
};

let session: Session;

beforeAll(async () => {
	session = await openE2ESession('octopush-retry');
	await session.n8n.importWorkflows([workflow]);
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

test('item 1 refused on the first try: n8n retries the node, item 0 is "already accepted", everyone gets one SMS', async () => {
	resetSandboxes(session.sandboxes);
	const octopush = session.sandboxes.octopush as OctopushSandbox;
	// The first send goes through; the second is refused once (no credit), which fails the first try.
	octopush.injectFault({ method: 'POST', path: SEND, delayMs: 1, times: 1 });
	octopush.injectFault({ method: 'POST', path: SEND, status: 400, times: 1, body: { code: 104, message: 'You have run out of credit.' } });
	const result = await session.n8n.execute(workflow.id);
	scanRun('octopush retry on fail', result.run, result.command.stdout + result.command.stderr);
	expect(result.error).toBeUndefined();
	const items = nodeItems(result.run, 'Send') as IDataObject[];
	expect(items).toHaveLength(3);
	const firstTicket = octopush.sentCampaigns()[0].sms_ticket;
	expect(items[0]).toMatchObject({ already_accepted: true, sms_ticket: firstTicket, phone_numbers: [PHONES[0]] });
	expect(items[1]).toMatchObject({ sms_ticket: expect.stringMatching(/^sms_/), phone_numbers: [PHONES[1]] });
	expect(items[1].already_accepted).toBeUndefined();
	expect(items[2]).toMatchObject({ sms_ticket: expect.stringMatching(/^sms_/), phone_numbers: [PHONES[2]] });
	// One SMS per person; the repeated request_id was refused by the sandbox, never sent again.
	expect(octopush.sentCampaigns().map((c) => c.recipients[0].phone_number)).toEqual(PHONES);
	const ids = octopush.requestsTo('POST', SEND).map((r) => (r.body as IDataObject).request_id);
	expect(ids).toHaveLength(5);
	expect(ids[2]).toBe(ids[0]);
	expect(ids[3]).toBe(ids[1]);
});
