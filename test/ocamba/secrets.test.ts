/**
 * Provider secrets never reach an output or an error (issue 19 item 9): settings are secret when the
 * provider list says so (type, name or title), not only when their name matches a short list; vendor
 * messages that quote a value the node sent are masked; "Other (by ID)" takes secrets in password
 * fields instead of the plain-text JSON saved with the workflow.
 */
import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { isSecretSetting, soundsSecret } from '../../nodes/Ocamba/transport/secrets';
import { flatten, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();

/** A provider the docs do not list (the node learns its settings from GET /v1/hood/providers). */
const HYPOTHETICAL = {
	id: '1099',
	type: 'email' as const,
	name: 'Hypothetical Mail',
	settings: [
		{ title: 'Access Key', name: 'access_key', type: 'text' as const, required: true, deprecated: false },
		{ title: 'App Key', name: 'app_key', type: 'text' as const, required: true, deprecated: false },
		{ title: 'Pass', name: 'pass', type: 'text' as const, required: true, deprecated: false },
		{ title: 'Key', name: 'key', type: 'text' as const, required: true, deprecated: false },
		{ title: 'Webhook Signing Key', name: 'signing_key', type: 'text' as const, required: true, deprecated: false },
		// Named like nothing secret; only its title says what it is (the docs' own example: "p_key", "Private key").
		{ title: 'Private key', name: 'pk', type: 'text' as const, required: true, deprecated: false },
		{ title: 'Sender Email', name: 'sender_email', type: 'text' as const, required: true, deprecated: false },
	],
};
const SECRETS = { access_key: 'AKIA-secret-1', app_key: 'app-secret-2', pass: 'pass-secret-3', key: 'key-secret-4', signing_key: 'signing-secret-5', pk: 'private-secret-6' };

test('names and titles that speak of a secret', () => {
	for (const name of ['access_key', 'app_key', 'pass', 'key', 'signing_key', 'p_key', 'apiKey', 'auth_token', 'bot_token', 'client_secret', 'password', 'Private key', 'API-Key']) expect(soundsSecret(name)).toBe(true);
	for (const name of ['account_sid', 'default_phone_number', 'sender_name', 'sender_email', 'domain', 'port', 'username', 'bot_username', 'sending_domain', 'default_reply_to_email', 'keyword']) expect(soundsSecret(name)).toBe(false);
	expect(isSecretSetting({ name: 'x', title: 'X', type: 'password' })).toBe(true);
	expect(isSecretSetting({ name: 'pk', title: 'Private key', type: 'string' })).toBe(true);
});

describe('a provider the node does not know', () => {
	beforeEach(() => t.sandbox.addProvider(HYPOTHETICAL));

	test('create with Secret Settings rows: the secrets are sent, never output (failed: access_key, app_key, pass, key, signing_key, pk shown)', async () => {
		const items = await t.run({
			resource: 'integration',
			operation: 'create',
			name: 'Mail',
			provider: 'other',
			providerId: '1099',
			settingsJson: '{"sender_email": "ops@example.com"}',
			secretSettings: { setting: Object.entries(SECRETS).map(([name, value]) => ({ name, value })) },
		});
		expect(t.sandbox.requests[0].body).toEqual({ name: 'Mail', provider_id: '1099', settings: { sender_email: 'ops@example.com', ...SECRETS }, status: 'active' });
		expect(items[0].json.settings).toEqual({ ...Object.fromEntries(Object.keys(SECRETS).map((name) => [name, '__hidden__'])), sender_email: 'ops@example.com' });
	});

	test('Get and Get Many hide what the provider list says is secret', async () => {
		const created = await t.api('POST', '/v1/hood/integrations', { name: 'Mail', provider_id: '1099', settings: { ...SECRETS, sender_email: 'ops@example.com' } });
		const id = created.body.id as string;
		t.sandbox.clearRequests();
		const one = await t.run({ resource: 'integration', operation: 'get', integrationId: id });
		expect(one[0].json.settings).toMatchObject({ access_key: '__hidden__', pk: '__hidden__', sender_email: 'ops@example.com' });
		const many = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(many[0].json.settings).toMatchObject({ key: '__hidden__', pass: '__hidden__', pk: '__hidden__', sender_email: 'ops@example.com' });
		// The list is read once per execution, and only for a provider the node does not know.
		expect(t.sandbox.requests.filter((r) => r.path === '/v1/hood/providers')).toHaveLength(1);
	});

	test('create with only Secret Settings rows and an empty Settings (JSON) (failed: "Settings (JSON)" is empty)', async () => {
		// Every Secret Settings value counts as a secret for the suite-wide scan, so this one is used nowhere else.
		const sender = 'entered-as-a-secret-row@example.com';
		await t.run({ resource: 'integration', operation: 'create', name: 'Mail', provider: 'other', providerId: '1099', settingsJson: '', secretSettings: { setting: Object.entries({ ...SECRETS, sender_email: sender }).map(([name, value]) => ({ name, value })) } });
		expect(t.sandbox.requests[0].body).toMatchObject({ provider_id: '1099', settings: { ...SECRETS, sender_email: sender } });
	});

	test('create with neither Settings (JSON) nor Secret Settings is refused before any request', async () => {
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'Mail', provider: 'other', providerId: '1099', settingsJson: '' });
		expect(error.message).toMatch(/^"Settings \(JSON\)" is empty/);
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('a secret in Settings (JSON) and in a Secret Settings row at once is refused', async () => {
		const error = await t.fail({ resource: 'integration', operation: 'create', name: 'Mail', provider: 'other', providerId: '1099', settingsJson: '{"pk": "x"}', secretSettings: { setting: [{ name: 'pk', value: 'y' }] } });
		expect(error.message).toBe('"Secret Settings" and "Settings (JSON)" both set "pk" [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});
});

test('the Secret Settings values are password fields (masked in the editor and the saved workflow)', () => {
	const rows = new Ocamba().description.properties.filter((p) => p.name === 'secretSettings');
	expect(rows.length).toBeGreaterThan(0);
	for (const property of rows) {
		const value = (property.options as Array<{ values: Array<{ name: string; typeOptions?: { password?: boolean } }> }>)[0].values.find((v) => v.name === 'value');
		expect(value?.typeOptions?.password).toBe(true);
	}
});

test('a vendor message quoting a secret the node sent is masked (Ocamba: settings.auth_token "…")', async () => {
	t.sandbox.injectFault({ method: 'POST', path: '/v1/hood/integrations', status: 400, body: { code: 400, title: 'Bad request.', message: 'settings.auth_token "quoted-twilio-secret-7" is not valid', trace_id: 't' } });
	const error = await t.fail({ resource: 'integration', operation: 'create', name: 'T', provider: 'twilio', twilioAccountSid: 'AC1', twilioAuthToken: 'quoted-twilio-secret-7', twilioDefaultPhoneNumber: '+12125550100' });
	expect(error.message).toBe('Ocamba rejected the request (400): settings.auth_token "[hidden]" is not valid');
	expect(flatten(error)).not.toContain('quoted-twilio-secret-7');
});

afterAll(() => {
	const text = flatten(t.seen);
	for (const secret of [...Object.values(SECRETS), 'quoted-twilio-secret-7']) expect(text).not.toContain(secret);
});
