/** The Octopush sandbox's account settings and callbacks behave as dev.octopush.com documents them (octopush-account.ts). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN, type OctopushSandbox, type OctopushSandboxOptions } from './octopush';

const headers = { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': OCTOPUSH_SANDBOX_KEY, 'content-type': 'application/json' };
const started: OctopushSandbox[] = [];

async function sandboxWith(options: OctopushSandboxOptions = {}) {
	const sandbox = createOctopushSandbox(options);
	started.push(sandbox);
	await sandbox.start();
	const call = async (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = headers) => {
		const answer = await fetch(`${sandbox.url}${path}`, { method, headers: extraHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await answer.text();
		return { status: answer.status, body: text ? JSON.parse(text) : undefined };
	};
	return { sandbox, call };
}

afterAll(async () => await Promise.all(started.map(async (sandbox) => await sandbox.stop())));

test('GET /user/campaign-parameters answers the three documented objects; unset callbacks read null; credentials are required', async () => {
	const { call } = await sandboxWith();
	const answer = await call('GET', '/v1/public/user/campaign-parameters');
	expect(answer.status).toBe(200);
	expect(Object.keys(answer.body)).toEqual(['sms_campaign_alert_parameters', 'campaign_parameters', 'callbacks']);
	expect(Object.keys(answer.body.callbacks)).toEqual(['callback_url_for_inbounds', 'callback_url_for_deliveries', 'callback_url_for_blacklisted_numbers', 'callback_url_for_visits', 'email_for_inbounds']);
	expect(answer.body.callbacks.callback_url_for_visits).toBeNull();
	expect((await call('GET', '/v1/public/user/campaign-parameters', undefined, { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': 'wrong' })).status).toBe(401);
});

test('PATCH …/edit changes only the keys it names (default reading); "" clears; unknown keys are ignored; bad values are refused', async () => {
	const { call } = await sandboxWith();
	const before = (await call('GET', '/v1/public/user/campaign-parameters')).body;
	const edited = await call('PATCH', '/v1/public/user/campaign-parameters/edit', {
		callbacks: { callback_url_for_deliveries: 'https://n8n.example/webhook/x?n8nToken=abc', callback_url_for_inbounds: '', api_version: 'v2' },
		sms_campaign_alert_parameters: { alert_emails_to: ['ops@example.com'], alert_bound: '300' },
	});
	expect(edited.status).toBe(200);
	expect(edited.body).toEqual({
		...before,
		sms_campaign_alert_parameters: { ...before.sms_campaign_alert_parameters, alert_email_to: 'ops@example.com', alert_bound: 300 },
		callbacks: { ...before.callbacks, callback_url_for_deliveries: 'https://n8n.example/webhook/x?n8nToken=abc', callback_url_for_inbounds: null },
	});
	for (const [body, field] of [
		[{ campaign_parameters: { sender_for_sms_premium: 'ab' } }, 'sender_for_sms_premium'],
		[{ campaign_parameters: { sender_for_voice_sms: 'ABC123' } }, 'sender_for_voice_sms'],
		[{ sms_campaign_alert_parameters: { alert_type: 'voice' } }, 'alert_type'],
		[{ callbacks: { callback_url_for_visits: 'ftp://x' } }, 'callback_url_for_visits'],
		[{ callbacks: 'https://x.example' }, 'callbacks'],
	] as const) {
		const refused = await call('PATCH', '/v1/public/user/campaign-parameters/edit', body);
		expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 100, field]);
	}
	// A refused PATCH changes nothing at all.
	expect((await call('GET', '/v1/public/user/campaign-parameters')).body).toEqual(edited.body);
});

test('the other readings: a PATCH replacing whole sections, and URLs stored without their query string', async () => {
	const replacing = await sandboxWith({ accountSettings: { patch: 'replaceSections' } });
	const after = await replacing.call('PATCH', '/v1/public/user/campaign-parameters/edit', { callbacks: { callback_url_for_deliveries: 'https://n8n.example/a' } });
	expect(after.body.callbacks).toEqual({ callback_url_for_inbounds: null, callback_url_for_deliveries: 'https://n8n.example/a', callback_url_for_blacklisted_numbers: null, callback_url_for_visits: null, email_for_inbounds: null });
	expect(after.body.campaign_parameters.sender_for_sms_premium).toBe('MyShop');
	const dropping = await sandboxWith({ accountSettings: { queryStrings: 'dropped' } });
	const stored = await dropping.call('PATCH', '/v1/public/user/campaign-parameters/edit', { callbacks: { callback_url_for_deliveries: 'https://n8n.example/a?n8nToken=abc' } });
	expect(stored.body.callbacks.callback_url_for_deliveries).toBe('https://n8n.example/a');
});

test('Octopush calling back: a JSON POST to the URL the account holds, recorded with whether the answer was a quick empty 2xx', async () => {
	const { sandbox, call } = await sandboxWith();
	const received: Array<{ url?: string; type?: string; body: string }> = [];
	const receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			received.push({ url: req.url, type: req.headers['content-type'], body });
			if (req.url?.startsWith('/chatty')) res.end('OK');
			else res.end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	try {
		await call('PATCH', '/v1/public/user/campaign-parameters/edit', { callbacks: { callback_url_for_deliveries: `${base}/dr?x=1`, callback_url_for_inbounds: `${base}/chatty` } });
		const report = { message_id: 'sms_1', number: '+33600000000', status: 'DELIVERED', delivery_date: '2026-11-24 11:11:45' };
		const delivered = await sandbox.accountSettings.deliver(OCTOPUSH_SANDBOX_LOGIN, 'delivery', report);
		expect(delivered).toMatchObject({ kind: 'delivery', url: `${base}/dr?x=1`, status: 200, responseBody: '', compliant: true });
		expect(received[0]).toEqual({ url: '/dr?x=1', type: 'application/json', body: JSON.stringify(report) });
		// Over the control route, as `npm start` users and the real-n8n suite can.
		const viaRoute = await fetch(`${sandbox.url}/__sandbox/octopush/callbacks`, { method: 'POST', body: JSON.stringify({ login: OCTOPUSH_SANDBOX_LOGIN, kind: 'inbound', payload: { text: 'hi' } }) });
		expect(await viaRoute.json()).toMatchObject({ kind: 'inbound', status: 200, responseBody: 'OK', compliant: false });
		await expect(sandbox.accountSettings.deliver(OCTOPUSH_SANDBOX_LOGIN, 'visit', {})).rejects.toThrow('has no callback_url_for_visits');
		expect(((await (await fetch(`${sandbox.url}/__sandbox/octopush/callbacks`)).json()) as unknown[]).length).toBe(2);
	} finally {
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	}
});
