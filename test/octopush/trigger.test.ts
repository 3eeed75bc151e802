/**
 * The Octopush Trigger's webhook() inside n8n-core's WebhookContext, fed by real HTTP POSTs shaped like
 * Octopush's callbacks (dev.octopush.com callbacks/, inbounds/, acknowledge-receipt/, opt-out-management/;
 * octopush-api.readme.io get_callbacks-statuses), and by what proxies make of them (issue 19, item 13).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { classifyCallback, OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
import { SUBTITLE } from '../../nodes/Octopush/trigger/description';
import { runWebhook } from '../harness/webhook';

const deliveryReport = {
	channel: 'sms',
	message_id: 'sms_61a4f2',
	number: '+33611111111',
	status: 'DELIVERED',
	delivery_date: '2026-11-24 08:15:02',
	meta_data: '',
	unit_price: 0.065,
};
const inbound = { message_id: 'mo_77', number: '+33622222222', text: 'YES please', sim_card_number: '+33700000000', reception_date: '2026-11-24 08:16:00' };
const reply = { message_id: 'sms_61a4f2', number: '+33622222222', text: 'Yes', answer_date: '2026-11-24 08:16:30' };
const stop = { message_id: 'mo_78', number: '+33633333333', text: 'STOP', stop_date: '2026-11-24 08:17:00' };
const emailReport = {
	channel: 'email',
	message_id: 'email_0000000000000000000000',
	list_name: 'List Name',
	meta_data: { template_name: 'Template Name' },
	deliveries: [
		{ email: 'a@example.com', status: 'OPENED', unit_price: 0.5, delivery_date: '2025-01-22 12:24:30', status_history: [{ status: 'DELIVERED', delivery_date: '2025-01-22 12:23:30' }] },
		{ email: 'b@example.com', status: 'SPAM_PRESUMPTION', unit_price: 0.5, delivery_date: '2025-01-22 12:19:30', status_history: [] },
	],
};

const ALL = ['deliveryReport', 'inboundSms', 'stop', 'other'];
const run = (body: unknown, events: string[] = ALL, contentType?: string, query?: Record<string, string>) =>
	runWebhook({ nodeType: new OctopushTrigger(), parameters: { registration: 'manual', events }, body, contentType, query });
const emitted = (result: Awaited<ReturnType<typeof run>>) => result.workflowData?.[0].map((item) => item.json);

describe('every documented kind of callback', () => {
	test.each([
		['deliveryReport', 'an SMS delivery report (delivery_date)', deliveryReport],
		['deliveryReport', 'a report with DELIVERY_DATE in capitals, as the callbacks page writes it', { MESSAGE_ID: 'sms_1', NUMBER: '+33611111111', STATUS: 'DELIVERED', DELIVERY_DATE: '2026-11-24 08:15:02' }],
		['deliveryReport', 'an e-mail delivery report (deliveries[], no top-level date)', emailReport],
		['deliveryReport', 'a voice report NOT_DELIVERABLE', { channel: 'voice_sms', message_id: 'v1', number: '+33611111111', status: 'NOT_DELIVERABLE', delivery_date: '2026-11-24 08:15:02' }],
		['deliveryReport', 'a voice report BUSY without its date', { message_id: 'v2', number: '+33611111111', status: 'BUSY', call_duration: '0' }],
		['deliveryReport', 'a voice report REFUSED', { message_id: 'v3', number: '+33611111111', status: 'refused', Delivery_Date: '2026-11-24 08:15:02' }],
		['inboundSms', 'an inbound SMS (reception_date, the inbounds page)', inbound],
		['inboundSms', 'a reply (answer_date, the callbacks page)', reply],
		['stop', 'a STOP (stop_date)', stop],
		['stop', 'a STOP with Stop_Date in mixed case', { message_id: 'm', number: '+33633333333', text: 'stop', Stop_Date: '2026-11-24 08:17:00' }],
		['other', 'a callback of no known kind (a landing-page visit)', { message_id: 'v1', url: 'https://lp.example/x', visit_date_time: '2026-11-24' }],
	])('%s: %s starts the workflow with the payload and its kind, answered with an empty 200', async (event, _what, payload) => {
		const result = await run(payload);
		expect(result.status).toBe(200);
		expect(result.responseBody).toBe('');
		expect(emitted(result)).toEqual([{ ...payload, event }]);
		expect(classifyCallback(payload as IDataObject)).toBe(event);
	});

	test('a status alone is not taken for a report unless Octopush documents it and the callback names a message or number', () => {
		expect(classifyCallback({ status: 'DELIVERED' })).toBe('other');
		expect(classifyCallback({ message_id: 'x', status: 'WHATEVER' })).toBe('other');
		expect(classifyCallback({})).toBe('other');
	});
});

describe('a kind the user did not choose is refused, never acknowledged and dropped', () => {
	test('an inbound SMS to a trigger listening to delivery reports only: 422, nothing started (Octopush keeps it and tries again)', async () => {
		const refused = await run(inbound, ['deliveryReport']);
		expect(refused.status).toBe(422);
		expect(JSON.parse(refused.responseBody).message).toBe('This trigger does not take "inboundSms" callbacks (choose it under Events to receive them here).');
		expect(refused.workflowData).toBeUndefined();
		const kept = await run(deliveryReport, ['deliveryReport']);
		expect(emitted(kept)).toEqual([{ ...deliveryReport, event: 'deliveryReport' }]);
	});

	test('"Other Callback" is chosen by default, and the Events description says what happens to the rest', () => {
		const events = new OctopushTrigger().description.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(ALL);
		expect(events.description).toContain('refused (HTTP 422), never acknowledged and dropped');
	});
});

describe('payloads as they may arrive (issue 19, item 13)', () => {
	test('a JSON array of reports becomes one item per report, each classified', async () => {
		const second = { ...deliveryReport, message_id: 'sms_2', status: 'NOT_DELIVERED' };
		const result = await run([deliveryReport, second, stop]);
		expect(result.status).toBe(200);
		expect(emitted(result)).toEqual([
			{ ...deliveryReport, event: 'deliveryReport' },
			{ ...second, event: 'deliveryReport' },
			{ ...stop, event: 'stop' },
		]);
	});

	test('an array holding one kind not chosen is refused whole: nothing of it started, so a retry duplicates nothing', async () => {
		const result = await run([deliveryReport, stop], ['deliveryReport']);
		expect(result.status).toBe(422);
		expect(result.workflowData).toBeUndefined();
	});

	test.each([
		['an empty list', '[]', 'application/json', 'The callback is an empty list: there is nothing to start the workflow with.'],
		['a list with something else than objects', '[{"message_id":"a","delivery_date":"x"}, 42]', 'application/json', 'Entry 1 of the callback is not a JSON object with fields.'],
		['an empty body', '', 'application/json', 'The callback is empty: there is nothing to start the workflow with.'],
		['an empty text/plain body', '', 'text/plain', 'The callback is empty: there is nothing to start the workflow with.'],
		['text that is no JSON', 'hello there', 'text/plain', 'The callback could not be read: text that is neither JSON nor a form.'],
		['broken JSON sent as text/plain', '{"message_id": "a", ', 'text/plain', expect.stringMatching(/^The callback could not be read: JSON that does not parse/)],
	])('%s is refused with 400 (so Octopush tries again), never a 200 with nothing started', async (_what, body, contentType, message) => {
		const result = await run(body, ALL, contentType);
		expect(result.status).toBe(400);
		expect(JSON.parse(result.responseBody).message).toEqual(message);
		expect(result.workflowData).toBeUndefined();
	});

	test('JSON sent as text/plain is read', async () => {
		expect(emitted(await run(JSON.stringify(deliveryReport), ALL, 'text/plain'))).toEqual([{ ...deliveryReport, event: 'deliveryReport' }]);
		expect(emitted(await run(JSON.stringify([inbound, stop]), ALL, 'text/plain; charset=utf-8'))).toEqual([
			{ ...inbound, event: 'inboundSms' },
			{ ...stop, event: 'stop' },
		]);
	});

	test('a form-encoded callback is read', async () => {
		const form = new URLSearchParams({ message_id: 'x', number: '+33611111111', status: 'NOT_DELIVERED', delivery_date: '2026-11-24 09:00:00' }).toString();
		expect(emitted(await run(form, ALL, 'application/x-www-form-urlencoded'))).toEqual([{ message_id: 'x', number: '+33611111111', status: 'NOT_DELIVERED', delivery_date: '2026-11-24 09:00:00', event: 'deliveryReport' }]);
	});

	test('a multipart form is read (its fields, or the JSON its only field holds)', async () => {
		const boundary = '----octopush7f3a';
		const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
		const fields = `${part('message_id', 'sms_9')}${part('number', '+33611111111')}${part('status', 'DELIVERED')}${part('delivery_date', '2026-11-24 09:00:00')}--${boundary}--\r\n`;
		const type = `multipart/form-data; boundary=${boundary}`;
		expect(emitted(await run(fields, ALL, type))).toEqual([{ message_id: 'sms_9', number: '+33611111111', status: 'DELIVERED', delivery_date: '2026-11-24 09:00:00', event: 'deliveryReport' }]);
		const wrapped = `${part('payload', JSON.stringify(inbound))}--${boundary}--\r\n`;
		expect(emitted(await run(wrapped, ALL, type))).toEqual([{ ...inbound, event: 'inboundSms' }]);
	});

	test('fields sent in the query string with an empty body ("Query fields") are read', async () => {
		const result = await run('', ALL, 'application/x-www-form-urlencoded', { message_id: 'q1', number: '+33611111111', text: 'STOP', stop_date: '2026-11-24 08:17:00' });
		expect(emitted(result)).toEqual([{ message_id: 'q1', number: '+33611111111', text: 'STOP', stop_date: '2026-11-24 08:17:00', event: 'stop' }]);
	});
});

describe('what the editor shows', () => {
	const trigger = new OctopushTrigger();

	function subtitle(parameters: INodeParameters, typeVersion = 2): unknown {
		const node = { id: 'n', name: 'Octopush Trigger', type: 'n8n-nodes-ocamba-octopush-yeti.octopushTrigger', typeVersion, position: [0, 0] as [number, number], parameters };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) } as never,
		});
		return workflow.expression.getSimpleParameterValue(workflow.getNode('Octopush Trigger')!, SUBTITLE, 'internal', {});
	}

	test('the subtitle reads as a person would say it, and names the mode', () => {
		expect(subtitle({ events: ['deliveryReport', 'inboundSms'] })).toBe('Registers itself · Delivery Reports, Inbound SMS');
		expect(subtitle({ events: ['stop', 'other'] }, 1)).toBe('URL set by hand · STOP Requests, Other Callbacks');
	});

	test('new triggers register themselves; version 1 workflows keep "By Hand"; the credential is asked only when needed', () => {
		const description = trigger.description;
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const registration = description.properties.filter((p) => p.name === 'registration');
		expect(registration.map((p) => [p.displayOptions?.show?.['@version'], p.default])).toEqual([
			[[1], 'manual'],
			[[2], 'automatic'],
		]);
		expect(description.credentials).toEqual([{ name: 'octopushApi', required: true, displayOptions: { show: { registration: ['automatic'] } } }]);
	});

	test('each mode has a notice that is true whichever URL tab the panel shows', () => {
		const notices = Object.fromEntries(trigger.description.properties.filter((p) => p.type === 'notice').map((p) => [String(p.displayOptions?.show?.registration), p.displayName]));
		expect(notices.automatic).toContain('at its Production URL while the workflow is active, and at its Test URL while you listen for a test event');
		expect(notices.automatic).toContain('another active trigger using the same account takes them over');
		expect(notices.manual).toContain('switch from Test URL to Production URL');
		expect(notices.manual).not.toMatch(/above/);
	});
});
