/** The Octopush sandbox behaves like the spec: checked over real HTTP with fetch. */
import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN, SEED_SUB_ACCOUNT_LOGIN, smsParts, type OctopushSandbox } from './octopush';

let sandbox: OctopushSandbox;
let base: string;

beforeAll(async () => {
	sandbox = createOctopushSandbox();
	base = `${await sandbox.start()}/v1/public`;
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const auth = { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': OCTOPUSH_SANDBOX_KEY };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const sms = (overrides: Record<string, unknown> = {}) => ({
	text: 'Hello {first_name}',
	recipients: [{ phone_number: '+33612345678', first_name: 'Ada' }],
	type: 'sms_premium',
	purpose: 'alert',
	...overrides,
});

test('refuses missing or wrong credentials with 401 {code, message}', async () => {
	expect(await call('GET', '/wallet/check-balance', undefined, {})).toEqual({ status: 401, body: { code: 101, message: 'Incorrect login details.' } });
	const wrong = await call('GET', '/wallet/check-balance', undefined, { ...auth, 'api-key': 'nope' });
	expect(wrong.status).toBe(401);
});

test('requires Content-Type application/json on bodies', async () => {
	const response = await fetch(`${base}/contact-list/create`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{"list_name":"x"}' });
	expect(response.status).toBe(415);
	expect(await response.json()).toMatchObject({ code: 100 });
});

test('sub-account create (201), get, edit, with the seed login known from the start', async () => {
	const created = await call('POST', '/subaccount/create', { first_name: 'Leonardo', last_name: 'Da Vinci', password: 'pw', callbacks: { callback_url_for_deliveries: 'https://x.test/dr' } });
	expect(created.status).toBe(201);
	expect(created.body).toEqual({ api_key: expect.any(String), api_login: expect.stringMatching(/@sub-accounts\.com$/) });
	const login = encodeURIComponent(created.body.api_login);
	const got = await call('GET', `/subaccount/${login}`);
	expect(got.body).toMatchObject({ first_name: 'Leonardo', last_name: 'Da Vinci', callback: { callback_url_for_deliveries: 'https://x.test/dr' } });
	const edited = await call('PATCH', `/subaccount/${encodeURIComponent(SEED_SUB_ACCOUNT_LOGIN)}/edit`, { company_name: 'Italy' });
	expect(edited.status).toBe(200);
	expect((await call('GET', `/subaccount/${encodeURIComponent(SEED_SUB_ACCOUNT_LOGIN)}`)).body.company_name).toBe('Italy');
	expect((await call('GET', '/subaccount/nobody%40sub-accounts.com')).status).toBe(404);
	expect((await call('POST', '/subaccount/create', { first_name: 'a', last_name: 'b' })).body).toMatchObject({ code: 100, field: 'password' });
});

test('sub-account limit is 20 (the seed one included)', async () => {
	for (let i = 0; i < 19; i++) expect((await call('POST', '/subaccount/create', { first_name: 'a', last_name: 'b', password: 'c' })).status).toBe(201);
	expect((await call('POST', '/subaccount/create', { first_name: 'a', last_name: 'b', password: 'c' })).status).toBe(400);
});

test('credit transfer: token (201) then transfer (200) moves whole euros between wallet packs', async () => {
	const token = await call('POST', '/subaccount/credit-transfer/token', { email_to: SEED_SUB_ACCOUNT_LOGIN });
	expect(token.status).toBe(201);
	const transfer = await call('POST', '/subaccount/credit-transfer/transfer', { token: token.body.token, from_wallet_pack_id: 'wp-1002', amount: 30 });
	expect(transfer).toEqual({ status: 200, body: { wallet_pack_from: { id: 'wp-1002', residual_credit: 450.25 }, wallet_pack_to: { id: expect.any(String), residual_credit: 30 } } });
	// The token is spent.
	expect((await call('POST', '/subaccount/credit-transfer/transfer', { token: token.body.token, from_wallet_pack_id: 'wp-1002', amount: 1 })).status).toBe(400);
	const second = await call('POST', '/subaccount/credit-transfer/token', { email_to: SEED_SUB_ACCOUNT_LOGIN });
	expect((await call('POST', '/subaccount/credit-transfer/transfer', { token: second.body.token, from_wallet_pack_id: 'wp-1002', amount: 1.5 })).body).toMatchObject({ field: 'amount' });
});

test('SMS send: validation, 500-recipient limit, cost deducted, request_id repeat rejected', async () => {
	expect((await call('POST', '/sms-campaign/send', sms({ text: '' }))).body).toMatchObject({ code: 107 });
	expect((await call('POST', '/sms-campaign/send', sms({ text: 'x'.repeat(1225) }))).status).toBe(400);
	expect((await call('POST', '/sms-campaign/send', sms({ type: 'sms_gold' }))).body).toMatchObject({ code: 112 });
	expect((await call('POST', '/sms-campaign/send', sms({ sender: 'ab' }))).body).toMatchObject({ code: 106 });
	expect((await call('POST', '/sms-campaign/send', sms({ purpose: 'spam' }))).status).toBe(400);
	const recipients = Array.from({ length: 501 }, (_, i) => ({ phone_number: `+3361000${String(i).padStart(4, '0')}` }));
	expect((await call('POST', '/sms-campaign/send', sms({ recipients }))).status).toBe(400);
	expect(sandbox.sentCampaigns()).toHaveLength(0);

	const sent = await call('POST', '/sms-campaign/send', sms({ recipients: recipients.slice(0, 500), request_id: 'r-1' }));
	expect(sent.status).toBe(201);
	expect(sent.body).toEqual({ sms_ticket: expect.stringMatching(/^sms_/), number_of_contacts: 500, total_cost: 32.5, number_of_sms_needed: 500, residual_credit: 598.25 });
	const repeat = await call('POST', '/sms-campaign/send', sms({ request_id: 'r-1' }));
	expect(repeat).toEqual({ status: 400, body: { code: 100, message: 'This request_id has already been used in the last 24 hours.', field: 'request_id' } });
	// Each reading of "a validation error will be returned" can be played.
	sandbox.duplicateReading = 'code-120';
	expect(await call('POST', '/sms-campaign/send', sms({ request_id: 'r-1' }))).toEqual({ status: 400, body: { code: 120, message: 'A SMS with the same request_id has already been sent.' } });
	sandbox.duplicateReading = 'validation-errors-422';
	expect(await call('POST', '/sms-campaign/send', sms({ request_id: 'r-1' }))).toEqual({
		status: 422,
		body: { code: 100, message: 'The given data was invalid.', errors: { request_id: ['The request id has already been taken.'] } },
	});
	sandbox.duplicateReading = 'unexplained';
	expect(await call('POST', '/sms-campaign/send', sms({ request_id: 'r-1' }))).toEqual({ status: 400, body: { code: 100, message: 'Validation error.' } });
	expect(sandbox.sentCampaigns()).toHaveLength(1);
	// Simulations cost nothing.
	await call('POST', '/sms-campaign/send', sms({ simulation_mode: true }));
	expect(sandbox.balance()).toBe(598.25);
});

test('SMS cancel: DELETE with a JSON body, only > 10 min ahead and < 3 recipients', async () => {
	const later = new Date(Date.now() + 3600_000).toISOString();
	const sent = await call('POST', '/sms-campaign/send', sms({ send_at: later }));
	expect((await call('DELETE', '/sms-campaign/cancel', { ticket_number: sent.body.sms_ticket })).status).toBe(204);
	expect((await call('DELETE', '/sms-campaign/cancel', { ticket_number: sent.body.sms_ticket })).status).toBe(404);
	const now = await call('POST', '/sms-campaign/send', sms());
	expect((await call('DELETE', '/sms-campaign/cancel', { ticket_number: now.body.sms_ticket })).status).toBe(400);
});

test('voice send needs gender and language', async () => {
	expect((await call('POST', '/voice-campaign/send', sms({ type: undefined }))).status).toBe(400);
	const sent = await call('POST', '/voice-campaign/send', sms({ type: undefined, voice_gender: 'female', voice_language: 'fr-FR' }));
	expect(sent.status).toBe(201);
	expect(sent.body.sms_ticket).toMatch(/^vocal_/);
});

test('wallet balance (with details) and credits per country (country_codes[])', async () => {
	expect((await call('GET', '/wallet/check-balance')).body).toEqual({ amount: 630.75, unit: 'euros' });
	expect((await call('GET', '/wallet/check-balance?with_details=true')).body.wallet_packs).toHaveLength(2);
	expect((await call('GET', '/wallet/check-balance?product_name=nope&country_code=FR')).status).toBe(400);
	// Country and product go together; with both, the amount counts messages and the unit names them.
	expect((await call('GET', '/wallet/check-balance?country_code=FR')).body).toMatchObject({ code: 100, field: 'product_name' });
	expect((await call('GET', '/wallet/check-balance?product_name=sms_premium')).body).toMatchObject({ code: 100, field: 'country_code' });
	expect((await call('GET', '/wallet/check-balance?country_code=FR&product_name=sms_premium')).body).toEqual({ amount: 9703, unit: 'sms_premium' });
	const credits = await call('GET', '/wallet/check-credits?country_codes[]=FR&country_codes[]=BE');
	expect(Object.keys(credits.body)).toEqual(['FR', 'BE']);
	expect(credits.body.FR).toEqual({ premium_sms: 9703, vocal_sms: 7008, low_cost_sms: 14016, hlr: 126150 });
});

test('contacts, lists, HLR', async () => {
	expect((await call('POST', '/contact-list/create', { list_name: 'vip' })).status).toBe(201);
	expect((await call('POST', '/contact-list/create', { list_name: 'vip' })).status).toBe(400);
	expect((await call('POST', '/contact/create', { contacts: [{ phone_number: '+33611111111' }, { phone_number: '+33622222222' }], list_name: 'vip' })).body).toEqual({ number_of_contacts: 2, list_name: 'vip' });
	const tooMany = Array.from({ length: 201 }, (_, i) => `+3361000${String(i).padStart(4, '0')}`);
	expect((await call('DELETE', '/contact/delete', { phone_numbers: tooMany })).status).toBe(400);
	expect((await call('DELETE', '/contact/delete', { phone_numbers: [] })).status).toBe(400);
	expect((await call('DELETE', '/contact/delete', { phone_numbers: ['+33611111111'], list_name: 'vip' })).status).toBe(204);
	expect((await call('POST', '/contact-list/empty', { list_name: 'vip', delete_contacts: true })).body).toEqual({ list_name: 'vip', number_of_contacts_removed: 1 });
	const hlr = await call('POST', '/contact/hlr-request', { phone_numbers: ['+33611111111'], simulation_mode: true });
	expect(hlr.body[0]).toMatchObject({ phone_number: '+33611111111', network_name: 'Bouygues Telecom', mcc: 208, mnc: 21, status: 'valid', line_status: 'live', country_name: 'France', is_ported: false, ported_date: null });
	expect((await call('POST', '/contact/hlr-request', { phone_numbers: ['0611111111'] })).body).toMatchObject({ code: 117 });
});

test('OTP: generate, wrong code → 199 with remaining attempts, right code → success, expiry → 197; 194/195/196/198 as the public table says', async () => {
	const generated = await call('POST', '/service/otp/generate', { phone_number: '+33611111111', channel: 'text_sms', text: 'Code {code}', code_length: 6, max_wrong_attempts: 2 });
	expect(generated.status).toBe(201);
	const code = sandbox.otpCode(generated.body.otp_request_token)!;
	expect(code).toMatch(/^\d{6}$/);
	const overHttp = await fetch(`${sandbox.url}/__sandbox/octopush/otp?phone_number=%2B33611111111`);
	expect(await overHttp.json()).toEqual({ code });
	const wrong = await call('PUT', '/service/otp/validate', { code: code === '000000' ? '111111' : '000000', otp_request_token: generated.body.otp_request_token });
	expect(wrong).toEqual({ status: 400, body: { code: 199, message: 'Wrong OTP code.', remaining_number_of_attempts: 1 } });
	expect(await call('PUT', '/service/otp/validate', { code, phone_number: '+33611111111' })).toEqual({ status: 200, body: { code: 0, message: 'success' } });
	expect((await call('PUT', '/service/otp/validate', { code })).body).toEqual({ code: 194, message: 'At least phone number or request token is mandatory.' });
	expect((await call('PUT', '/service/otp/validate', { otp_request_token: 'otp_x' })).body).toEqual({ code: 195, message: 'The code field is mandatory.' });
	expect((await call('PUT', '/service/otp/validate', { code: '1', otp_request_token: 'otp_x' })).body).toEqual({ code: 198, message: 'OTP Request not found.' });
	const blocked = (await call('POST', '/service/otp/generate', { phone_number: '+33622222222', channel: 'text_sms', max_wrong_attempts: 1 })).body.otp_request_token;
	await call('PUT', '/service/otp/validate', { code: 'nope', otp_request_token: blocked });
	expect((await call('PUT', '/service/otp/validate', { code: 'nope', otp_request_token: blocked })).body).toEqual({ code: 196, message: 'Maximum amount of wrong attempts has been reached.', remaining_number_of_attempts: 0 });

	let now = Date.now();
	const clocked = createOctopushSandbox({ now: () => now });
	const url = `${await clocked.start()}/v1/public`;
	try {
		const put = async (path: string, method: string, body: unknown): Promise<Record<string, string>> =>
			(await (await fetch(`${url}${path}`, { method, headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, string>;
		const otp = await put('/service/otp/generate', 'POST', { phone_number: '+33611111111', channel: 'text_sms', validity_period: 60 });
		now += 61_000;
		expect(await put('/service/otp/validate', 'PUT', { code: clocked.otpCode(otp.otp_request_token), otp_request_token: otp.otp_request_token })).toMatchObject({ code: 197, message: 'OTP Request expired.' });
	} finally {
		await clocked.stop();
	}
});

test('unknown parameters are silently ignored, and reset forgets state', async () => {
	expect((await call('POST', '/contact-list/create', { list_name: 'a', colour: 'blue' })).status).toBe(201);
	sandbox.reset();
	expect((await call('POST', '/contact-list/create', { list_name: 'a' })).status).toBe(201);
});

describe('campaigns on a list or a tag', () => {
	const fill = async () => {
		await call('POST', '/contact-list/create', { list_name: 'vip' });
		await call('POST', '/contact/create', { contacts: [{ phone_number: '+33611111111' }, { phone_number: '+33622222222' }], list_name: 'vip', tag_name: 'spring' });
	};
	const campaign = (extra: Record<string, unknown> = {}) => ({ text: 'Hello {first_name}', type: 'sms_premium', purpose: 'alert', ...extra });

	test('create → under_computation → ready_to_be_sent after the configured delay → confirm sends once, debits once', async () => {
		await fill();
		sandbox.listCampaigns.readyAfterMs = 200;
		const created = await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'vip', request_id: 'l-1' }));
		expect(created).toEqual({ status: 201, body: { ticket_number: expect.stringMatching(/^sms_/) } });
		const ticket = created.body.ticket_number;
		expect((await call('GET', `/sms-campaign-on-list/status?ticket_number=${ticket}`)).body).toEqual({ number_of_contacts: 0, cost: 0, status: 'under_computation' });
		expect((await call('POST', '/sms-campaign-on-list/send', { ticket_number: ticket })).body).toMatchObject({ code: 100, message: 'The campaign is not ready to be sent yet.' });
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect((await call('GET', `/sms-campaign-on-list/status?ticket_number=${ticket}`)).body).toEqual({ number_of_contacts: 2, cost: 0.13, status: 'ready_to_be_sent' });
		// A tag campaign's ticket is confirmed on the tag path, not the list one.
		expect((await call('POST', '/sms-campaign-on-tag/send', { ticket_number: ticket })).status).toBe(404);
		const before = sandbox.balance();
		const sent = await call('POST', '/sms-campaign-on-list/send', { ticket_number: ticket });
		expect(sent).toEqual({ status: 200, body: { sending_date: expect.any(String) } });
		expect(sandbox.balance()).toBe(Math.round((before - 0.13) * 10000) / 10000);
		expect(sandbox.sentCampaigns().map((c) => c.recipients.length)).toEqual([2]);
		expect((await call('POST', '/sms-campaign-on-list/send', { ticket_number: ticket })).body).toMatchObject({ message: 'The campaign has already been sent.' });
		// "Useful only while the campaign is being computed and not sent yet".
		expect((await call('GET', `/sms-campaign-on-list/status?ticket_number=${ticket}`)).status).toBe(404);
		// The request_id is spent.
		expect((await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'vip', request_id: 'l-1' }))).status).toBe(400);
	});

	test('tags, voice, failed (empty), cancel, and the documented readings of the status page', async () => {
		await fill();
		sandbox.listCampaigns.readyAfterMs = 0;
		const tag = await call('POST', '/voice-campaign-on-tag/create', { text: 'Bonjour', voice_gender: 'female', voice_language: 'fr-FR', tag_name: 'spring' });
		expect(tag.body.ticket_number).toMatch(/^voice_/);
		expect((await call('GET', `/voice-campaign-on-list/status?ticket_number=${tag.body.ticket_number}`)).body).toMatchObject({ number_of_contacts: 2, status: 'ready_to_be_sent', estimated_duration: expect.any(Number) });
		expect((await call('DELETE', '/voice-campaign-on-list/cancel', { ticket_number: tag.body.ticket_number })).status).toBe(204);
		expect((await call('POST', '/voice-campaign-on-tag/send', { ticket_number: tag.body.ticket_number })).status).toBe(404);
		const empty = await call('POST', '/sms-campaign-on-tag/create', campaign({ tag_name: 'nobody' }));
		expect((await call('GET', `/sms-campaign-on-list/status?ticket_number=${empty.body.ticket_number}`)).body.status).toBe('failed');
		expect((await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'nope' }))).status).toBe(404);
		expect((await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'x'.repeat(31) }))).body).toMatchObject({ field: 'list_name' });
		sandbox.listCampaigns.readyAfterMs = 60_000;
		sandbox.listCampaigns.statusWhileComputing = 'bad-request';
		const computing = await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'vip' }));
		expect(await call('GET', `/sms-campaign-on-list/status?ticket_number=${computing.body.ticket_number}`)).toEqual({ status: 400, body: { code: 100, message: 'The campaign is not ready yet.' } });
		sandbox.listCampaigns.readyAfterMs = 0;
		sandbox.listCampaigns.readySpelling = 'ready_to_be_send';
		sandbox.listCampaigns.ticketKey = 'sms_ticket';
		const other = await call('POST', '/sms-campaign-on-list/create', campaign({ list_name: 'vip' }));
		expect((await call('GET', `/sms-campaign-on-list/status?ticket_number=${other.body.sms_ticket}`)).body.status).toBe('ready_to_be_send');
	});
});

test('SMS parts as operators count them: € and [ ] count two septets, an emoji two UCS-2 units', () => {
	expect([smsParts('€'.repeat(80)), smsParts('€'.repeat(81)), smsParts('a'.repeat(160)), smsParts('a'.repeat(161))]).toEqual([1, 2, 1, 2]);
	expect([smsParts('😀'.repeat(35)), smsParts('😀'.repeat(36)), smsParts('é')]).toEqual([1, 2, 1]);
});
