/**
 * Simplify on Octopush's answers (n8n's UX guidelines), through n8n-core against the sandbox: the normal
 * node's default output is Octopush's answer as before (saved workflows keep their output), Simplify on
 * outputs exactly the documented fields, one level deep, and the AI-tool variant outputs them by default.
 */
import type { IDataObject } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { SEED_SUB_ACCOUNT_LOGIN } from '../../sandbox/octopush';
import { runNode } from '../harness/run-node';
import { toolVariant } from '../harness/tool-variant';
import { OCTOPUSH_SANDBOX_LOGIN, useOctopush } from './helpers';

const t = useOctopush();

async function runTool(parameters: IDataObject) {
	const { items } = await runNode({ nodeType: toolVariant(new Octopush()), parameters: parameters as never, credentials: t.credentials });
	return items.map((item) => item.json);
}

const SUB_ACCOUNT_FIELDS = [
	'api_login',
	'first_name',
	'last_name',
	'company_name',
	'callback_url_for_deliveries',
	'callback_url_for_inbounds',
	'callback_url_for_blacklisted_numbers',
	'callback_url_for_visits',
	'email_for_inbounds',
];
const HLR_FIELDS = ['phone_number', 'status', 'line_status', 'phone_number_type', 'network_name', 'country_code', 'is_ported', 'original_network_name', 'mcc', 'mnc'];
const SETTINGS_FIELDS = [
	'callback_url_for_deliveries',
	'callback_url_for_inbounds',
	'callback_url_for_blacklisted_numbers',
	'callback_url_for_visits',
	'email_for_inbounds',
	'sender_for_sms_premium',
	'sender_for_voice_sms',
	'alert_type',
	'alert_bound',
	'alert_email_to',
];

describe('Sub-Account › Get', () => {
	test('normal node: the answer as before, API key included; Simplify: the documented fields, one level, no API key', async () => {
		const { items: raw } = await t.run({ resource: 'subAccount', operation: 'get', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN });
		expect(Object.keys(raw[0].json)).toEqual(['api_login', 'first_name', 'last_name', 'company_name', 'api_key', 'callback']);

		const { items } = await t.run({ resource: 'subAccount', operation: 'get', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, simplify: true });
		expect(items[0].json).toEqual({
			api_login: SEED_SUB_ACCOUNT_LOGIN,
			first_name: 'Seed',
			last_name: 'Sub-account',
			company_name: 'Octopush seed',
			callback_url_for_deliveries: null,
			callback_url_for_inbounds: null,
			callback_url_for_blacklisted_numbers: null,
			callback_url_for_visits: null,
			email_for_inbounds: null,
		});
		expect(Object.keys(items[0].json)).toEqual(SUB_ACCOUNT_FIELDS);
	});

	test('as an AI agent\'s tool: simplified by default, so the agent is never handed the sub-account\'s API key', async () => {
		const [answer] = await runTool({ resource: 'subAccount', operation: 'get', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN });
		expect(Object.keys(answer)).toEqual(SUB_ACCOUNT_FIELDS);
		expect(JSON.stringify(answer)).not.toContain('seed-sub-account-key');
	});
});

describe('Phone Number › HLR Lookup', () => {
	const parameters = { resource: 'phoneNumber', operation: 'hlrLookup', phoneNumbers: '+33611111199,+4915112345678', simulationMode: true };

	test('normal node: every field Octopush sends; Simplify: the documented 10, the original network flattened', async () => {
		const { items: raw } = await t.run(parameters);
		expect(Object.keys(raw[0].json).length).toBeGreaterThan(10);

		const { items } = await t.run({ ...parameters, simplify: true });
		// Not ported (the second): original_network_details is null, so there is no name under it.
		expect(items.map((item) => Object.keys(item.json))).toEqual([HLR_FIELDS, HLR_FIELDS.filter((field) => field !== 'original_network_name')]);
		expect(items[0].json).toEqual({
			phone_number: '+33611111199',
			status: 'valid',
			line_status: 'live',
			phone_number_type: 'mobile',
			network_name: 'Bouygues Telecom',
			country_code: 'FR',
			is_ported: true,
			original_network_name: 'SFR',
			mcc: 208,
			mnc: 21,
		});
		// Not ported: original_network_details is null, so there is no name under it; null is not invented.
		expect(items[1].json).toMatchObject({ phone_number: '+4915112345678', is_ported: false });
		expect(items[1].json).not.toHaveProperty('original_network_name');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('as an AI agent\'s tool: simplified by default', async () => {
		expect((await runTool(parameters)).map(Object.keys)).toEqual([HLR_FIELDS, HLR_FIELDS.filter((field) => field !== 'original_network_name')]);
	});
});

describe('Account › Get Settings', () => {
	test('normal node: the three sections as Octopush answers; Simplify: the documented 10 fields, one level', async () => {
		const settings = t.sandbox.accountSettings.of(OCTOPUSH_SANDBOX_LOGIN);
		const { items: raw } = await t.run({ resource: 'account', operation: 'getSettings' });
		expect(raw[0].json).toEqual(settings);

		const { items } = await t.run({ resource: 'account', operation: 'getSettings', simplify: true });
		expect(Object.keys(items[0].json)).toEqual(SETTINGS_FIELDS);
		expect(items[0].json).toEqual({
			...settings.callbacks,
			sender_for_sms_premium: settings.campaign_parameters.sender_for_sms_premium,
			sender_for_voice_sms: settings.campaign_parameters.sender_for_voice_sms,
			alert_type: settings.sms_campaign_alert_parameters.alert_type,
			alert_bound: settings.sms_campaign_alert_parameters.alert_bound,
			alert_email_to: settings.sms_campaign_alert_parameters.alert_email_to,
		});
	});

	test('as an AI agent\'s tool: simplified by default, the raw answer when Simplify is turned off', async () => {
		expect((await runTool({ resource: 'account', operation: 'getSettings' })).map(Object.keys)).toEqual([SETTINGS_FIELDS]);
		expect(Object.keys((await runTool({ resource: 'account', operation: 'getSettings', simplify: false }))[0])).toEqual(['sms_campaign_alert_parameters', 'campaign_parameters', 'callbacks']);
	});
});

test('Contact List › Delete as a tool outputs { list_name, deleted: true } (the list\'s name is its id)', async () => {
	await t.run({ resource: 'contactList', operation: 'create', listName: 'Old list' });
	expect(await runTool({ resource: 'contactList', operation: 'delete', listName: 'Old list' })).toEqual([{ list_name: 'Old list', deleted: true }]);
});
