/** Integration operations: every provider's body exactly as Ocamba's examples, secrets hidden in outputs. */
import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { loadOptions } from '../harness/run-node';
import { flatten, jsonHeaders, TOKEN, useOcambaSandbox } from './helpers';
import { SEED_INTEGRATIONS } from './seeds';

const t = useOcambaSandbox();
const TELEGRAM_SECRET = '123456:telegram-bot-secret';

async function createTwilio(name = 'T') {
	const created = await t.api('POST', '/v1/hood/integrations', { name, provider_id: '1000', settings: { account_sid: 'AC1', auth_token: 'twilio-secret-1', default_phone_number: '+33612345678' }, status: 'active' });
	t.sandbox.clearRequests();
	return created.body.id as string;
}

describe('Integration › Create', () => {
	test('the Name placeholder names no provider: it is shown for every one, Other too (issue 17: it read "My Twilio")', () => {
		const names = new Ocamba().description.properties.filter((p) => p.name === 'name' && p.displayOptions?.show?.resource?.includes('integration'));
		expect(names.length).toBeGreaterThan(0);
		for (const property of names) {
			expect(property.displayOptions?.show?.provider).toBeUndefined();
			expect(property.placeholder ?? '').not.toMatch(/twilio|mailgun|sendgrid|mailjet|sinch|telegram|brevo|smtp/i);
		}
	});

	test.each(SEED_INTEGRATIONS)('$slug: sends the seed body exactly and hides secrets in the output', async (seed) => {
		const items = await t.run({ resource: 'integration', operation: 'create', name: seed.body.name, status: 'active', ...seed.parameters });
		expect(t.sandbox.requests).toHaveLength(1);
		const [request] = t.sandbox.requests;
		expect(request).toMatchObject({ method: 'POST', url: '/v1/hood/integrations' });
		expect(jsonHeaders(request)).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
		expect(request.body).toEqual(seed.body);
		expect(request.rawBody).toBe(JSON.stringify(seed.body));
		expect(items[0].json).toMatchObject({ id: '1165', name: seed.body.name, provider_id: seed.body.provider_id, status: 'active' });
		const output = JSON.stringify(items);
		for (const secret of seed.secrets) expect(output).not.toContain(secret);
		expect(output).toContain('__hidden__');
	});

	test('a port given as a number (from an expression) is sent as a string; a non-numeric port is refused', async () => {
		const smtp = SEED_INTEGRATIONS.find((s) => s.slug === 'custom-smtp')!;
		await t.run({ resource: 'integration', operation: 'create', name: 'SMTP', ...smtp.parameters, smtpPort: '={{ 587 }}' });
		expect((t.sandbox.requests[0].body as { settings: { port: unknown } }).settings.port).toBe('587');
		t.sandbox.clearRequests();
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'SMTP', ...smtp.parameters, smtpPort: 'five' });
		expect(error.message).toBe('"Port" is not a port number: "five" [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('a missing required setting names the field; an optional one is left out', async () => {
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'M', provider: 'mitto', mittoApiKey: 'k' });
		expect(error.message).toBe('"Sender Name" is empty [item 0]');
		await t.run({ resource: 'integration', operation: 'create', name: 'S', provider: 'sendGrid', sendGridApiKey: 'SG.k', sendGridDefaultSenderName: 'n', sendGridDefaultSenderEmail: 'a@b.c' });
		expect(t.sandbox.requests[0].body).toEqual({ name: 'S', provider_id: '1003', settings: { api_key: 'SG.k', default_sender_name: 'n', default_sender_email: 'a@b.c' }, status: 'active' });
	});

	test('Other (by ID) sends the provider id and the settings JSON; malformed JSON fails before any request', async () => {
		const items = await t.run({ resource: 'integration', operation: 'create', name: 'Bot', provider: 'other', providerId: '1006', settingsJson: `{"bot_token": "${TELEGRAM_SECRET}", "bot_username": "hood_bot"}`, status: 'inactive' });
		expect(t.sandbox.requests[0].body).toEqual({ name: 'Bot', provider_id: '1006', settings: { bot_token: TELEGRAM_SECRET, bot_username: 'hood_bot' }, status: 'inactive' });
		expect(items[0].json).toMatchObject({ provider_id: '1006', type: 'sms', settings: { bot_token: '__hidden__', bot_username: 'hood_bot' } });
		t.sandbox.clearRequests();
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'Bot', provider: 'other', providerId: '1006', settingsJson: '{"bot_token": ' }, [{}, {}]);
		expect(error.message).toMatch(/^"Settings \(JSON\)" is not valid JSON \(.+\) \[item 0\]$/);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('an unknown provider id answered 400 by Ocamba becomes a clear error', async () => {
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'X', provider: 'other', providerId: '9999', settingsJson: '{"a": "b"}' });
		expect(error.message).toBe('Ocamba rejected the request (400): The request body is not valid: unknown provider_id "9999".');
	});
});

describe('Integration › Get, Get Many, Update, Delete', () => {
	test('get outputs the integration with secret settings hidden', async () => {
		const id = await createTwilio();
		const items = await t.run({ resource: 'integration', operation: 'get', integrationId: id });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: `/v1/hood/integrations/${id}` });
		expect(items[0].json).toMatchObject({ id, provider_id: '1000', settings: { account_sid: 'AC1', auth_token: '__hidden__', default_phone_number: '+33612345678' }, provider: { name: 'Twilio' } });
		expect(JSON.stringify(items)).not.toContain('twilio-secret-1');
	});

	test('Return All across 3 pages with a string total; filters; Limit', async () => {
		t.sandbox.seedIntegrations(2500);
		// The sandbox answers total as a string ("2500") here, as some Ocamba lists do.
		expect((await t.api('GET', '/v1/hood/integrations?page=1,1')).body.total).toBe('2500');
		t.sandbox.clearRequests();
		const all = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(t.sandbox.requests.map((r) => r.query)).toEqual([
			{ sort: 'id', page: '1,1000' },
			{ sort: 'id', id: 'gt:2164', page: '1,1000' },
			{ sort: 'id', id: 'gt:3164', page: '1,1000' },
		]);
		expect(all).toHaveLength(2500);
		expect(new Set(all.map((i) => i.json.id)).size).toBe(2500);
		expect(JSON.stringify(all)).not.toContain('seeded-twilio-token');

		t.sandbox.clearRequests();
		const limited = await t.run({ resource: 'integration', operation: 'getAll', returnAll: false, limit: 1200, filters: { type: 'sms', status: ['active'] } });
		expect(t.sandbox.requests.map((r) => r.query)).toEqual([
			{ type: 'sms', status: 'active', sort: 'id', page: '1,1000' },
			{ type: 'sms', status: 'active', sort: 'id', id: expect.stringMatching(/^gt:\d+$/), page: '1,200' },
		]);
		expect(limited).toHaveLength(1200);
		expect(limited.every((i) => i.json.type === 'sms' && i.json.status === 'active')).toBe(true);
	});

	test('a server that silently serves smaller pages than asked: nothing lost, in id order', async () => {
		t.sandbox.seedIntegrations(250);
		t.sandbox.setSilentPageCap(100);
		t.sandbox.clearRequests();
		const all = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(t.sandbox.requests.map((r) => r.query.id)).toEqual([undefined, 'gt:1264', 'gt:1364']);
		expect(all.map((i) => i.json.name)).toEqual(Array.from({ length: 250 }, (_, i) => `${(i + 1) % 5 === 0 ? 'Mitto' : 'Twilio'} ${i + 1}`));
	});

	test('update reads the integration, then PATCHes name, status and the provider\'s complete settings; outputs setting names, not values', async () => {
		const id = await createTwilio();
		const items = await t.run({ resource: 'integration', operation: 'update', integrationId: id, updateFields: { status: 'inactive' }, settingsProvider: 'twilio', twilioAuthToken: 'new-twilio-secret' });
		expect(t.sandbox.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /v1/hood/integrations/${id}`, `PATCH /v1/hood/integrations/${id}`]);
		expect(jsonHeaders(t.sandbox.requests[1])).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
		expect(t.sandbox.requests[1].body).toEqual({ status: 'inactive', settings: { account_sid: 'AC1', auth_token: 'new-twilio-secret', default_phone_number: '+33612345678' } });
		expect(items[0].json).toEqual({ id, updated: true, status: 'inactive', changedSettings: ['auth_token'] });
		const stored = await t.api('GET', `/v1/hood/integrations/${id}`);
		expect(stored.body).toMatchObject({ status: 'inactive', settings: { account_sid: 'AC1', auth_token: 'new-twilio-secret', default_phone_number: '+33612345678' } });
	});

	test('update of the name or status only sends no settings and reads nothing first', async () => {
		const id = await createTwilio();
		await t.run({ resource: 'integration', operation: 'update', integrationId: id, updateFields: { name: 'Renamed' }, settingsProvider: 'twilio' });
		expect(t.sandbox.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH /v1/hood/integrations/${id}`]);
		expect(t.sandbox.requests[0].body).toEqual({ name: 'Renamed' });
	});

	test('update with nothing to change fails before any request', async () => {
		const error = await t.fail({ resource: 'integration', operation: 'update', integrationId: '1165', updateFields: {}, settingsProvider: 'twilio' });
		expect(error.message).toBe('"Update Fields" has nothing to change [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('delete outputs { id, deleted: true }', async () => {
		const id = await createTwilio();
		const items = await t.run({ resource: 'integration', operation: 'delete', integrationId: id });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'DELETE', url: `/v1/hood/integrations/${id}` });
		expect(items[0].json).toEqual({ id, deleted: true });
	});
});

describe('Integration › Validate Settings, Send Test', () => {
	test('valid settings output { valid: true }; invalid ones { valid: false, reason }', async () => {
		const smtp = SEED_INTEGRATIONS.find((s) => s.slug === 'custom-smtp')!;
		const good = await t.run({ resource: 'integration', operation: 'validateSettings', ...smtp.parameters });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', url: '/v1/hood/integrations/validate' });
		expect(t.sandbox.requests[0].body).toEqual({ provider_id: '1001', settings: smtp.body.settings });
		expect(good[0].json).toEqual({ valid: true, provider_id: '1001' });
		const twilio = SEED_INTEGRATIONS[0];
		const bad = await t.run({ resource: 'integration', operation: 'validateSettings', ...twilio.parameters, twilioAccountSid: 'XX1' });
		expect(bad[0].json).toMatchObject({ valid: false, provider_id: '1000', reason: 'Ocamba rejected the request (400): Invalid settings: "account_sid" must start with "AC".', traceId: expect.any(String) });
		expect(JSON.stringify(bad)).not.toContain(twilio.secrets[0]);
	});

	test('send test through an existing integration: reads it, then posts it with the recipient', async () => {
		const id = await createTwilio('Saved');
		const items = await t.run({ resource: 'integration', operation: 'sendTest', integrationSource: 'existing', integrationId: id, recipient: '+33612345678' });
		expect(t.sandbox.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /v1/hood/integrations/${id}`, 'POST /v1/hood/test-notification']);
		expect(t.sandbox.requests[1].body).toEqual({
			integration: { id, name: 'Saved', provider_id: '1000', settings: { account_sid: 'AC1', auth_token: 'twilio-secret-1', default_phone_number: '+33612345678' } },
			recipient: '+33612345678',
		});
		expect(items[0].json).toEqual({ sent: true, recipient: '+33612345678', provider_id: '1000', integrationId: id });
		expect(JSON.stringify(items)).not.toContain('twilio-secret-1');
	});

	test('send test with settings entered in the node', async () => {
		const mitto = SEED_INTEGRATIONS.find((s) => s.slug === 'mitto')!;
		const items = await t.run({ resource: 'integration', operation: 'sendTest', integrationSource: 'settings', ...mitto.parameters, recipient: '+33612345678' });
		expect(t.sandbox.requests[0].body).toEqual({ integration: { provider_id: '1004', settings: mitto.body.settings }, recipient: '+33612345678' });
		expect(items[0].json).toEqual({ sent: true, recipient: '+33612345678', provider_id: '1004' });
		const error = await t.fail({ resource: 'integration', operation: 'sendTest', integrationSource: 'settings', ...mitto.parameters, recipient: '' });
		expect(error.message).toBe('"Recipient" is empty [item 0]');
	});
});

describe('Provider list (load options)', () => {
	test('lists the account\'s live providers, Telegram included', async () => {
		const options = await loadOptions(new Ocamba(), 'getProviders', { resource: 'integration', operation: 'create', provider: 'other' }, { ocambaApi: { apiToken: TOKEN, baseUrl: t.url } });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: '/v1/hood/providers' });
		expect(t.sandbox.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['1000', '1001', '1002', '1003', '1004', '1005', '1006']));
		expect(options.find((o) => o.value === '1006')).toEqual({ name: 'Telegram (sms, ID 1006)', value: '1006', description: 'Settings: bot_token, bot_username' });
	});

	test('falls back to the built-in providers when the list cannot be loaded', async () => {
		t.sandbox.injectFault({ path: '/v1/hood/providers', status: 403, body: { code: 403, title: 'Forbidden.', message: 'No access.' } });
		const options = await loadOptions(new Ocamba(), 'getProviders', { resource: 'integration', operation: 'create', provider: 'other' }, { ocambaApi: { apiToken: TOKEN, baseUrl: t.url } });
		expect(options.map((o) => o.value)).toEqual(['1000', '1001', '1002', '1003', '1004', '1005']);
	});
});

afterAll(() => {
	// No provider secret used in this file reached any output or error.
	const text = flatten(t.seen);
	for (const secret of [TOKEN, TELEGRAM_SECRET, 'twilio-secret-1', 'seeded-twilio-token', 'seeded-mitto-key', 'new-twilio-secret', ...SEED_INTEGRATIONS.flatMap((s) => s.secrets)]) {
		expect(text).not.toContain(secret);
	}
});
