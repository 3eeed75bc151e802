/**
 * SMS and Voice SMS: exact send requests, the two modes, 500-recipient batches, request_id stability
 * across retries (nothing sent twice), Continue On Fail per batch, phone validation before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import { AUTH_HEADERS, useOctopush } from './helpers';

const t = useOctopush();
const REQUEST_ID = /^n8n-exec-1-[0-9a-z]+-r0-(i|b)\d+$/;

const phone = (i: number) => `+3361${String(i).padStart(7, '0')}`;
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ phone: phone(i), name: `Person ${i}` }));

const sendSms = (extra: IDataObject = {}) => ({
	resource: 'sms',
	operation: 'send',
	phoneNumber: '={{ $json.phone }}',
	text: 'Hello {first_name}, your order is ready',
	type: 'sms_premium',
	sender: 'MyShop',
	purpose: 'alert',
	recipientFields: { firstName: '={{ $json.name }}' },
	...extra,
});

describe('one message per item', () => {
	test('each item sends POST /sms-campaign/send with its own recipient and a request_id', async () => {
		const { items } = await t.run(sendSms({ options: { withReplies: true, simulationMode: false, sendAt: '2030-05-01T09:30:00+02:00' } }), [
			{ phone: '+33 6 12 34 56 78', name: 'Ada' },
			{ phone: '0033698765432', name: 'Bob' },
		]);
		const sends = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send');
		expect(sends).toHaveLength(2);
		expect(sends[0].headers).toMatchObject(AUTH_HEADERS);
		expect(sends[0].body).toEqual({
			text: 'Hello {first_name}, your order is ready',
			recipients: [{ phone_number: '+33612345678', first_name: 'Ada' }],
			type: 'sms_premium',
			sender: 'MyShop',
			purpose: 'alert',
			send_at: '2030-05-01T09:30:00+02:00',
			with_replies: true,
			simulation_mode: false,
			request_id: expect.stringMatching(REQUEST_ID),
		});
		expect((sends[1].body as IDataObject).recipients).toEqual([{ phone_number: '+33698765432', first_name: 'Bob' }]);
		const ids = sends.map((s) => (s.body as IDataObject).request_id);
		expect(ids[0]).toMatch(/-i0$/);
		expect(ids[1]).toMatch(/-i1$/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toEqual({
			sms_ticket: t.sandbox.campaigns[0].sms_ticket,
			number_of_contacts: 1,
			total_cost: 0.065,
			number_of_sms_needed: 1,
			residual_credit: 630.685,
			request_id: ids[0],
			phone_numbers: ['+33612345678'],
			encoding: 'GSM-7',
			sms_per_recipient: 1,
		});
	});

	test('several numbers in one item go to one message; optional fields left out are not sent', async () => {
		await t.run({ resource: 'sms', operation: 'send', phoneNumber: '+33611111111, +33622222222;+33633333333', text: 'Hi', type: 'sms_low_cost' });
		expect(t.sandbox.requests[0].body).toEqual({
			text: 'Hi',
			recipients: [{ phone_number: '+33611111111' }, { phone_number: '+33622222222' }, { phone_number: '+33633333333' }],
			type: 'sms_low_cost',
			// Version 1.1's default (see versions.test.ts for version 1).
			purpose: 'alert',
			request_id: expect.stringMatching(REQUEST_ID),
		});
	});

	test('a national or malformed number fails naming the item and the number, before any request', async () => {
		const error = await t.fail(sendSms(), [{ phone: '+33612345678' }, { phone: '+33612345679' }, { phone: '06 12 34 56 78' }]);
		expect(error.message).toBe('"Phone Number" is not an international phone number: "06 12 34 56 78" [item 2]');
		// The shared runner adds what happened to the other items (issue 19, item 2).
		expect(error.description).toBe('Expected a number in international format such as +33612345678. The node stopped at item 2 and started no item after it. Carried out: items 0–1 (2; their output is in this error\'s details, under "Error data"). To finish, run only item 2 again: running all items again would repeat the 2 carried out.');
		// Items 0 and 1 ran first (one at a time): the failing item stops the run, item 2 sent nothing.
		expect(t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send')).toHaveLength(2);
		t.sandbox.reset();
		const sender = await t.fail(sendSms({ sender: 'My Shop!' }), [{ phone: '+33612345678' }]);
		expect(sender.message).toBe('"Sender" must be 3 to 11 letters or digits, got "My Shop!" [item 0]');
		const long = await t.fail(sendSms({ text: 'x'.repeat(1225) }), [{ phone: '+33612345678' }]);
		expect(long.message).toBe('"Text" is too long: 1,225 GSM-7 characters (€ and ^{}[]~|\\ count two) [item 0]');
		const object = await t.fail(sendSms({ phoneNumber: '={{ $json.phone }}' }), [{ phone: { number: 1 } }]);
		expect(object.message).toMatch(/"Phone Number" must be text, got an object \[item 0\]/);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail: the failing item becomes an error item, the others are sent', async () => {
		const { items } = await t.run(sendSms(), [{ phone: '+33612345678' }, { phone: '12' }, { phone: '+33612345670' }], { continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(items[1].json).toEqual({ error: '"Phone Number" is not an international phone number: "12" [item 1]', description: 'Expected a number in international format such as +33612345678.' });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[2].json.sms_ticket).toMatch(/^sms_/);
		expect(t.sandbox.sentCampaigns()).toHaveLength(2);
	});
});

describe('request_id: a retried send can never go out twice', () => {
	test('a 503 on the first attempt is retried with the same request_id; one SMS is sent', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/public/sms-campaign/send', status: 503, body: { code: 500, message: 'Service unavailable' } });
		const { items } = await t.run(sendSms(), [{ phone: '+33612345678' }]);
		const sends = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send');
		expect(sends).toHaveLength(2);
		expect((sends[1].body as IDataObject).request_id).toBe((sends[0].body as IDataObject).request_id);
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
		expect(items[0].json.sms_ticket).toBe(t.sandbox.sentCampaigns()[0].sms_ticket);
	});

	test('a dropped connection before the answer is retried with the same request_id', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/public/sms-campaign/send', drop: true });
		await t.run(sendSms(), [{ phone: '+33612345678' }]);
		const sends = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send');
		expect(sends).toHaveLength(2);
		expect((sends[1].body as IDataObject).request_id).toBe((sends[0].body as IDataObject).request_id);
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
	});

	test('an answer lost after Octopush sent: the retry is refused as a repeat, the SMS went out once, the output says so', async () => {
		t.sandbox.loseAnswers('POST', '/v1/public/sms-campaign/send');
		const { items } = await t.run(sendSms(), [{ phone: '+33612345678' }]);
		const sends = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send');
		expect(sends).toHaveLength(2);
		expect((sends[1].body as IDataObject).request_id).toBe((sends[0].body as IDataObject).request_id);
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ already_accepted: true, request_id: (sends[0].body as IDataObject).request_id });
	});

	test('the same execution re-running the node reuses its ids (refused, output as already accepted); another execution gets new ones', async () => {
		const first = await t.run(sendSms(), [{ phone: '+33612345678' }], { executionId: 'exec-77' });
		const again = await t.run(sendSms(), [{ phone: '+33612345678' }], { executionId: 'exec-77', continueOnFail: true });
		expect(again.items[0].json).toMatchObject({ already_accepted: true, sms_ticket: first.items[0].json.sms_ticket });
		await t.run(sendSms(), [{ phone: '+33612345678' }], { executionId: 'exec-78' });
		const ids = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send').map((r) => (r.body as IDataObject).request_id);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[2]).not.toBe(ids[0]);
		expect(ids[2]).toMatch(/^n8n-exec-78-/);
		expect(t.sandbox.sentCampaigns()).toHaveLength(2);
	});

	test('another node (or workflow, or n8n instance) with the same execution id gets other ids', async () => {
		const { runNode } = await import('../harness/run-node');
		const { Octopush } = await import('../../nodes/Octopush/Octopush.node');
		for (const nodeName of ['Send A', 'Send B']) {
			await runNode({ nodeType: new Octopush(), parameters: sendSms() as never, items: [{ phone: '+33612345678' }], credentials: t.credentials, executionId: 'exec-5', nodeName });
		}
		const ids = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send').map((r) => (r.body as IDataObject).request_id);
		expect(ids[0]).not.toBe(ids[1]);
		expect(t.sandbox.sentCampaigns()).toHaveLength(2);
	});
});

describe('one campaign for all items', () => {
	test('1,201 items → 3 requests of 500/500/201; each item says which ticket it went out under', async () => {
		const input = people(1201);
		const { items } = await t.run(sendSms({ sendMode: 'campaign' }), input);
		const sends = t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send');
		expect(sends.map((s) => ((s.body as IDataObject).recipients as unknown[]).length)).toEqual([500, 500, 201]);
		expect(sends.map((s) => (s.body as IDataObject).request_id)).toEqual([expect.stringMatching(/-b0$/), expect.stringMatching(/-b1$/), expect.stringMatching(/-b2$/)]);
		expect((sends[2].body as IDataObject).recipients).toContainEqual({ phone_number: phone(1200), first_name: 'Person 1200' });
		expect(sends[0].body).toMatchObject({ text: 'Hello {first_name}, your order is ready', type: 'sms_premium', sender: 'MyShop', purpose: 'alert' });
		expect(items).toHaveLength(1201);
		const tickets = t.sandbox.campaigns.map((c) => c.sms_ticket);
		expect(items[0].json).toMatchObject({ phone_number: phone(0), sms_ticket: tickets[0], batch: 1, batch_count: 3, number_of_contacts: 500 });
		expect(items[499].json.sms_ticket).toBe(tickets[0]);
		expect(items[500].json).toMatchObject({ phone_number: phone(500), sms_ticket: tickets[1], batch: 2 });
		expect(items[1200].json).toMatchObject({ phone_number: phone(1200), sms_ticket: tickets[2], batch: 3, number_of_contacts: 201 });
		expect(items.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
	});

	test('one bad number anywhere fails before any request; with Continue On Fail it alone is an error', async () => {
		const input: IDataObject[] = people(5);
		input[3] = { phone: '+1', name: 'Bad' };
		const error = await t.fail(sendSms({ sendMode: 'campaign' }), input);
		expect(error.message).toBe('"Phone Number" is not an international phone number: "+1" [item 3]');
		expect(t.sandbox.requests).toHaveLength(0);
		const { items } = await t.run(sendSms({ sendMode: 'campaign' }), input, { continueOnFail: true });
		expect(items).toHaveLength(5);
		expect(items[3].json.error).toMatch(/\[item 3\]/);
		expect(items[4].json).toMatchObject({ phone_number: phone(4), batch: 1 });
		expect((t.sandbox.requests[0].body as IDataObject).recipients).toHaveLength(4);
	});

	test('recipient values: plain $json fields, richer expressions and fixed values all resolve as n8n does', async () => {
		await t.run(
			sendSms({ sendMode: 'campaign', phoneNumber: '={{ $json["tel"] }}', recipientFields: { firstName: '={{ $json.name.toUpperCase() }}', lastName: 'Fixed', param1: '={{ $json.missing }}', param2: '={{ $json.code }}' } }),
			[{ tel: '+33611111111', name: 'ada', code: 42 }, { tel: '+33622222222', name: 'bob', code: 7 }],
		);
		expect((t.sandbox.requests[0].body as IDataObject).recipients).toEqual([
			{ phone_number: '+33611111111', first_name: 'ADA', last_name: 'Fixed', param2: '42' },
			{ phone_number: '+33622222222', first_name: 'BOB', last_name: 'Fixed', param2: '7' },
		]);
		const error = await t.fail(sendSms({ sendMode: 'campaign' }), [{ phone: 33611111111 }]);
		expect(error.message).toBe('"Phone Number" is not an international phone number: "33611111111" [item 0]');
	});

	test('a text that differs between items is refused (it would silently go out with the first one)', async () => {
		const error = await t.fail(sendSms({ sendMode: 'campaign', text: '=Hello {{ $json.name }}' }), people(2));
		expect(error.message).toBe('"Text" differs from the first item\'s [item 1]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail: a failed batch reports exactly its items, the other batch is still sent and output', async () => {
		// 14 € buys batch 2 (200 × 0.065 = 13 €) but not batch 1 (500 × 0.065 = 32.5 €).
		const account = t.sandbox.accounts.values().next().value!;
		account.packs = [{ wallet_pack_id: 'wp-1', credit: 14, expiration_date: '2027-01-01' }];
		const { items } = await t.run(sendSms({ sendMode: 'campaign' }), people(700), { continueOnFail: true });
		expect(items).toHaveLength(700);
		expect(items.slice(0, 500).every((i) => i.json.error === 'Octopush rejected the request (400): You have run out of credit. (code 104)')).toBe(true);
		expect(items[0].json).toMatchObject({ phone_number: phone(0), batch: 1, batch_count: 2, details: { code: 104 } });
		expect(items.slice(500).every((i) => typeof i.json.sms_ticket === 'string' && i.json.error === undefined)).toBe(true);
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
	});

	test('without Continue On Fail a failed batch stops the run and says which batches were already sent', async () => {
		const account = t.sandbox.accounts.values().next().value!;
		account.packs = [{ wallet_pack_id: 'wp-1', credit: 40, expiration_date: '2027-01-01' }];
		const error = await t.fail(sendSms({ sendMode: 'campaign' }), people(1100));
		const ticket = t.sandbox.campaigns[0].sms_ticket;
		expect(error.message).toBe('Octopush rejected the request (400): You have run out of credit. (code 104)');
		// Then the shared layer's advice for a 400.
		expect(error.description!.startsWith(`Batch 2 of 3 (items 500–999) failed. Already sent: batch 1 (ticket ${ticket}). Batch 3 was not sent. `)).toBe(true);
		expect(t.sandbox.requestsTo('POST', '/v1/public/sms-campaign/send')).toHaveLength(2);
	});
});

test('SMS Cancel sends DELETE /sms-campaign/cancel with a JSON body and outputs the cancelled ticket', async () => {
	const sendAt = new Date(Date.now() + 3600_000).toISOString();
	const { items: sent } = await t.run(sendSms({ options: { sendAt } }), [{ phone: '+33612345678' }]);
	const ticket = sent[0].json.sms_ticket as string;
	expect((t.sandbox.requests[0].body as IDataObject).send_at).toBe(sendAt);
	t.sandbox.clearRequests();
	const { items } = await t.run({ resource: 'sms', operation: 'cancel', ticketNumber: ticket });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'DELETE', path: '/v1/public/sms-campaign/cancel', headers: AUTH_HEADERS, body: { ticket_number: ticket } });
	expect(items[0].json).toEqual({ ticket_number: ticket, cancelled: true });
	const late = await t.fail({ resource: 'sms', operation: 'cancel', ticketNumber: ticket });
	expect(late.message).toMatch(/^Octopush: not found \(404\)/);
});

test('Voice Message Cancel sends DELETE /voice-campaign/cancel; Octopush\'s 10-minute rule reaches the user in its words', async () => {
	const voice = { resource: 'voiceSms', operation: 'send', phoneNumber: '+33612345678', text: 'Your appointment is tomorrow', purpose: 'alert' };
	const { items: sent } = await t.run({ ...voice, options: { sendAt: new Date(Date.now() + 3600_000).toISOString() } });
	const ticket = sent[0].json.sms_ticket as string;
	expect(ticket).toMatch(/^vocal_/);
	const { items } = await t.run({ resource: 'voiceSms', operation: 'cancel', ticketNumber: ticket });
	expect(t.sandbox.requests[1]).toMatchObject({ method: 'DELETE', path: '/v1/public/voice-campaign/cancel', headers: AUTH_HEADERS, body: { ticket_number: ticket } });
	expect(items[0].json).toEqual({ ticket_number: ticket, cancelled: true });
	const { items: soon } = await t.run(voice, [{}], { executionId: 'exec-2' });
	const tooLate = await t.fail({ resource: 'voiceSms', operation: 'cancel', ticketNumber: soon[0].json.sms_ticket });
	expect(tooLate.message).toBe('Octopush rejected the request (400): A campaign can only be cancelled more than 10 minutes before its send time. (code 100)');
});

test('Send At without an offset is read in the workflow time zone and sent with one', async () => {
	await t.run(sendSms({ options: { sendAt: '2030-07-01T10:00:00' } }), [{ phone: '+33612345678' }]);
	expect((t.sandbox.requests[0].body as IDataObject).send_at).toMatch(/^2030-07-01T10:00:00[+-]\d{2}:\d{2}$/);
	const error = await t.fail(sendSms({ options: { sendAt: 'next tuesday' } }), [{ phone: '+33612345678' }]);
	expect(error.message).toBe('"Send At" is not a date in ISO 8601 form: "next tuesday" [item 0]');
});

test('Voice SMS Send: POST /voice-campaign/send with the SMS fields plus voice gender and language', async () => {
	const { items } = await t.run(
		{
			resource: 'voiceSms',
			operation: 'send',
			phoneNumber: '+33612345678',
			text: 'Your code is 1 2 3 4',
			voiceGender: 'male',
			voiceLanguage: 'en-GB',
			purpose: 'alert',
			options: { simulationMode: true },
		},
		[{}],
	);
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/public/voice-campaign/send', headers: AUTH_HEADERS });
	expect(t.sandbox.requests[0].body).toEqual({
		text: 'Your code is 1 2 3 4',
		recipients: [{ phone_number: '+33612345678' }],
		purpose: 'alert',
		simulation_mode: true,
		voice_gender: 'male',
		voice_language: 'en-GB',
		request_id: expect.stringMatching(REQUEST_ID),
	});
	expect(items[0].json.sms_ticket).toMatch(/^vocal_/);
	const error = await t.fail({ resource: 'voiceSms', operation: 'send', phoneNumber: '+33612345678', text: 'x', voiceLanguage: 'english' });
	expect(error.message).toBe('"Voice Language" must look like fr-FR, en-US or arb, got "english" [item 0]');
	// Language-only codes such as arb (Arabic) are Octopush voices too.
	await t.run({ resource: 'voiceSms', operation: 'send', phoneNumber: '+33612345678', text: 'مرحبا', voiceLanguage: 'arb' }, [{}], { executionId: 'exec-arb' });
	expect((t.sandbox.requests[t.sandbox.requests.length - 1].body as IDataObject).voice_language).toBe('arb');
	expect(t.sandbox.sentCampaigns()[t.sandbox.sentCampaigns().length - 1].kind).toBe('voice');
});

test('a male voice for a language Octopush reads only with a female one (sv-SE, arb…) is refused before any request', async () => {
	const swedish = await t.fail({ resource: 'voiceSms', operation: 'send', phoneNumber: '+46701234567', text: 'Hej', voiceGender: 'male', voiceLanguage: 'sv-SE' });
	expect(swedish.message).toBe('"Voice Gender" is Male, but Octopush has only a female voice for sv-SE [item 0]');
	const arabic = await t.fail({ resource: 'voiceCampaign', operation: 'create', listName: 'clients', text: 'مرحبا', voiceGender: 'male', voiceLanguage: 'arb' });
	expect(arabic.message).toBe('"Voice Gender" is Male, but Octopush has only a female voice for arb [item 0]');
	expect(t.sandbox.requests).toHaveLength(0);
	// Female, or a language with both voices, goes out as before.
	await t.run({ resource: 'voiceSms', operation: 'send', phoneNumber: '+46701234567', text: 'Hej', voiceGender: 'female', voiceLanguage: 'sv-SE' }, [{}]);
	await t.run({ resource: 'voiceSms', operation: 'send', phoneNumber: '+46701234567', text: 'Hi', voiceGender: 'male', voiceLanguage: 'en-GB' }, [{}], { executionId: 'exec-en' });
	expect(t.sandbox.sentCampaigns()).toHaveLength(2);
});

test('Auto Remove Blacklisted Numbers says what it costs on voice messages (€0.01 per request), not on SMS', () => {
	const { Octopush } = jest.requireActual('../../nodes/Octopush/Octopush.node') as typeof import('../../nodes/Octopush/Octopush.node');
	const optionsOf = (resource: string) =>
		new Octopush().description.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.resource?.[0] === resource && p.displayOptions?.show?.operation?.[0] === 'send')!;
	const removeOption = (resource: string) => (optionsOf(resource).options as Array<{ name: string; description?: string }>).find((o) => o.name === 'autoRemoveBlacklistedNumbers')!;
	expect(removeOption('voiceSms').description).toMatch(/€0\.01 per request/);
	expect(removeOption('sms').description).not.toMatch(/€/);
});
