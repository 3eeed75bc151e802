/**
 * Nothing lost, nothing sent twice: with Continue On Fail N items give N paired output items, the
 * failed ones carrying their error (also with several requests in parallel); without it the first
 * failure stops the node and names its item. Bulk work (Octopush's 500-recipient batches, the
 * paginated lists) reports one failed batch or page with exactly what it concerned, and keeps the rest.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials';
import { runNode } from '../harness/run-node';
import type { OctopushSandbox } from '../../sandbox/octopush';
import type { YetiSandbox } from '../../sandbox/yeti';
import { ocambaSuite, octopushSuite, yetiSuite, type NodeSuite, type VendorSandbox } from './lib/suites';

jest.setTimeout(120_000);

interface PerItemCase {
	suite: NodeSuite;
	/** A read whose id comes from each item's `id`. */
	parameters: INodeParameters;
	/** Ids: good, bad input (refused before sending), good, unknown (the vendor's 404), good. */
	ids: [string, string, string, string, string];
}

const perItem: PerItemCase[] = [
	{ suite: octopushSuite, parameters: { resource: 'subAccount', operation: 'get', subAccountLogin: '={{ $json.id }}' }, ids: ['*****@sub-accounts.com', '   ', '*****@sub-accounts.com', 'ghost@sub-accounts.com', '*****@sub-accounts.com'] },
	{ suite: ocambaSuite, parameters: { resource: 'account', operation: 'get', accountId: '={{ $json.id }}' }, ids: ['1000000', '   ', '1000000', '999', '1000000'] },
	{ suite: yetiSuite, parameters: { resource: 'contractor', operation: 'get', id: '={{ $json.id }}' }, ids: ['1', '   ', '2', '999', '3'] },
];

const run = (suite: NodeSuite, env: VendorSandbox, parameters: INodeParameters, items: IDataObject[], continueOnFail: boolean) =>
	runNode({ nodeType: suite.nodeType, parameters, items, credentials: new TestCredentialsHelper(env.credentials as never), continueOnFail, executionId: `lost-${Math.random()}` });

for (const { suite, parameters, ids } of perItem) {
	describe(`${suite.vendor} node, one request per item`, () => {
		let env: VendorSandbox;
		beforeAll(async () => {
			env = await suite.start();
		});
		afterAll(async () => env?.sandbox.stop());
		beforeEach(() => env.sandbox.reset());
		const items = ids.map((id) => ({ id }));

		for (const concurrency of [1, 4]) {
			test(`Continue On Fail (${concurrency} in parallel): 5 items in, 5 paired items out, the failed ones carrying their error`, async () => {
				const { items: out } = await run(suite, env, { ...parameters, requestOptions: { concurrency } }, items, true);
				expect(out).toHaveLength(5);
				expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
				expect(out[1].json.error).toMatch(/is empty \[item 1\]/);
				expect(out[3].json).toMatchObject({ error: expect.stringMatching(/not found|404/), httpCode: '404' });
				for (const ok of [0, 2, 4]) expect(out[ok].json.error).toBeUndefined();
			});
		}

		test('without Continue On Fail the first failure stops the node and names its item', async () => {
			const error = (await run(suite, env, parameters, items, false).catch((e: unknown) => e)) as Error & { context?: IDataObject };
			expect(error).toBeInstanceOf(Error);
			expect(error.context?.itemIndex).toBe(1);
			expect(error.message).toMatch(/\[item 1\]/);
		});
	});
}

describe('octopush node, one SMS campaign in batches of 500', () => {
	let env: VendorSandbox;
	beforeAll(async () => {
		env = await octopushSuite.start();
	});
	afterAll(async () => env?.sandbox.stop());
	beforeEach(() => env.sandbox.reset());

	const recipients = Array.from({ length: 1200 }, (_, i) => ({ phone: `+336${String(10000000 + i).padStart(8, '0')}` }));
	const campaign: INodeParameters = {
		resource: 'sms',
		operation: 'send',
		sendMode: 'campaign',
		phoneNumber: '={{ $json.phone }}',
		text: 'Hello {first_name}',
		requestOptions: { maxRetries: 1 },
	};
	const path = '/v1/public/sms-campaign/send';
	/** Batch 1 goes through, batch 2 fails every attempt (first try and one retry), batch 3 goes through. */
	const failSecondBatch = () => {
		env.sandbox.injectFault({ method: 'POST', path, delayMs: 1, times: 1 });
		env.sandbox.injectFault({ method: 'POST', path, status: 503, times: 2, body: { code: 0, message: 'Service unavailable' } });
	};
	const sentCampaigns = () => (env.sandbox as OctopushSandbox).sentCampaigns().length;

	test('with Continue On Fail: exactly batch 2\'s 500 recipients carry the error, the others their ticket', async () => {
		failSecondBatch();
		const { items } = await run(octopushSuite, env, campaign, recipients, true);
		expect(items).toHaveLength(1200);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(recipients.map((_, i) => i));
		const failed = items.filter((i) => i.json.error).map((i) => (i.pairedItem as { item: number }).item);
		expect(failed).toEqual(Array.from({ length: 500 }, (_, i) => 500 + i));
		expect(items[500].json).toMatchObject({ batch: 2, batch_count: 3, phone_number: recipients[500].phone, error: expect.stringMatching(/server error \(503\)/) });
		expect(items[0].json).toMatchObject({ batch: 1, sms_ticket: expect.any(String) });
		expect(items[1199].json).toMatchObject({ batch: 3, sms_ticket: expect.any(String) });
		// The failed batch was retried with the same request_id (harmless), never sent as a new campaign.
		const attempts = env.sandbox.requestsTo('POST', path).map((r) => (r.body as IDataObject).request_id);
		expect(attempts).toHaveLength(4);
		expect(attempts[1]).toBe(attempts[2]);
		expect(sentCampaigns()).toBe(2);
	});

	test('without Continue On Fail: stops at batch 2 and says what was sent and what was not', async () => {
		failSecondBatch();
		const error = (await run(octopushSuite, env, campaign, recipients, false).catch((e: unknown) => e)) as Error & { description?: string; context?: IDataObject };
		expect(error.message).toMatch(/server error \(503\)/);
		// A final 5xx on a send may have been carried out: said so, never "failed, try again" (issue 19 item 5).
		expect(error.description).toMatch(/^Batch 2 of 3 \(items 500–999\) may or may not have been sent\. Already sent: batch 1 \(ticket [^)]+\)\. Batch 3 was not sent\./);
		expect(error.context?.itemIndex).toBe(500);
		expect(sentCampaigns()).toBe(1);
	});
});

/** Fails page 2 (every attempt) and reads them all with Continue On Fail. */
async function failedPage(suite: NodeSuite, env: VendorSandbox, parameters: INodeParameters, path: string) {
	env.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	env.sandbox.injectFault({ method: 'GET', path, status: 503, times: 2 });
	return await run(suite, env, { ...parameters, returnAll: true, requestOptions: { maxRetries: 1 } }, [{}], true);
}

describe('paginated lists: a page that fails', () => {
	test('Ocamba: the records of the pages before it are kept, followed by one error entry naming the page', async () => {
		const env = await ocambaSuite.start();
		try {
			// 2,100 accounts through the sandbox's create route (pages hold 1,000).
			for (let i = 0; i < 2100; i += 100) {
				await Promise.all(Array.from({ length: 100 }, (_, j) => env.call('POST', '/v2/ocamba/accounts', { name: `Bulk ${i + j}` })));
			}
			env.sandbox.clearRequests();
			const { items } = await failedPage(ocambaSuite, env, { resource: 'account', operation: 'getAll' }, '/v2/ocamba/accounts');
			const records = items.filter((i) => !i.json.error);
			const failure = items.filter((i) => i.json.error);
			expect(records).toHaveLength(1000);
			expect(failure).toHaveLength(1);
			expect(failure[0].json).toMatchObject({ failedPage: 2, receivedBeforeFailure: 1000, error: expect.stringMatching(/server error \(503\)/) });
			expect(items.every((i: INodeExecutionData) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		} finally {
			await env.sandbox.stop();
		}
	});

	// Known gap (reported): the Yeti node's lists use the shared paginate without keeping partial
	// results, so a failed page loses the pages before it even with Continue On Fail.
	test('Yeti-Switch: the records of the pages before it are kept, followed by one error entry naming the page', async () => {
		const env = await yetiSuite.start();
		try {
			(env.sandbox as YetiSandbox).seedAccounts(2500);
			const { items } = await failedPage(yetiSuite, env, { resource: 'account', operation: 'getAll' }, '/api/rest/admin/accounts');
			const records = items.filter((i) => !i.json.error);
			expect(items.filter((i) => i.json.error)).toHaveLength(1);
			expect(records).toHaveLength(1000);
		} finally {
			await env.sandbox.stop();
		}
	});
});
