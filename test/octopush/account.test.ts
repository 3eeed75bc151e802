/** Wallet, Contact, Contact List, Phone Number and OTP operations: exact requests and outputs. */
import type { IDataObject } from 'n8n-workflow';

import { AUTH_HEADERS, useOctopush } from './helpers';

const t = useOctopush();

describe('Wallet', () => {
	test('Get Balance: GET /wallet/check-balance; with details lists the wallet packs', async () => {
		const plain = await t.run({ resource: 'wallet', operation: 'getBalance' });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: '/v1/public/wallet/check-balance', headers: AUTH_HEADERS, rawBody: '' });
		expect(plain.items[0].json).toEqual({ amount: 630.75, unit: 'euros' });
		const detailed = await t.run({ resource: 'wallet', operation: 'getBalance', withDetails: true, filters: { countryCode: 'fr', productName: 'sms_low_cost' } });
		expect(t.sandbox.requests[1].query).toEqual({ with_details: 'true', country_code: 'FR', product_name: 'sms_low_cost' });
		// Filtered: a count of messages, and the unit says which (not euros).
		expect(detailed.items[0].json).toMatchObject({ amount: 14016, unit: 'sms_low_cost' });
		expect(detailed.items[0].json.wallet_packs).toEqual([
			{ wallet_pack_id: 'wp-1001', credit: 150.5, expiration_date: '2027-06-30' },
			{ wallet_pack_id: 'wp-1002', credit: 480.25, expiration_date: '2027-12-31' },
		]);
		const error = await t.fail({ resource: 'wallet', operation: 'getBalance', filters: { countryCode: 'France', productName: 'hlr' } });
		expect(error.message).toBe('"Country Code" is not a two-letter country code: "FRANCE" [item 0]');
		// One filter without the other: a clear error before any request.
		t.sandbox.clearRequests();
		const countryOnly = await t.fail({ resource: 'wallet', operation: 'getBalance', filters: { countryCode: 'FR' } });
		expect(countryOnly.message).toBe('"Product" is empty while Country Code is set [item 0]');
		const productOnly = await t.fail({ resource: 'wallet', operation: 'getBalance', filters: { productName: 'sms_premium' } });
		expect(productOnly.message).toBe('"Country Code" is empty while Product is set [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('Get Credits: country_codes[] per country, one output item per country', async () => {
		const { items } = await t.run({ resource: 'wallet', operation: 'getCredits', countryCodes: 'fr, be,FR' });
		expect(t.sandbox.requests[0].url).toBe('/v1/public/wallet/check-credits?country_codes%5B%5D=FR&country_codes%5B%5D=BE');
		expect(items.map((i) => i.json)).toEqual([
			{ country_code: 'FR', premium_sms: 9703, vocal_sms: 7008, low_cost_sms: 14016, hlr: 126150 },
			{ country_code: 'BE', premium_sms: 9703, vocal_sms: 7008, low_cost_sms: 14016, hlr: 126150 },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const error = await t.fail({ resource: 'wallet', operation: 'getCredits', countryCodes: 'FR, 33' });
		expect(error.message).toBe('"Country Codes" contains "33", not a two-letter country code [item 0]');
	});
});

describe('Contacts and lists', () => {
	test('Contact List Create and Empty', async () => {
		const created = await t.run({ resource: 'contactList', operation: 'create', listName: 'VIP customers' });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/public/contact-list/create', headers: AUTH_HEADERS, body: { list_name: 'VIP customers' } });
		expect(created.items[0].json).toEqual({ list_name: 'VIP customers', created: true });
		await t.run({ resource: 'contact', operation: 'create', phoneNumber: '+33611111111', listName: 'VIP customers' });
		const emptied = await t.run({ resource: 'contactList', operation: 'empty', listName: 'VIP customers', deleteContacts: true });
		expect(t.sandbox.requests[2].body).toEqual({ list_name: 'VIP customers', delete_contacts: true });
		expect(emptied.items[0].json).toEqual({ list_name: 'VIP customers', emptied: true, delete_contacts: true, number_of_contacts_removed: 1 });
		const missing = await t.fail({ resource: 'contactList', operation: 'empty', listName: 'nope' });
		expect(missing.message).toBe('Octopush: not found (404): List nope not found. (code 100)');
	});

	test('Contact Create: one contact per item into a list and tag, with its fields and options', async () => {
		const { items } = await t.run(
			{
				resource: 'contact',
				operation: 'create',
				phoneNumber: '={{ $json.phone }}',
				listName: 'Newsletter',
				tagName: 'spring',
				contactFields: { firstName: '={{ $json.first }}', lastName: 'Doe', param1: 'gold' },
				options: { doNotOverwrite: true, autoRemoveBlacklistedNumbers: false },
			},
			[{ phone: '+33611111111', first: 'Jane' }, { phone: '+33622222222', first: 'John' }],
		);
		expect(t.sandbox.requests).toHaveLength(2);
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/public/contact/create', headers: AUTH_HEADERS });
		expect(t.sandbox.requests[0].body).toEqual({
			contacts: [{ phone_number: '+33611111111', first_name: 'Jane', last_name: 'Doe', param1: 'gold' }],
			list_name: 'Newsletter',
			tag_name: 'spring',
			auto_remove_blacklisted_numbers: false,
			do_not_overwrite: true,
		});
		expect(items[1].json).toEqual({ phone_number: '+33622222222', first_name: 'John', last_name: 'Doe', param1: 'gold', list_name: 'Newsletter', tag_name: 'spring', number_of_contacts: 1 });
	});

	test('Contact Delete splits 450 numbers into requests of 200, 200 and 50', async () => {
		const numbers = Array.from({ length: 450 }, (_, i) => `+3361${String(i).padStart(7, '0')}`);
		const { items } = await t.run({ resource: 'contact', operation: 'delete', deleteFrom: 'account', phoneNumbers: '={{ $json.numbers }}' }, [{ numbers }]);
		const deletes = t.sandbox.requestsTo('DELETE', '/v1/public/contact/delete');
		expect(deletes.map((r) => ((r.body as IDataObject).phone_numbers as string[]).length)).toEqual([200, 200, 50]);
		expect(deletes[0].headers).toMatchObject(AUTH_HEADERS);
		expect(deletes[2].body).toEqual({ phone_numbers: numbers.slice(400) });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ deleted: true, number_of_contacts: 450, requests: 3 });
		const error = await t.fail({ resource: 'contact', operation: 'delete', deleteFrom: 'account', phoneNumbers: '+33611111111, 0611' });
		expect(error.message).toBe('"Phone Numbers" is not an international phone number: "0611" [item 0]');
	});
});

test('Phone Number HLR Lookup: POST /contact/hlr-request, one output item per number, fields as Octopush documents them', async () => {
	const { items } = await t.run({ resource: 'phoneNumber', operation: 'hlrLookup', phoneNumbers: '+33611111199,+33611110000,+4915112345678', simulationMode: true });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/public/contact/hlr-request', headers: AUTH_HEADERS, body: { phone_numbers: ['+33611111199', '+33611110000', '+4915112345678'], simulation_mode: true } });
	expect(items).toHaveLength(3);
	expect(items[0].json).toMatchObject({
		phone_number: '+33611111199',
		network_name: 'Bouygues Telecom',
		mcc: 208,
		mnc: 21,
		status: 'valid',
		line_status: 'live',
		country_name: 'France',
		is_ported: true,
		ported_date: '2021-10-04 14:00:14',
		original_network_details: { network_name: 'SFR', mcc: 208, mnc: 9 },
	});
	expect(items[1].json).toMatchObject({ phone_number: '+33611110000', status: 'invalid' });
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
});

describe('OTP', () => {
	test('Generate then Validate: a wrong code is an output with valid false and the attempts left; the right code is valid', async () => {
		const generated = await t.run({ resource: 'otp', operation: 'generate', phoneNumber: '+33611111111', options: { text: 'Your code: {code}', codeLength: 4, maxWrongAttempts: 3, sender: 'MyApp', validityPeriod: 120 } });
		expect(t.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/public/service/otp/generate', headers: AUTH_HEADERS });
		expect(t.sandbox.requests[0].body).toEqual({ phone_number: '+33611111111', channel: 'text_sms', text: 'Your code: {code}', sender: 'MyApp', code_length: 4, validity_period: 120, max_wrong_attempts: 3 });
		const token = generated.items[0].json.otp_request_token as string;
		expect(token).toMatch(/^otp_/);
		const code = t.sandbox.otpCode(token)!;
		const wrongCode = code === '0000' ? '1111' : '0000';

		const wrong = await t.run({ resource: 'otp', operation: 'validate', code: wrongCode, otpRequestToken: token });
		expect(t.sandbox.requests[1]).toMatchObject({ method: 'PUT', path: '/v1/public/service/otp/validate', headers: AUTH_HEADERS, body: { code: wrongCode, otp_request_token: token } });
		expect(wrong.items[0].json).toEqual({ valid: false, code: 199, message: 'Wrong OTP code.', remaining_number_of_attempts: 2 });

		const right = await t.run({ resource: 'otp', operation: 'validate', code, findBy: 'phoneNumber', phoneNumber: '+33611111111' });
		expect(t.sandbox.requests[2].body).toEqual({ code, phone_number: '+33611111111' });
		expect(right.items[0].json).toEqual({ valid: true, code: 0, message: 'success' });
	});

	test('196, 197, 198 are outputs with valid false; 194/195 are request errors naming what is missing; a 500 is an error; never retried', async () => {
		const unknown = await t.run({ resource: 'otp', operation: 'validate', code: '1234', otpRequestToken: 'otp_nothing' });
		expect(unknown.items[0].json).toEqual({ valid: false, code: 198, message: 'OTP Request not found.' });
		const generated = await t.run({ resource: 'otp', operation: 'generate', phoneNumber: '+33622222222', options: { maxWrongAttempts: 1 } });
		const token = generated.items[0].json.otp_request_token as string;
		await t.run({ resource: 'otp', operation: 'validate', code: 'wrong', otpRequestToken: token });
		const blocked = await t.run({ resource: 'otp', operation: 'validate', code: 'wrong', otpRequestToken: token });
		expect(blocked.items[0].json).toEqual({ valid: false, code: 196, message: 'Maximum amount of wrong attempts has been reached.', remaining_number_of_attempts: 0 });
		// 194/195 cannot come from the node's own checks; an answer carrying them is a request error.
		t.sandbox.injectFault({ path: '/v1/public/service/otp/validate', status: 400, body: { code: 194, message: 'At least phone number or request token is mandatory.' } });
		const missing = await t.fail({ resource: 'otp', operation: 'validate', code: '1234', otpRequestToken: 'otp_x' });
		expect(missing.message).toBe('Octopush needs the OTP Request Token or the Phone Number to validate a code (code 194)');
		expect(missing.constructor.name).toBe('NodeApiError');
		t.sandbox.injectFault({ path: '/v1/public/service/otp/validate', status: 400, body: { code: 195, message: 'The code field is mandatory.' } });
		expect((await t.fail({ resource: 'otp', operation: 'validate', code: '1234', otpRequestToken: 'otp_x' })).message).toBe('Octopush needs the Code to validate a code (code 195)');
		t.sandbox.clearRequests();
		t.sandbox.injectFault({ path: '/v1/public/service/otp/validate', status: 500, body: { code: 1, message: 'Internal error' } });
		const error = await t.fail({ resource: 'otp', operation: 'validate', code: '1234', otpRequestToken: 'otp_x' });
		expect(error.message).toBe('Octopush had a server error (500): Internal error (code 1)');
		expect(t.sandbox.requests).toHaveLength(1);
	});

	test('an expired code is valid false with code 197', async () => {
		const generated = await t.run({ resource: 'otp', operation: 'generate', phoneNumber: '+33633333333', options: { validityPeriod: 1 } });
		const token = generated.items[0].json.otp_request_token as string;
		const otp = t.sandbox.otps.find((o) => o.token === token)!;
		otp.expiresAt = Date.now() - 1;
		const expired = await t.run({ resource: 'otp', operation: 'validate', code: t.sandbox.otpCode(token)!, otpRequestToken: token });
		expect(expired.items[0].json).toMatchObject({ valid: false, code: 197, message: 'OTP Request expired.' });
	});

	test('Generate by e-mail sends the address instead of a phone number; bad input is refused first', async () => {
		await t.run({ resource: 'otp', operation: 'generate', channel: 'email', email: 'user@example.com' });
		expect(t.sandbox.requests[0].body).toEqual({ email: 'user@example.com', channel: 'email' });
		const text = await t.fail({ resource: 'otp', operation: 'generate', phoneNumber: '+33611111111', options: { text: 'no placeholder' } });
		expect(text.message).toBe('"Text" does not contain {code} [item 0]');
		const length = await t.fail({ resource: 'otp', operation: 'generate', phoneNumber: '+33611111111', options: { codeLength: 2 } });
		expect(length.message).toBe('"Code Length" must be at least 3, got 2 [item 0]');
		expect(t.sandbox.requests).toHaveLength(1);
	});
});

describe('list and tag names', () => {
	test('Contact List Delete: DELETE /contact-list/delete with the list name; an unknown list is a 404', async () => {
		await t.run({ resource: 'contactList', operation: 'create', listName: 'Old list' });
		const { items } = await t.run({ resource: 'contactList', operation: 'delete', listName: 'Old list' });
		expect(t.sandbox.requests[1]).toMatchObject({ method: 'DELETE', path: '/v1/public/contact-list/delete', headers: AUTH_HEADERS, body: { list_name: 'Old list' } });
		expect(items[0].json).toEqual({ list_name: 'Old list', deleted: true });
		expect(t.sandbox.lists.has('Old list')).toBe(false);
		const missing = await t.fail({ resource: 'contactList', operation: 'delete', listName: 'Old list' });
		expect(missing.message).toBe('Octopush: not found (404): List Old list not found. (code 100)');
	});

	test('a list name over 30 or a tag name over 20 characters is refused before any request', async () => {
		const list = await t.fail({ resource: 'contactList', operation: 'create', listName: 'x'.repeat(31) });
		expect(list.message).toBe('"List Name" is too long (31 characters) [item 0]');
		const tag = await t.fail({ resource: 'contact', operation: 'create', phoneNumber: '+33611111111', tagName: 't'.repeat(21) });
		expect(tag.message).toBe('"Tag Name" is too long (21 characters) [item 0]');
		const del = await t.fail({ resource: 'contact', operation: 'delete', phoneNumbers: '+33611111111', listName: 'y'.repeat(31) });
		expect(del.message).toBe('"List Name" is too long (31 characters) [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
		await t.run({ resource: 'contactList', operation: 'create', listName: 'x'.repeat(30) });
		expect(t.sandbox.requests).toHaveLength(1);
	});
});
