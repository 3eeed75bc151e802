/**
 * Account → Get Settings / Update Settings (dev.octopush.com api-default-parameters/retrieve-configuration,
 * modify-configuration): exact requests, outputs, and the account's other settings kept whichever way
 * Octopush treats a PATCH.
 */
import type { IDataObject } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, type OctopushSandbox } from '../../sandbox/octopush';
import { runNode } from '../harness/run-node';
import { AUTH_HEADERS, OCTOPUSH_SANDBOX_LOGIN, useOctopush } from './helpers';

const t = useOctopush();
const SETTINGS = '/v1/public/user/campaign-parameters';
const EDIT = '/v1/public/user/campaign-parameters/edit';
const settingsNow = () => t.sandbox.accountSettings.of(OCTOPUSH_SANDBOX_LOGIN);

test('Get Settings: GET /user/campaign-parameters, output as Octopush answers it', async () => {
	const { items } = await t.run({ resource: 'account', operation: 'getSettings' });
	expect(t.sandbox.requests.map((r) => [r.method, r.url, r.rawBody])).toEqual([['GET', SETTINGS, '']]);
	expect(t.sandbox.requests[0].headers).toMatchObject(AUTH_HEADERS);
	expect(items.map((i) => i.json)).toEqual([settingsNow()]);
	expect(Object.keys(items[0].json)).toEqual(['sms_campaign_alert_parameters', 'campaign_parameters', 'callbacks']);
});

test('Update Settings: reads first, sends each changed section whole (both spellings of the alert e-mail), outputs the new settings', async () => {
	const before = settingsNow();
	const { items } = await t.run({
		resource: 'account',
		operation: 'updateSettings',
		callbacks: { callbackUrlForDeliveries: 'https://n8n.example.com/webhook/dr', clear: ['callback_url_for_inbounds'] },
		creditAlert: { alertEmailTo: 'ops@example.com', alertBound: 300 },
	});
	expect(t.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${SETTINGS}`, `PATCH ${EDIT}`]);
	expect(t.sandbox.requests[1].body).toEqual({
		sms_campaign_alert_parameters: { ...before.sms_campaign_alert_parameters, alert_bound: 300, alert_email_to: 'ops@example.com', alert_emails_to: ['ops@example.com'] },
		callbacks: {
			callback_url_for_inbounds: '',
			callback_url_for_deliveries: 'https://n8n.example.com/webhook/dr',
			callback_url_for_blacklisted_numbers: before.callbacks.callback_url_for_blacklisted_numbers,
			email_for_inbounds: before.callbacks.email_for_inbounds,
		},
	});
	const after = settingsNow();
	expect(after).toEqual({
		...before,
		sms_campaign_alert_parameters: { ...before.sms_campaign_alert_parameters, alert_bound: 300, alert_email_to: 'ops@example.com' },
		callbacks: { ...before.callbacks, callback_url_for_deliveries: 'https://n8n.example.com/webhook/dr', callback_url_for_inbounds: null },
	});
	expect(items.map((i) => i.json)).toEqual([after]);
});

test('Update Settings checks every value before any request, naming the field and the item', async () => {
	const cases: Array<[IDataObject, string]> = [
		[{ campaignDefaults: { senderForSmsPremium: 'My Shop!' } }, '"SMS Sender" is not 3 to 11 letters or digits: "My Shop!" [item 0]'],
		[{ campaignDefaults: { senderForVoiceSms: 'ABC123' } }, '"Voice Sender" is not 3 to 11 digits: "ABC123" [item 0]'],
		[{ campaignDefaults: { phoneNumberForTestSms: '0612' } }, '"Test Phone Number" is not an international phone number: "0612" [item 0]'],
		[{ creditAlert: { alertBound: 1.5 } }, '"Threshold" must be a whole number, got 1.5 [item 0]'],
		[{ creditAlert: { alertEmailTo: 'ops-at-example' } }, '"Alert E-Mail" is not an e-mail address: "ops-at-example" [item 0]'],
		[{ callbacks: { callbackUrlForVisits: 'ftp://x.example' } }, '"Visits URL" is not a web address: "ftp://x.example" [item 0]'],
		[{ callbacks: { callbackUrlForDeliveries: 'https://a.example', clear: ['callback_url_for_deliveries'] } }, '"URLs to Clear" lists Deliveries URL, which is also given a new value [item 0]'],
		[{}, '"Callbacks, Campaign Defaults and Credit Alert" are all empty [item 0]'],
	];
	for (const [parameters, message] of cases) {
		const error = await t.fail({ resource: 'account', operation: 'updateSettings', ...parameters });
		expect(error.message).toBe(message);
	}
	expect(t.sandbox.requests).toEqual([]);
});

test('Octopush refusing a value: its words, for that item', async () => {
	t.sandbox.injectFault({ method: 'PATCH', path: EDIT, status: 400, body: { code: 100, message: 'sender_for_sms_premium: 3 to 11 alphanumeric characters.', field: 'sender_for_sms_premium' } });
	const error = await t.fail({ resource: 'account', operation: 'updateSettings', campaignDefaults: { senderForSmsPremium: 'Shop1' } });
	expect(error.message).toBe('Octopush rejected the request (400): sender_for_sms_premium: 3 to 11 alphanumeric characters. (code 100)');
});

describe('a PATCH that replaces whole sections (a reading the documents leave open)', () => {
	let sandbox: OctopushSandbox;
	beforeAll(async () => {
		sandbox = createOctopushSandbox({ accountSettings: { patch: 'replaceSections' } });
		await sandbox.start();
	});
	afterAll(async () => await sandbox.stop());

	test('changing one default sender keeps the other defaults and every callback', async () => {
		const before = sandbox.accountSettings.of(OCTOPUSH_SANDBOX_LOGIN);
		await runNode({
			nodeType: new Octopush(),
			parameters: { resource: 'account', operation: 'updateSettings', campaignDefaults: { senderForSmsPremium: 'NewShop' } },
			credentials: { octopushApi: { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${sandbox.url}/v1/public` } },
		});
		expect(sandbox.accountSettings.of(OCTOPUSH_SANDBOX_LOGIN)).toEqual({ ...before, campaign_parameters: { ...before.campaign_parameters, sender_for_sms_premium: 'NewShop' } });
	});
});
