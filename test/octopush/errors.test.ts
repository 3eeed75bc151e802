/** Failures a user meets with Octopush: what the error says, and that no secret is ever in it. */
import { OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
import { Octopush } from '../../nodes/Octopush/Octopush.node';
import type { IDataObject } from 'n8n-workflow';

import { SEED_SUB_ACCOUNT_LOGIN } from '../../sandbox/octopush';
import { OCTOPUSH_SANDBOX_KEY, useOctopush } from './helpers';

const t = useOctopush();

test('a wrong API key: 401 with Octopush\'s message and a hint naming api-login and api-key; key nowhere in the error', async () => {
	t.credentials.octopushApi.apiKey = 'wrong-key-123456';
	try {
		const error = await t.fail({ resource: 'wallet', operation: 'getBalance' });
		expect(error.message).toBe('Octopush refused the credentials (401): Incorrect login details. (code 101)');
		expect(error.description).toMatch(/API Login .* API Key/);
		expect(error.httpCode).toBe('401');
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack });
		expect(everything).not.toContain('wrong-key-123456');
		expect(everything).not.toContain(OCTOPUSH_SANDBOX_KEY);
	} finally {
		t.credentials.octopushApi.apiKey = OCTOPUSH_SANDBOX_KEY;
	}
});

test('a validation error keeps Octopush\'s code and field for Continue On Fail output', async () => {
	const { items } = await t.run({ resource: 'contactList', operation: 'create', listName: 'dup' }, [{}, {}], { continueOnFail: true });
	expect(items[0].json).toEqual({ list_name: 'dup', created: true });
	expect(items[1].json).toEqual({
		error: 'Octopush rejected the request (400): A list named dup already exists. (code 100)',
		httpCode: '400',
		// The shared layer's advice for a 400 (its wording is not Octopush's to decide).
		description: expect.any(String),
		details: { httpCode: 400, code: 100, message: 'A list named dup already exists.', field: 'list_name' },
	});
	expect(items[1].pairedItem).toEqual({ item: 1 });
});

test('an HTML page from a proxy becomes a clear error with status and excerpt', async () => {
	t.sandbox.injectFault({ path: '/v1/public/wallet/check-balance', html: true });
	const error = await t.fail({ resource: 'wallet', operation: 'getBalance' });
	expect(error.message).toBe('Octopush answered 200 with something that is not JSON');
	expect(error.description).toMatch(/Bad Gateway/);
});

test('a create that timed out is not repeated and says to check Octopush first', async () => {
	t.sandbox.injectFault({ path: '/v1/public/contact-list/create', delayMs: 1500 });
	const error = await t.fail({ resource: 'contactList', operation: 'create', listName: 'slow', requestOptions: { timeout: 1 } });
	expect(error.message).toBe('Octopush did not answer within 1 s');
	expect(error.description).toMatch(/may or may not have been carried out/);
	await new Promise((resolve) => setTimeout(resolve, 700));
	expect(t.sandbox.requestsTo('POST', '/v1/public/contact-list/create')).toHaveLength(1);
});

test('no output or error of any operation contains the API key (sent only as a header)', async () => {
	const runs = [
		{ resource: 'wallet', operation: 'getBalance', withDetails: true },
		{ resource: 'sms', operation: 'send', phoneNumber: '+33611111111', text: 'x' },
		{ resource: 'subAccount', operation: 'create', firstName: 'a', lastName: 'b', password: 'Hunter2-secret' },
		{ resource: 'subAccount', operation: 'update', subAccountLogin: 'ghost@sub-accounts.com', updateFields: { password: 'Hunter3-secret' } },
	];
	for (const parameters of runs) {
		const result = await t.run(parameters, [{}], { continueOnFail: true });
		const text = JSON.stringify(result.items);
		expect(text).not.toContain(OCTOPUSH_SANDBOX_KEY);
		expect(text).not.toContain('Hunter');
	}
	for (const request of t.sandbox.requests) expect(request.rawBody).not.toContain(OCTOPUSH_SANDBOX_KEY);
});

test('node descriptions: usable as a tool, credential declared, Request Options last, trigger has no inputs', () => {
	const node = new Octopush().description;
	expect(node.usableAsTool).toBe(true);
	expect(node.credentials).toEqual([{ name: 'octopushApi', required: true }]);
	expect(node.properties[node.properties.length - 1].name).toBe('requestOptions');
	const resources = node.properties.find((p) => p.name === 'resource')!.options!.map((o) => (o as { value: string }).value);
	expect(resources.sort()).toEqual(['account', 'contact', 'contactList', 'otp', 'phoneNumber', 'sms', 'smsCampaign', 'subAccount', 'voiceCampaign', 'voiceSms', 'wallet']);
	const trigger = new OctopushTrigger().description;
	expect(trigger.inputs).toEqual([]);
	expect(trigger.webhooks?.[0]).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData' });
});

test('action labels say "sub-account" and "one-time code" as written (the editor shows them, n8n names new nodes after them)', () => {
	const operation = new Octopush().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'subAccount')!;
	const actions = (operation.options as Array<{ action?: string }>).map((o) => o.action);
	expect(actions).toEqual(['Create a sub-account', 'Get a sub-account', 'Transfer credit to a sub-account', 'Update a sub-account']);
	const otp = new Octopush().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'otp')!;
	expect((otp.options as Array<{ action?: string }>).map((o) => o.action)).toEqual(['Generate a one-time code', 'Validate a one-time code']);
});

describe('Octopush echoing what it was sent: secrets never reach outputs or errors (issue 19)', () => {
	const echo = (secret: string) => ({ code: 100, message: `The password "${secret}" is too weak.`, password: secret, hint: `try ${secret}!` });

	test('a sub-account password echoed in message and extra fields of the error body is masked', async () => {
		t.sandbox.injectFault({ method: 'POST', path: '/v1/public/subaccount/create', status: 400, body: echo('Hunter2-secret') });
		const error = await t.fail({ resource: 'subAccount', operation: 'create', firstName: 'a', lastName: 'b', password: 'Hunter2-secret' });
		expect(error.message).toBe('Octopush rejected the request (400): The password "[hidden]" is too weak. (code 100)');
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack });
		expect(everything).not.toContain('Hunter2-secret');
		expect((error as unknown as { details: IDataObject }).details).toMatchObject({ password: '[hidden]', hint: 'try [hidden]!' });
	});

	test('with Continue On Fail the error item carries the masked details', async () => {
		t.sandbox.injectFault({ method: 'PATCH', path: `/v1/public/subaccount/${encodeURIComponent(SEED_SUB_ACCOUNT_LOGIN)}/edit`, status: 400, body: echo('Hunter3-secret') });
		const { items } = await t.run({ resource: 'subAccount', operation: 'update', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, updateFields: { password: 'Hunter3-secret' } }, [{}], { continueOnFail: true });
		expect(JSON.stringify(items)).not.toContain('Hunter3-secret');
		expect(items[0].json.details).toMatchObject({ password: '[hidden]' });
	});

	test('the one-time credit-transfer token, echoed back with the whole request, is masked', async () => {
		t.sandbox.echoRequestInErrors = true;
		const error = await t.fail({ resource: 'subAccount', operation: 'transferCredit', subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: 1, sourcePack: 'byId', walletPackId: 'wp-nope' });
		const sent = (t.sandbox.requestsTo('POST', '/v1/public/subaccount/credit-transfer/transfer')[0].body as IDataObject).token as string;
		expect(sent).toMatch(/^[0-9a-f]{24}$/);
		expect(error.message).toMatch(/Wallet pack "wp-nope" not found/);
		expect((error as unknown as { details: IDataObject }).details.received).toContain('"token":"[hidden]"');
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(sent);
	});
});
