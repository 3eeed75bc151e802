/**
 * Issue 19 (Octopush parts) and issue 14's duplicate request_id: nothing lost, nothing sent twice.
 * Each block names the item it guards; each test failed on the code before its fix.
 */
import type { IDataObject } from 'n8n-workflow';

import { DUPLICATE_READINGS, type DuplicateReading } from '../../sandbox/octopush';
import { useOctopush } from './helpers';

const t = useOctopush();
const SEND = '/v1/public/sms-campaign/send';
const phone = (i: number) => `+3361${String(i).padStart(7, '0')}`;
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ phone: phone(i), name: `Person ${i}` }));

const sendSms = (extra: IDataObject = {}) => ({
	resource: 'sms',
	operation: 'send',
	phoneNumber: '={{ $json.phone }}',
	text: 'Hello {first_name}, your order is ready',
	type: 'sms_premium',
	sender: 'MyShop',
	recipientFields: { firstName: '={{ $json.name }}' },
	...extra,
});
const sends = () => t.sandbox.requestsTo('POST', SEND);
const ids = () => sends().map((r) => (r.body as IDataObject).request_id);

describe('item 12: a 200 carrying an error body is an error, not a success', () => {
	test('{code: 104, message} with no ticket fails the item with Octopush\'s words', async () => {
		t.sandbox.injectFault({ method: 'POST', path: SEND, status: 200, body: { code: 104, message: 'You have run out of credit.' } });
		const error = await t.fail(sendSms(), people(1));
		expect(error.message).toBe('Octopush refused the send: You have run out of credit. (code 104)');
		expect(error.description).toMatch(/not sent/);
		// Octopush said no: nothing to retry.
		expect(sends()).toHaveLength(1);
	});

	test('with Continue On Fail it is that item\'s error; the next item is sent', async () => {
		t.sandbox.injectFault({ method: 'POST', path: SEND, status: 200, body: { code: 104, message: 'You have run out of credit.' } });
		const { items } = await t.run(sendSms(), people(2), { continueOnFail: true });
		expect(items[0].json).toMatchObject({ error: 'Octopush refused the send: You have run out of credit. (code 104)', details: { code: 104 } });
		expect(items[0].json.sms_ticket).toBeUndefined();
		expect(items[1].json.sms_ticket).toMatch(/^sms_/);
	});
});

describe('item 1: Retry On Fail re-runs the node with the same ids; a repeat of an accepted send is a success', () => {
	test('item 0 (sent on the first try) is output as sent, marked already accepted; the run goes on', async () => {
		// First try: item 0 goes out, item 1 is refused once (n8n's Retry On Fail then runs the node again).
		t.sandbox.injectFault({ method: 'POST', path: SEND, delayMs: 1, times: 1 });
		t.sandbox.injectFault({ method: 'POST', path: SEND, status: 400, body: { code: 104, message: 'You have run out of credit.' } });
		const first = await t.fail(sendSms(), people(3), { executionId: 'exec-retry' });
		expect(first.message).toMatch(/run out of credit/);
		const firstTicket = t.sandbox.sentCampaigns()[0].sms_ticket;
		// The retry: same execution, same run index, so the same request_ids.
		const { items } = await t.run(sendSms(), people(3), { executionId: 'exec-retry' });
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ already_accepted: true, sms_ticket: firstTicket, phone_numbers: [phone(0)] });
		expect(items[1].json).toMatchObject({ sms_ticket: expect.stringMatching(/^sms_/) });
		expect(items[1].json.already_accepted).toBeUndefined();
		expect(items[2].json.sms_ticket).toMatch(/^sms_/);
		// One SMS per person, never two.
		expect(t.sandbox.sentCampaigns().map((c) => c.recipients[0].phone_number)).toEqual([phone(0), phone(1), phone(2)]);
		expect(ids()[0]).toBe(ids()[2]);
	});
});

describe('duplicate request_id, each documented reading: never sent twice, never a false failure', () => {
	test.each(DUPLICATE_READINGS.map((reading) => [reading]))('%s: an answer lost after Octopush sent: success marked already accepted', async (reading: DuplicateReading) => {
		t.sandbox.duplicateReading = reading;
		t.sandbox.loseAnswers('POST', SEND);
		const { items } = await t.run(sendSms(), people(1));
		expect(ids()).toHaveLength(2);
		expect(ids()[1]).toBe(ids()[0]);
		expect(t.sandbox.sentCampaigns()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ already_accepted: true, request_id: ids()[0], phone_numbers: [phone(0)] });
	});

	test.each(DUPLICATE_READINGS.map((reading) => [reading]))('%s: a campaign batch whose answer was lost does not stop the next batches', async (reading: DuplicateReading) => {
		t.sandbox.duplicateReading = reading;
		// Batch 2 is carried out but its answer is lost; its retry meets the duplicate refusal.
		t.sandbox.loseAnswers('POST', SEND, 1, 1);
		const { items } = await t.run(sendSms({ sendMode: 'campaign' }), people(1200));
		expect(items).toHaveLength(1200);
		expect(items[500].json).toMatchObject({ batch: 2, already_accepted: true });
		expect(items[1199].json).toMatchObject({ batch: 3, sms_ticket: expect.any(String) });
		expect(t.sandbox.sentCampaigns()).toHaveLength(3);
	});
});

test('a refusal that names nothing, after an attempt whose answer was lost: possibly sent, never "not sent", never sent twice', async () => {
	t.sandbox.duplicateReading = 'unexplained';
	t.sandbox.loseAnswers('POST', SEND);
	const { items } = await t.run(sendSms(), people(1), { continueOnFail: true });
	expect(t.sandbox.sentCampaigns()).toHaveLength(1);
	expect(items[0].json).toMatchObject({ possibly_sent: true, error: expect.stringMatching(/may or may not have been sent/) });
});

describe('item 4: campaign-wide values may not differ between items', () => {
	test.each([
		['Send At', { options: { sendAt: '={{ $json.at }}' } }, (i: number) => ({ at: i === 0 ? '2030-05-01T09:00:00+02:00' : '2030-06-01T09:00:00+02:00' })],
		['Simulation Mode', { options: { simulationMode: '={{ $json.sim }}' } }, (i: number) => ({ sim: i === 1 })],
		['Purpose', { purpose: '={{ $json.purpose }}' }, (i: number) => ({ purpose: i === 0 ? 'alert' : 'wholesale' })],
		['With Replies', { options: { withReplies: '={{ $json.replies }}' } }, (i: number) => ({ replies: i === 1 })],
		['Sender', { sender: '={{ $json.sender }}' }, (i: number) => ({ sender: i === 0 ? 'ShopA' : 'ShopB' })],
	] as Array<[string, IDataObject, (i: number) => IDataObject]>)('%s differing between items is refused before any request', async (field, extra, perItem) => {
		const input = people(2).map((person, i) => ({ ...person, ...perItem(i) }));
		const error = await t.fail(sendSms({ sendMode: 'campaign', ...extra }), input);
		expect(error.message).toBe(`"${field}" differs from the first item's [item 1]`);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('Voice Gender differing between items is refused too', async () => {
		const input = people(2).map((person, i) => ({ ...person, gender: i === 0 ? 'female' : 'male' }));
		const error = await t.fail({ resource: 'voiceSms', operation: 'send', sendMode: 'campaign', phoneNumber: '={{ $json.phone }}', text: 'Hello', voiceGender: '={{ $json.gender }}' }, input);
		expect(error.message).toBe('"Voice Gender" differs from the first item\'s [item 1]');
	});

	test('the same value from an expression in every item is fine', async () => {
		const { items } = await t.run(sendSms({ sendMode: 'campaign', options: { simulationMode: '={{ $json.sim }}' } }), people(3).map((p) => ({ ...p, sim: true })));
		expect(items).toHaveLength(3);
		expect((t.sandbox.requests[0].body as IDataObject).simulation_mode).toBe(true);
	});
});

describe('item 5: a batch whose answer was unreadable is reported as possibly sent, never resent', () => {
	test.each([['malformed JSON', { malformed: true }], ['an HTML page', { html: true }], ['an empty 200', { status: 200, body: '' }]] as Array<[string, IDataObject]>)(
		'%s: Continue On Fail marks that batch "may or may not have been sent", the others go out once',
		async (_name, fault) => {
			t.sandbox.injectFault({ method: 'POST', path: SEND, delayMs: 1, times: 1 });
			t.sandbox.injectFault({ method: 'POST', path: SEND, ...fault, times: Infinity });
			// Only the second batch's answers are broken: the third batch answers normally again.
			const { items } = await t.run(sendSms({ sendMode: 'campaign', requestOptions: { maxRetries: 1 } }), people(1200).slice(0, 1000), { continueOnFail: true });
			expect(items).toHaveLength(1000);
			expect(items[0].json.sms_ticket).toEqual(expect.any(String));
			expect(items[500].json).toMatchObject({ batch: 2, possibly_sent: true, error: expect.stringMatching(/may or may not have been sent/) });
			expect(String(items[500].json.description)).not.toMatch(/try again/i);
			// The same request_id each time (a repeat is harmless), never a new one.
			expect(new Set(ids().slice(1))).toEqual(new Set([ids()[1]]));
		},
	);

	test('without Continue On Fail the run stops there and the error says what was sent, possibly sent and not sent', async () => {
		t.sandbox.injectFault({ method: 'POST', path: SEND, delayMs: 1, times: 1 });
		t.sandbox.injectFault({ method: 'POST', path: SEND, malformed: true, times: 2 });
		const error = await t.fail(sendSms({ sendMode: 'campaign', requestOptions: { maxRetries: 1 } }), people(1200));
		const ticket = t.sandbox.campaigns[0].sms_ticket;
		expect(error.message).toBe('Batch 2 of 3 may or may not have been sent: Octopush\'s answer could not be read');
		expect(error.description).toMatch(new RegExp(`^Batch 2 of 3 \\(items 500–999\\) may or may not have been sent\\. Already sent: batch 1 \\(ticket ${ticket}\\)\\. Batch 3 was not sent\\.`));
		expect(error.description).not.toMatch(/try again/i);
	});

	test('a send answered 503 on every attempt: "may or may not have been sent", the same request_id each time, never "try again"', async () => {
		t.sandbox.injectFault({ method: 'POST', path: SEND, status: 503, body: { code: 500, message: 'Service unavailable' }, times: Infinity });
		const error = await t.fail(sendSms({ requestOptions: { maxRetries: 2 } }), people(1));
		expect(error.message).toBe('This send may or may not have been sent: Octopush had a server error (503)');
		expect(error.description).toMatch(/Check Octopush's sending history before sending these recipients again/);
		expect(error.description).not.toMatch(/try again/i);
		expect(ids()).toHaveLength(3);
		expect(new Set(ids()).size).toBe(1);
	});
});

describe('item 11: SMS text counted as Octopush counts it', () => {
	test('€ counts two GSM-7 septets: 1,223 characters with one € are 1,224 septets, allowed; two € are too many', async () => {
		const ok = `${'a'.repeat(1222)}€`;
		await t.run(sendSms({ text: ok }), people(1));
		const tooLong = `${'a'.repeat(1221)}€€`;
		const error = await t.fail(sendSms({ text: tooLong }), people(1));
		expect(error.message).toBe('"Text" is too long: 1,225 GSM-7 characters (€ and ^{}[]~|\\ count two) [item 0]');
		expect(sends()).toHaveLength(1);
	});

	test('an emoji makes the text UCS-2, where it counts two units', async () => {
		const error = await t.fail(sendSms({ text: '😀'.repeat(613) }), people(1));
		expect(error.message).toBe('"Text" is too long: 1,226 UCS-2 units (accents outside GSM-7 count one, emoji two) [item 0]');
	});

	test('the output says how many SMS the text costs per recipient and in which encoding', async () => {
		const { items } = await t.run(sendSms({ text: 'x'.repeat(161), recipientFields: {} }), people(1));
		expect(items[0].json).toMatchObject({ encoding: 'GSM-7', sms_per_recipient: 2 });
		const unicode = await t.run(sendSms({ text: 'Привет', recipientFields: {} }), people(1), { executionId: 'exec-2' });
		expect(unicode.items[0].json).toMatchObject({ encoding: 'UCS-2', sms_per_recipient: 1 });
	});

	test('an unknown placeholder or one with no value is a warning in the output, or an error when asked', async () => {
		const { items } = await t.run(sendSms({ text: 'Hello {firstname}, code {param1}' }), people(1));
		expect(items[0].json.warnings).toEqual([
			'The text uses {firstname}, which Octopush does not know (it knows {first_name}, {last_name}, {param1}…{param5}): it would be sent as written.',
			'The text uses {param1}, but Recipient Fields give it no value.',
		]);
		const error = await t.fail(sendSms({ text: 'Hello {firstname}', options: { placeholderCheck: 'refuse' } }), people(1));
		expect(error.message).toBe('"Text" uses {firstname}, which Octopush does not know (it knows {first_name}, {last_name}, {param1}…{param5}): it would be sent as written [item 0]');
	});

	test('the same number twice in one send goes out once, and the output says one was removed', async () => {
		const { items } = await t.run(sendSms({ phoneNumber: '+33611111111, +33 6 11 11 11 11, +33622222222', recipientFields: {} }), [{}]);
		expect(((sends()[0].body as IDataObject).recipients as IDataObject[]).map((r) => r.phone_number)).toEqual(['+33611111111', '+33622222222']);
		expect(items[0].json).toMatchObject({ phone_numbers: ['+33611111111', '+33622222222'], duplicates_removed: 1 });
	});

	test('in a campaign, a number that already came in an earlier item is not sent again; its item says so', async () => {
		const input = [{ phone: phone(1), name: 'A' }, { phone: phone(2), name: 'B' }, { phone: phone(1), name: 'A again' }];
		const { items } = await t.run(sendSms({ sendMode: 'campaign' }), input);
		expect((sends()[0].body as IDataObject).recipients).toHaveLength(2);
		expect(items[2].json).toMatchObject({ phone_number: phone(1), duplicate_of_item: 0, sent: false, sms_ticket: items[0].json.sms_ticket });
		expect(items[0].json).toMatchObject({ duplicates_removed: 1 });
	});
});

describe('item 10: Send At', () => {
	// The harness's workflow has n8n's default time zone, America/New_York.
	const sentAt = () => (sends()[sends().length - 1].body as IDataObject).send_at;

	test('without an offset, the zone\'s offset at that local time: 05:00 on the day DST starts in New York is -04:00', async () => {
		// DST starts 2030-03-10 at 02:00 local (07:00 UTC); 05:00 local is EDT. The UTC instant "05:00Z" is still EST.
		await t.run(sendSms({ options: { sendAt: '2030-03-10T05:00:00' } }), people(1));
		expect(sentAt()).toBe('2030-03-10T05:00:00-04:00');
	});

	test('"2030-05-01 09:30" and a bare date become valid ISO 8601 with the zone\'s offset', async () => {
		await t.run(sendSms({ options: { sendAt: '2030-05-01 09:30' } }), people(1));
		expect(sentAt()).toBe('2030-05-01T09:30:00-04:00');
		await t.run(sendSms({ options: { sendAt: '2030-12-24' } }), people(1), { executionId: 'exec-2' });
		expect(sentAt()).toBe('2030-12-24T00:00:00-05:00');
	});

	test('a Luxon date from an expression keeps its instant; one with an offset is sent as given', async () => {
		await t.run(sendSms({ options: { sendAt: "={{ DateTime.fromISO('2030-07-01T10:00:00', { zone: 'Europe/Paris' }) }}" } }), people(1));
		expect(sentAt()).toBe('2030-07-01T10:00:00+02:00');
	});

	test('a Send At in the past is refused before any request; text that is not a date too', async () => {
		const past = await t.fail(sendSms({ options: { sendAt: '2020-01-01T09:00:00+01:00' } }), people(1));
		expect(past.message).toBe('"Send At" is in the past: 2020-01-01T09:00:00.000+01:00 [item 0]');
		const words = await t.fail(sendSms({ options: { sendAt: '1 May 2030' } }), people(1));
		expect(words.message).toBe('"Send At" is not a date in ISO 8601 form: "1 May 2030" [item 0]');
		expect(sends()).toHaveLength(0);
	});
});
