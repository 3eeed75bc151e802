/**
 * Campaigns on a contact list or a tag (issue 14): create, wait until Octopush has prepared the
 * ticket, confirm; Get Status, Confirm Send, Cancel; every documented reading of the status page.
 */
import type { IDataObject } from 'n8n-workflow';

import { AUTH_HEADERS, useOctopush } from './helpers';

const t = useOctopush();
const CREATE = '/v1/public/sms-campaign-on-list/create';

async function listWith(name: string, numbers: string[], tag?: string) {
	await t.run({ resource: 'contactList', operation: 'create', listName: name });
	for (const number of numbers) await t.run({ resource: 'contact', operation: 'create', phoneNumber: number, listName: name, ...(tag ? { tagName: tag } : {}) });
	t.sandbox.clearRequests();
}

const campaign = (extra: IDataObject = {}) => ({
	resource: 'smsCampaign',
	operation: 'create',
	listName: 'Customers',
	text: 'Hello {first_name}, the spring sale starts today',
	type: 'sms_premium',
	sender: 'MyShop',
	purpose: 'wholesale',
	options: { checkEvery: 1 },
	...extra,
});
const paths = () => t.sandbox.requests.map((r) => `${r.method} ${r.path}`);

describe('Create, then Wait Until Ready, Then Send (the default)', () => {
	test('creates on the list, checks the status until ready, confirms: one campaign to the list\'s contacts', async () => {
		await listWith('Customers', ['+33611111111', '+33622222222', '+33633333333']);
		t.sandbox.listCampaigns.readyAfterMs = 1200;
		const { items } = await t.run(campaign());
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: CREATE, headers: AUTH_HEADERS });
		expect(t.sandbox.requests[0].body).toEqual({
			text: 'Hello {first_name}, the spring sale starts today',
			type: 'sms_premium',
			sender: 'MyShop',
			purpose: 'wholesale',
			list_name: 'Customers',
			request_id: expect.stringMatching(/^n8n-exec-1-[0-9a-z]+-r0-i0$/),
		});
		const ticket = t.sandbox.listCampaigns.tickets.keys().next().value!;
		// Under computation at first, then ready: the node waited between checks, never confirmed early.
		expect(paths()[0]).toBe(`POST ${CREATE}`);
		expect(paths().filter((p) => p === 'GET /v1/public/sms-campaign-on-list/status').length).toBeGreaterThanOrEqual(2);
		expect(paths()[paths().length - 1]).toBe('POST /v1/public/sms-campaign-on-list/send');
		expect(t.sandbox.requests.filter((r) => r.path.endsWith('/status')).every((r) => r.query.ticket_number === ticket)).toBe(true);
		expect(t.sandbox.requests[t.sandbox.requests.length - 1].body).toEqual({ ticket_number: ticket });
		expect(items[0].json).toEqual({
			ticket_number: ticket,
			list_name: 'Customers',
			request_id: expect.any(String),
			number_of_contacts: 3,
			cost: 0.195,
			waited_seconds: expect.any(Number),
			sending_date: expect.any(String),
			confirmed: true,
		});
		expect(t.sandbox.sentCampaigns().map((c) => c.recipients.map((r) => r.phone_number))).toEqual([['+33611111111', '+33622222222', '+33633333333']]);
	});

	test.each([
		['the status page answers 400 while computing', (s: typeof t.sandbox) => (s.listCampaigns.statusWhileComputing = 'bad-request')],
		['the status is spelled "ready_to_be_send" as in the page\'s example', (s: typeof t.sandbox) => (s.listCampaigns.readySpelling = 'ready_to_be_send')],
		['the ticket comes back as sms_ticket', (s: typeof t.sandbox) => (s.listCampaigns.ticketKey = 'sms_ticket')],
	])('each documented reading works: %s', async (_reading, play) => {
		await listWith('Customers', ['+33611111111']);
		t.sandbox.listCampaigns.readyAfterMs = 1100;
		play(t.sandbox);
		const { items } = await t.run(campaign());
		expect(items[0].json).toMatchObject({ confirmed: true, number_of_contacts: 1 });
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
	});

	test('a tag and a voice campaign use their own addresses', async () => {
		await listWith('Any', ['+33611111111', '+33622222222'], 'vip');
		t.sandbox.listCampaigns.readyAfterMs = 0;
		const { items } = await t.run({ resource: 'voiceCampaign', operation: 'create', audience: 'tag', tagName: 'vip', text: 'Bonjour', voiceGender: 'female', voiceLanguage: 'fr-FR', options: { checkEvery: 1 } });
		expect(paths()).toEqual(['POST /v1/public/voice-campaign-on-tag/create', 'GET /v1/public/voice-campaign-on-list/status', 'POST /v1/public/voice-campaign-on-tag/send']);
		expect(t.sandbox.requests[0].body).toMatchObject({ tag_name: 'vip', voice_gender: 'female', voice_language: 'fr-FR', purpose: 'alert' });
		expect(items[0].json).toMatchObject({ tag_name: 'vip', confirmed: true, number_of_contacts: 2, estimated_duration: expect.any(Number) });
	});

	test('not ready within Max Wait: an error naming the ticket; nothing is sent', async () => {
		await listWith('Customers', ['+33611111111']);
		t.sandbox.listCampaigns.readyAfterMs = 60_000;
		const error = await t.fail(campaign({ options: { checkEvery: 1, maxWait: 2 } }));
		const ticket = t.sandbox.listCampaigns.tickets.keys().next().value!;
		expect(error.message).toBe(`The campaign was not ready within the Max Wait of 2 s (ticket ${ticket})`);
		expect(error.description).toMatch(/Nothing was sent yet.*Confirm Send.*Cancel/);
		expect(paths()).not.toContain('POST /v1/public/sms-campaign-on-list/send');
		expect(t.sandbox.sentCampaigns()).toHaveLength(0);
	});

	test('a tag without contacts: Octopush fails the campaign; the error says nothing was sent', async () => {
		t.sandbox.listCampaigns.readyAfterMs = 0;
		const error = await t.fail(campaign({ audience: 'tag', tagName: 'nobody' }));
		expect(error.message).toMatch(/^Octopush could not prepare the campaign \(status failed\), ticket sms_/);
		expect(error.description).toMatch(/^Nothing was sent/);
	});

	test('Retry On Fail after the confirmation (same execution): the campaign is not created or confirmed again', async () => {
		await listWith('Customers', ['+33611111111']);
		t.sandbox.listCampaigns.readyAfterMs = 0;
		const first = await t.run(campaign(), [{}], { executionId: 'exec-retry' });
		const again = await t.run(campaign(), [{}], { executionId: 'exec-retry' });
		expect(again.items[0].json).toMatchObject({ ticket_number: first.items[0].json.ticket_number, already_accepted: true, already_confirmed: true, confirmed: true });
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
		expect(t.sandbox.listCampaigns.tickets.size).toBe(1);
	});

	test('names are checked before any request: list ≤ 30, tag ≤ 20 characters', async () => {
		expect((await t.fail(campaign({ listName: 'l'.repeat(31) }))).message).toBe('"List Name" is too long (31 characters) [item 0]');
		expect((await t.fail(campaign({ audience: 'tag', tagName: 't'.repeat(21) }))).message).toBe('"Tag Name" is too long (21 characters) [item 0]');
		expect((await t.fail(campaign({ listName: '' }))).message).toBe('"List Name" is empty [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});
});

describe('Only Create, then Get Status, Confirm Send and Cancel', () => {
	test('create outputs the ticket; Get Status says when it is ready; Confirm Send sends it', async () => {
		await listWith('Customers', ['+33611111111', '+33622222222']);
		t.sandbox.listCampaigns.readyAfterMs = 60_000;
		const { items } = await t.run(campaign({ then: 'create' }));
		const ticket = items[0].json.ticket_number as string;
		expect(items[0].json).toEqual({ ticket_number: ticket, list_name: 'Customers', request_id: expect.any(String) });
		expect(paths()).toEqual([`POST ${CREATE}`]);
		const computing = await t.run({ resource: 'smsCampaign', operation: 'getStatus', ticketNumber: ticket });
		expect(computing.items[0].json).toEqual({ ticket_number: ticket, number_of_contacts: 0, cost: 0, status: 'under_computation', ready: false });
		const early = await t.fail({ resource: 'smsCampaign', operation: 'send', ticketNumber: ticket });
		expect(early.message).toBe('Octopush rejected the request (400): The campaign is not ready to be sent yet. (code 100)');
		t.sandbox.listCampaigns.readyAfterMs = 0;
		const ready = await t.run({ resource: 'smsCampaign', operation: 'getStatus', ticketNumber: ticket });
		expect(ready.items[0].json).toEqual({ ticket_number: ticket, number_of_contacts: 2, cost: 0.13, status: 'ready_to_be_sent', ready: true });
		const sent = await t.run({ resource: 'smsCampaign', operation: 'send', ticketNumber: ticket });
		expect(t.sandbox.requests[t.sandbox.requests.length - 1]).toMatchObject({ method: 'POST', path: '/v1/public/sms-campaign-on-list/send', body: { ticket_number: ticket } });
		expect(sent.items[0].json).toEqual({ ticket_number: ticket, confirmed: true, sending_date: expect.any(String) });
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
	});

	test('Get Status under the "400 while not ready" reading is not ready, not an error', async () => {
		await listWith('Customers', ['+33611111111']);
		t.sandbox.listCampaigns.readyAfterMs = 60_000;
		t.sandbox.listCampaigns.statusWhileComputing = 'bad-request';
		const { items } = await t.run(campaign({ then: 'create' }));
		const status = await t.run({ resource: 'smsCampaign', operation: 'getStatus', ticketNumber: items[0].json.ticket_number });
		expect(status.items[0].json).toMatchObject({ status: 'under_computation', ready: false, octopush_message: 'The campaign is not ready yet.' });
	});

	test('Cancel: DELETE …-on-list/cancel with the ticket, for a tag campaign too', async () => {
		await listWith('Any', ['+33611111111'], 'vip');
		const { items } = await t.run(campaign({ then: 'create', audience: 'tag', tagName: 'vip' }));
		const ticket = items[0].json.ticket_number as string;
		const cancelled = await t.run({ resource: 'smsCampaign', operation: 'cancel', ticketNumber: ticket });
		expect(t.sandbox.requests[t.sandbox.requests.length - 1]).toMatchObject({ method: 'DELETE', path: '/v1/public/sms-campaign-on-list/cancel', body: { ticket_number: ticket } });
		expect(cancelled.items[0].json).toEqual({ ticket_number: ticket, cancelled: true });
		const gone = await t.fail({ resource: 'smsCampaign', operation: 'getStatus', ticketNumber: ticket });
		expect(gone.message).toMatch(/^Octopush: not found \(404\)/);
	});
});
