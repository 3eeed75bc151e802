/**
 * Where Ocamba's documents are unclear, the sandbox plays each reading (sandbox/ocamba/modes.ts) and
 * the node must be right under all of them: single reads bare or wrapped, integration settings merged
 * or replaced by a PATCH, secrets readable or masked on read, Validate answering 204/400 or 200 JSON.
 */
import type { OcambaModes } from '../../sandbox/ocamba';
import { flatten, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();

const TWILIO_SETTINGS = { account_sid: 'AC7000000000000000000000000000001', auth_token: 'twilio-readings-secret', default_phone_number: '+12125550100' };

async function createIntegration(provider_id: string, settings: Record<string, string>, name = 'Saved') {
	const created = await t.api('POST', '/v1/hood/integrations', { name, provider_id, settings, status: 'active' });
	expect(created.status).toBe(201);
	t.sandbox.clearRequests();
	return created.body.id as string;
}

/** What Ocamba stores, read directly (the sandbox's own answer, bare). */
async function stored(id: string) {
	const modes = t.sandbox.modes;
	t.sandbox.setModes({ singleRead: 'bare', secretsOnRead: 'shown' });
	const answer = await t.api('GET', `/v1/hood/integrations/${id}`);
	t.sandbox.setModes(modes);
	return answer.body.settings;
}

describe.each(['bare', 'wrapped'] as Array<OcambaModes['singleRead']>)('single reads answered %s', (singleRead) => {
	beforeEach(() => t.sandbox.setModes({ singleRead }));

	test('Get Account, Get Contact and Get Integration output the record itself', async () => {
		const account = await t.run({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(account).toHaveLength(1);
		expect(account[0].json).toMatchObject({ id: '1000000', name: 'Default account', is_default: 1 });
		expect(account[0].json).not.toHaveProperty('items');
		const contact = await t.run({ resource: 'accountContact', operation: 'get', accountId: '1000000', contactId: '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b' });
		expect(contact[0].json).toEqual({ id: '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b', type: 'email', value: 'billing@example.com' });
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		const integration = await t.run({ resource: 'integration', operation: 'get', integrationId: id });
		expect(integration[0].json).toMatchObject({ id, provider_id: '1000', settings: { account_sid: TWILIO_SETTINGS.account_sid, auth_token: '__hidden__' } });
	});

	test('Send Test from an existing integration sends the record read, not its wrapper', async () => {
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		await t.run({ resource: 'integration', operation: 'sendTest', integrationSource: 'existing', integrationId: id, recipient: '+33612345678' });
		expect(t.sandbox.requests[1].body).toEqual({ integration: { id, name: 'Saved', provider_id: '1000', settings: TWILIO_SETTINGS }, recipient: '+33612345678' });
	});

	test('an update of one setting reads the integration first and keeps the others', async () => {
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		await t.run({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'twilio', twilioDefaultPhoneNumber: '+12125550199' });
		expect(await stored(id)).toEqual({ ...TWILIO_SETTINGS, default_phone_number: '+12125550199' });
	});
});

describe('an unexpected single-read answer is a clear error, never an item of undefined fields', () => {
	test.each([
		['a list', [{ id: '1000000' }], /with a list instead of one record/],
		['an empty object', {}, /with an empty object instead of one record/],
		['two records', { total: 2, items: [{ id: '1' }, { id: '2' }] }, /with 2 records instead of one record/],
		['text', 'OK', /with no JSON object instead of one record|not JSON/],
	])('%s', async (_what, body, message) => {
		t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts/1000000', status: 200, body });
		const error = await t.fail({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(error.message).toMatch(message);
	});

	test('the answer quoted in that error shows no setting value', async () => {
		t.sandbox.injectFault({ method: 'GET', path: '/v1/hood/integrations/1165', status: 200, body: [{ id: '1165', settings: { ...TWILIO_SETTINGS, signing_key: 'quoted-signing-secret' } }] });
		const error = await t.fail({ resource: 'integration', operation: 'get', integrationId: '1165' });
		expect(error.message).toMatch(/with a list instead of one record/);
		expect(error.description).toContain('"auth_token":"__hidden__"');
		expect(flatten(error)).not.toContain('quoted-signing-secret');
	});

	test('an empty wrapped list is "not found" (404)', async () => {
		t.sandbox.injectFault({ method: 'GET', path: '/v2/ocamba/accounts/1000000', status: 200, body: { total: 0, items: [] } });
		const error = await t.fail({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(error.message).toBe('Ocamba: not found (GET /v2/ocamba/accounts/1000000 answered an empty list)');
		expect(error.httpCode).toBe('404');
	});
});

describe.each(['merge', 'replace'] as Array<OcambaModes['integrationSettings']>)('integration settings PATCH that Ocamba %ses', (integrationSettings) => {
	beforeEach(() => t.sandbox.setModes({ integrationSettings }));

	test('changing only the phone number keeps every other setting (the PATCH carries them all)', async () => {
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		const items = await t.run({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'twilio', twilioDefaultPhoneNumber: '+12125550199' });
		expect(items[0].json).toEqual({ id, updated: true, changedSettings: ['default_phone_number'] });
		expect(t.sandbox.requestsTo('PATCH')[0].body).toEqual({ settings: { ...TWILIO_SETTINGS, default_phone_number: '+12125550199' } });
		expect(await stored(id)).toEqual({ ...TWILIO_SETTINGS, default_phone_number: '+12125550199' });
	});

	test('an optional setting never set stays unset; Custom SMTP keeps its password', async () => {
		const smtp = { default_sender_email: 'a@example.com', default_sender_name: 'A', sending_domain: 'mail.example.com', port: '587', username: 'a@example.com', password: 'smtp-readings-secret' };
		const id = await createIntegration('1001', smtp);
		await t.run({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'customSmtp', smtpPort: '465' });
		expect(await stored(id)).toEqual({ ...smtp, port: '465' });
		const sendGrid = await createIntegration('1003', { api_key: 'SG.readings', default_sender_name: 'n', default_sender_email: 'a@b.c' });
		await t.run({ resource: 'integration', operation: 'update', integrationId: sendGrid, settingsProvider: 'sendGrid', sendGridDefaultSenderName: 'm' });
		expect(t.sandbox.requestsTo('PATCH').pop()!.body).toEqual({ settings: { api_key: 'SG.readings', default_sender_name: 'm', default_sender_email: 'a@b.c' } });
	});

	test('a provider the node does not know (Other by ID): its settings come from the integration\'s own provider description', async () => {
		const id = await createIntegration('1006', { bot_token: '123:telegram-readings-secret', bot_username: 'old_bot' });
		await t.run({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'other', providerId: '1006', settingsJson: '{"bot_username": "new_bot"}' });
		expect(await stored(id)).toEqual({ bot_token: '123:telegram-readings-secret', bot_username: 'new_bot' });
	});

	test('a secret Ocamba returns masked must be filled in: nothing is sent until it is', async () => {
		t.sandbox.setModes({ secretsOnRead: 'masked' });
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		const error = await t.fail({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'twilio', twilioDefaultPhoneNumber: '+12125550199' });
		expect(error.message).toBe(
			'"Auth Token" must be filled in to change this integration\'s settings: Ocamba did not return its value (secrets come back hidden), and the node sends the provider\'s complete settings so that none is lost [item 0]',
		);
		expect(t.sandbox.requestsTo('PATCH')).toHaveLength(0);
		expect(await stored(id)).toEqual(TWILIO_SETTINGS);
		await t.run({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'twilio', twilioDefaultPhoneNumber: '+12125550199', twilioAuthToken: 'twilio-readings-new' });
		expect(await stored(id)).toEqual({ ...TWILIO_SETTINGS, auth_token: 'twilio-readings-new', default_phone_number: '+12125550199' });
	});
});

describe('update safety checks', () => {
	test('settings of another provider than the integration\'s are refused before any change', async () => {
		const id = await createIntegration('1004', { api_key: 'mitto-readings-secret', sender_name: 'S' });
		const error = await t.fail({ resource: 'integration', operation: 'update', integrationId: id, settingsProvider: 'twilio', twilioDefaultPhoneNumber: '+12125550199' });
		expect(error.message).toBe(`"Change Settings Of" is Twilio (provider 1000), but integration ${id} belongs to Mitto (provider 1004) [item 0]`);
		expect(t.sandbox.requestsTo('PATCH')).toHaveLength(0);
	});

	test('Send Test of an integration whose secrets come back masked says to enter the settings instead', async () => {
		t.sandbox.setModes({ secretsOnRead: 'masked' });
		const id = await createIntegration('1000', TWILIO_SETTINGS);
		const error = await t.fail({ resource: 'integration', operation: 'sendTest', integrationSource: 'existing', integrationId: id, recipient: '+33612345678' });
		expect(error.message).toMatch(/settings auth_token Ocamba returns hidden, so it cannot be tested from its ID/);
		expect(t.sandbox.requestsTo('POST')).toHaveLength(0);
	});
});

describe('Validate Settings reads a 200 JSON answer as well as 204 / 400', () => {
	const twilio = { provider: 'twilio', twilioAccountSid: 'AC1', twilioAuthToken: 'validate-readings-secret', twilioDefaultPhoneNumber: '+12125550100' };

	test('200 {valid: true} / {valid: false, message}', async () => {
		t.sandbox.setModes({ validateAnswer: 'json' });
		const good = await t.run({ resource: 'integration', operation: 'validateSettings', ...twilio });
		expect(good[0].json).toEqual({ valid: true, provider_id: '1000' });
		const bad = await t.run({ resource: 'integration', operation: 'validateSettings', ...twilio, twilioAccountSid: 'XX1' });
		expect(bad[0].json).toEqual({ valid: false, provider_id: '1000', reason: 'Invalid settings: "account_sid" must start with "AC".' });
	});

	test.each([
		['a status word and a list of errors', { status: 'invalid', errors: [{ field: 'auth_token', message: 'rejected by Twilio' }] }, { valid: false, reason: 'rejected by Twilio' }],
		['an errors object', { errors: { account_sid: 'unknown account' } }, { valid: false, reason: 'account_sid: unknown account' }],
		['success: false without a reason', { success: false }, { valid: false, reason: 'Ocamba found the settings not valid (it gave no reason).' }],
		['is_valid: true', { is_valid: true }, { valid: true }],
		['something else', { checked_at: '2026-01-01' }, { valid: true, ocambaAnswer: { checked_at: '2026-01-01' } }],
	])('%s', async (_what, body, expected) => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/hood/integrations/validate', status: 200, body });
		const items = await t.run({ resource: 'integration', operation: 'validateSettings', ...twilio });
		expect(items[0].json).toEqual({ provider_id: '1000', ...expected });
	});

	test('a reason quoting the secret that was sent is masked', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/hood/integrations/validate', status: 200, body: { valid: false, message: 'settings.auth_token "validate-readings-secret" is not a Twilio token' } });
		const items = await t.run({ resource: 'integration', operation: 'validateSettings', ...twilio });
		expect(items[0].json.reason).toBe('settings.auth_token "[hidden]" is not a Twilio token');
	});
});

afterAll(() => {
	const text = flatten(t.seen);
	for (const secret of ['twilio-readings-secret', 'twilio-readings-new', 'smtp-readings-secret', 'SG.readings', '123:telegram-readings-secret', 'mitto-readings-secret', 'validate-readings-secret', 'quoted-signing-secret']) {
		expect(text).not.toContain(secret);
	}
});
