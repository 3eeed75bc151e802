/**
 * The Octopush Trigger registering itself on the account (automatic mode), through n8n-core's HookContext
 * as n8n's ActiveWorkflowManager and TestWebhooks run it, against the sandbox's account settings; the
 * sandbox then calls back as Octopush does, into the trigger's webhook() behind a loopback listener.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN, type OctopushSandbox, type OctopushSandboxOptions } from '../../sandbox/octopush';
import { TriggerHarness } from '../harness/hook';

const LOGIN = OCTOPUSH_SANDBOX_LOGIN;
const SETTINGS = '/v1/public/user/campaign-parameters';
const EDIT = '/v1/public/user/campaign-parameters/edit';

const report = { channel: 'sms', message_id: 'sms_5fa275dbf21dc', number: '+33600000000', status: 'DELIVERED', delivery_date: '2026-11-24 11:11:45', meta_data: {} };
// The general callbacks page names the inbound date answer_date (the inbounds page: reception_date).
const reply = { message_id: 'sms_5fa275dbf21dc', number: '+33600000000', text: 'Yes', sim_card_number: '12345', answer_date: '2026-11-24 11:12:00' };

const sandboxes: OctopushSandbox[] = [];
const harnesses: TriggerHarness[] = [];

async function sandboxWith(options: OctopushSandboxOptions = {}) {
	const sandbox = createOctopushSandbox(options);
	sandboxes.push(sandbox);
	const url = await sandbox.start();
	return { sandbox, credentials: { octopushApi: { apiLogin: LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${url}/v1/public` } } };
}

async function setUp(parameters: INodeParameters = { events: ['deliveryReport', 'inboundSms'] }, options: OctopushSandboxOptions = {}, typeVersion?: number) {
	const { sandbox, credentials } = await sandboxWith(options);
	const harness = new TriggerHarness({ nodeType: new OctopushTrigger(), parameters, credentials, typeVersion });
	harnesses.push(harness);
	await harness.start();
	return { sandbox, harness, before: JSON.stringify(sandbox.accountSettings.of(LOGIN)) };
}

afterAll(async () => {
	await Promise.all(harnesses.map(async (harness) => await harness.stop()));
	await Promise.all(sandboxes.map(async (sandbox) => await sandbox.stop()));
});

const requestsOf = (sandbox: OctopushSandbox) => sandbox.requests.map((request) => `${request.method} ${request.path}`);
const callbacks = (sandbox: OctopushSandbox) => sandbox.accountSettings.of(LOGIN).callbacks;

describe('activation and deactivation', () => {
	test('activation points the chosen kinds at the Production URL (with a token); deactivation puts back the account byte for byte', async () => {
		const { sandbox, harness, before } = await setUp();
		const original = callbacks(sandbox);
		await harness.activate();
		expect(requestsOf(sandbox)).toEqual([`GET ${SETTINGS}`, `PATCH ${EDIT}`, `GET ${SETTINGS}`]);
		const token = harness.staticData['node:Octopush Trigger'] as IDataObject;
		expect(token.token).toMatch(/^[A-Za-z0-9]{32}$/);
		const registered = `${harness.productionUrl}?n8nToken=${String(token.token)}`;
		// The whole callbacks section goes back (unset keys left out), only the chosen kinds changed.
		expect(sandbox.requests[1].body).toEqual({
			callbacks: {
				callback_url_for_inbounds: registered,
				callback_url_for_deliveries: registered,
				callback_url_for_blacklisted_numbers: original.callback_url_for_blacklisted_numbers,
				email_for_inbounds: original.email_for_inbounds,
			},
		});
		expect(callbacks(sandbox)).toEqual({ ...original, callback_url_for_inbounds: registered, callback_url_for_deliveries: registered });
		expect(token).toEqual({
			registeredUrl: registered,
			token: token.token,
			previousCallbacks: { callback_url_for_deliveries: original.callback_url_for_deliveries, callback_url_for_inbounds: original.callback_url_for_inbounds },
		});

		sandbox.clearRequests();
		expect(await harness.deactivate()).toBe(true);
		expect(requestsOf(sandbox)).toEqual([`GET ${SETTINGS}`, `PATCH ${EDIT}`]);
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
		expect(harness.staticData['node:Octopush Trigger']).toEqual({});
	});

	test('Octopush calls back: a delivery report and an inbound with answer_date start the workflow, answered with an empty 200', async () => {
		const { sandbox, harness } = await setUp();
		await harness.activate();
		const delivered = await sandbox.accountSettings.deliver(LOGIN, 'delivery', report);
		const replied = await sandbox.accountSettings.deliver(LOGIN, 'inbound', reply);
		await harness.settled();
		expect([delivered, replied].map((d) => [d.status, d.responseBody, d.compliant])).toEqual([
			[200, '', true],
			[200, '', true],
		]);
		expect(harness.received.map((r) => [r.mode, r.items?.map((item) => item.json)])).toEqual([
			['production', [{ ...report, event: 'deliveryReport' }]],
			['production', [{ ...reply, event: 'inboundSms' }]],
		]);
		// A kind the trigger did not take over still goes where it went before.
		expect(callbacks(sandbox).callback_url_for_blacklisted_numbers).toBe('https://crm.customer.example/octopush/stops');
		await harness.deactivate();
	});

	test('a POST without the registered token (or with another) is refused with 403 and starts nothing', async () => {
		const { harness } = await setUp();
		await harness.activate();
		const bare = await harness.post(harness.productionUrl, report);
		const wrong = await harness.post(`${harness.productionUrl}?n8nToken=${'x'.repeat(32)}`, report);
		expect([bare.status, wrong.status]).toEqual([403, 403]);
		expect(JSON.parse(bare.body).message).toMatch(/token does not match/);
		expect(harness.received.every((r) => r.items === undefined)).toBe(true);
		await harness.deactivate();
	});

	test('"Listen for test event" on top of the active production trigger takes the URLs over, then puts the production URL back', async () => {
		const { sandbox, harness, before } = await setUp();
		await harness.activate();
		const production = callbacks(sandbox);
		await harness.listenForTest();
		const test = harness.testStaticData!['node:Octopush Trigger'] as IDataObject;
		expect(callbacks(sandbox).callback_url_for_deliveries).toBe(`${harness.testUrl}?n8nToken=${String(test.token)}`);
		// The test copy's snapshot is the production registration, never the original URLs.
		expect(test.previousCallbacks).toEqual({ callback_url_for_deliveries: production.callback_url_for_deliveries, callback_url_for_inbounds: production.callback_url_for_inbounds });
		await sandbox.accountSettings.deliver(LOGIN, 'delivery', report);
		await harness.settled();
		expect(harness.received.at(-1)).toMatchObject({ mode: 'test', status: 200 });
		expect(harness.received.at(-1)!.items?.[0].json.event).toBe('deliveryReport');

		await harness.stopListening();
		expect(callbacks(sandbox)).toEqual(production);
		await sandbox.accountSettings.deliver(LOGIN, 'delivery', report);
		await harness.settled();
		expect(harness.received.at(-1)).toMatchObject({ mode: 'production', status: 200 });
		await harness.deactivate();
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});

	test('two activations without a deactivation keep the first snapshot (n8n restarted, a URL changed by hand meanwhile)', async () => {
		const { sandbox, harness, before } = await setUp();
		await harness.activate();
		const first = harness.staticData;
		sandbox.clearRequests();
		await harness.activate();
		// Still registered: checkExists reads the account and nothing is changed.
		expect(requestsOf(sandbox)).toEqual([`GET ${SETTINGS}`]);
		expect(harness.staticData).toEqual(first);

		sandbox.accountSettings.setCallbacks(LOGIN, { callback_url_for_deliveries: 'https://someone.else.example/hook' });
		await harness.activate();
		expect(harness.calls.map((c) => c.method)).toEqual(['checkExists', 'create', 'checkExists', 'checkExists', 'create']);
		expect((harness.staticData['node:Octopush Trigger'] as IDataObject).previousCallbacks).toEqual((first['node:Octopush Trigger'] as IDataObject).previousCallbacks);
		await harness.deactivate();
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});

	test('a registration whose static data was lost never saves its own URL as "what was there"', async () => {
		const { sandbox, harness } = await setUp();
		await harness.activate();
		harness.staticData = {};
		await harness.activate();
		expect((harness.staticData['node:Octopush Trigger'] as IDataObject).previousCallbacks).toEqual({ callback_url_for_deliveries: '', callback_url_for_inbounds: '' });
		await harness.deactivate();
		// Nothing better to put back than "none": the URLs are cleared, not left pointing at a stopped trigger.
		expect(callbacks(sandbox)).toMatchObject({ callback_url_for_deliveries: null, callback_url_for_inbounds: null });
	});

	test('deactivation puts back only the keys still pointing at the trigger', async () => {
		const { sandbox, harness } = await setUp();
		const original = callbacks(sandbox);
		await harness.activate();
		sandbox.accountSettings.setCallbacks(LOGIN, { callback_url_for_inbounds: 'https://helpdesk.example/sms' });
		await harness.deactivate();
		expect(callbacks(sandbox)).toEqual({ ...original, callback_url_for_inbounds: 'https://helpdesk.example/sms' });
	});

	test('a kind no longer chosen at a new registration is put back at once', async () => {
		const { sandbox, harness, before } = await setUp();
		await harness.activate();
		// Saved with fewer events while n8n was down, and a person changed the deliveries URL meanwhile.
		harness.parameters = { events: ['deliveryReport'] };
		sandbox.accountSettings.setCallbacks(LOGIN, { callback_url_for_deliveries: 'https://someone.else.example/hook' });
		await harness.activate();
		const now = callbacks(sandbox);
		expect(now.callback_url_for_inbounds).toBe(JSON.parse(before).callbacks.callback_url_for_inbounds);
		expect(now.callback_url_for_deliveries).toMatch(new RegExp(`^${harness.productionUrl.replace(/[.?]/g, '\\$&')}\\?n8nToken=`));
		await harness.deactivate();
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});
});

describe('where the documents are silent, the trigger is safe under each reading', () => {
	test('a PATCH that replaces whole sections: every other setting survives activation and deactivation', async () => {
		const { sandbox, harness, before } = await setUp(undefined, { accountSettings: { patch: 'replaceSections' } });
		await harness.activate();
		const after = sandbox.accountSettings.of(LOGIN);
		expect(after.callbacks.email_for_inbounds).toBe(JSON.parse(before).callbacks.email_for_inbounds);
		expect(after.callbacks.callback_url_for_blacklisted_numbers).toBe(JSON.parse(before).callbacks.callback_url_for_blacklisted_numbers);
		await harness.deactivate();
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});

	test('a callback URL stored without its query string: no token is required, callbacks still start the workflow', async () => {
		const initial = () => {
			const settings = { sms_campaign_alert_parameters: {}, campaign_parameters: {}, callbacks: { callback_url_for_deliveries: 'https://crm.customer.example/dr', callback_url_for_inbounds: null } };
			return settings;
		};
		const { sandbox, harness, before } = await setUp(undefined, { accountSettings: { queryStrings: 'dropped', initial } });
		await harness.activate();
		const state = harness.staticData['node:Octopush Trigger'] as IDataObject;
		expect(state.registeredUrl).toBe(harness.productionUrl);
		expect(state.token).toBeUndefined();
		expect(callbacks(sandbox).callback_url_for_deliveries).toBe(harness.productionUrl);
		const delivered = await sandbox.accountSettings.deliver(LOGIN, 'delivery', report);
		await harness.settled();
		expect(delivered.status).toBe(200);
		expect(harness.received.at(-1)!.items?.[0].json.event).toBe('deliveryReport');
		await harness.deactivate();
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});
});

describe('failures', () => {
	test('a PATCH Octopush refuses fails the activation with its words; nothing is left registered', async () => {
		const { sandbox, harness, before } = await setUp();
		sandbox.injectFault({ method: 'PATCH', path: EDIT, status: 400, body: { code: 100, message: 'The field callbacks must be an object.' } });
		const error = await harness.activate().then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error?.message).toBe('Octopush rejected the request (400): The field callbacks must be an object. (code 100)');
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
		expect(harness.staticData).toEqual({});
	});

	test('a PATCH carried out whose answers were all lost: the activation fails and puts the URLs back', async () => {
		const { sandbox, harness, before } = await setUp();
		// Carried out, then the connection drops: the first try and its three retries.
		sandbox.loseAnswers('PATCH', EDIT, 4);
		const error = await harness.activate().then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error?.message).toMatch(/Could not reach Octopush|did not answer/);
		expect(requestsOf(sandbox).filter((r) => r === `PATCH ${EDIT}`)).toHaveLength(5);
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	}, 20_000);

	test('deactivation that cannot reach Octopush keeps the snapshot for the next try (and says so in the log)', async () => {
		const { sandbox, harness, before } = await setUp();
		await harness.activate();
		// n8n's request helper repeats a request answered 401 once: the credentials stay refused for both.
		sandbox.injectFault({ method: 'GET', path: SETTINGS, status: 401, body: { code: 101, message: 'Incorrect login details.' }, times: Infinity });
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		expect(await harness.deactivate()).toBe(false);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Octopush Trigger: could not put back the account's callback URLs: Octopush refused the credentials \(401\)/));
		warn.mockRestore();
		expect((harness.staticData['node:Octopush Trigger'] as IDataObject).previousCallbacks).toBeDefined();
		sandbox.clearFaults();
		expect(await harness.deactivate()).toBe(true);
		expect(JSON.stringify(sandbox.accountSettings.of(LOGIN))).toBe(before);
	});

	test('automatic mode with only "Other Callback" chosen says what to do instead', async () => {
		const { sandbox, harness } = await setUp({ events: ['other'] });
		await expect(harness.activate()).rejects.toThrow('Choose at least one of Delivery Report, Inbound SMS or STOP Request to register');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('by hand: the account is never touched', () => {
	test.each([
		['version 1 (saved before automatic registration existed)', { events: ['deliveryReport'] }, 1],
		['version 2 set to By Hand', { registration: 'manual', events: ['deliveryReport'] }, 2],
	])('%s', async (_name, parameters, version) => {
		const { sandbox, harness } = await setUp(parameters as INodeParameters, {}, version);
		await harness.activate();
		expect(harness.calls.map((c) => [c.method, c.result])).toEqual([['checkExists', true]]);
		const answer = await harness.post(harness.productionUrl, report);
		expect(answer).toEqual({ status: 200, body: '' });
		expect(harness.received.at(-1)!.items?.[0].json).toEqual({ ...report, event: 'deliveryReport' });
		expect(await harness.deactivate()).toBe(true);
		expect(sandbox.requests).toEqual([]);
	});
});
