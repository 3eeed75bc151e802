/** The Octopush Trigger inside n8n-core's WebhookContext, fed by real HTTP POSTs like Octopush's. */
import { classifyCallback, OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
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
const stop = { message_id: 'mo_78', number: '+33633333333', text: 'STOP', stop_date: '2026-11-24 08:17:00' };

const run = (body: unknown, events?: string[], contentType?: string) =>
	runWebhook({ nodeType: new OctopushTrigger(), parameters: events ? { events } : {}, body, contentType });

test.each([
	['deliveryReport', deliveryReport],
	['inboundSms', inbound],
	['stop', stop],
])('a %s callback starts the workflow with the payload and its event, answered with an empty 200', async (event, payload) => {
	const result = await run(payload);
	expect(result.status).toBe(200);
	expect(result.responseBody).toBe('');
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData![0]).toHaveLength(1);
	expect(result.workflowData![0][0].json).toEqual({ ...payload, event });
});

test('the event filter drops other kinds: still an empty 200 (so Octopush does not retry), nothing started', async () => {
	const dropped = await run(inbound, ['deliveryReport']);
	expect(dropped.status).toBe(200);
	expect(dropped.responseBody).toBe('');
	expect(dropped.workflowData).toBeUndefined();
	const kept = await run(deliveryReport, ['deliveryReport']);
	expect(kept.workflowData![0][0].json.event).toBe('deliveryReport');
});

test('a form-encoded callback is read too; an unrecognised one is "other" and dropped by default', async () => {
	const form = await run(new URLSearchParams({ message_id: 'x', number: '+33611111111', status: 'NOT_DELIVERED', delivery_date: '2026-11-24 09:00:00' }).toString(), undefined, 'application/x-www-form-urlencoded');
	expect(form.workflowData![0][0].json).toMatchObject({ status: 'NOT_DELIVERED', event: 'deliveryReport' });
	const visit = await run({ message_id: 'v1', url: 'https://lp.example/x', visit_date_time: '2026-11-24' });
	expect(visit.workflowData).toBeUndefined();
	const wanted = await run({ message_id: 'v1' }, ['other']);
	expect(wanted.workflowData![0][0].json.event).toBe('other');
});

test('classification follows the spec: the date field present tells the kind', () => {
	expect(classifyCallback(deliveryReport)).toBe('deliveryReport');
	expect(classifyCallback(inbound)).toBe('inboundSms');
	expect(classifyCallback(stop)).toBe('stop');
	expect(classifyCallback({})).toBe('other');
});
