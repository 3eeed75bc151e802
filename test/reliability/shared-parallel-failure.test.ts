/**
 * A failure with several items in flight (issue 19, item 2): without Continue On Fail the node starts
 * no item after the failure, lets those in flight finish, and its error names the failed item, says
 * which items were carried out (their output kept in the error) and which were not started — so
 * nothing done is lost and a re-run needs no guessing. Every per-item operation runs through this
 * runner (sends, creates, Yeti Correct Balance).
 */
import type { IDataObject } from 'n8n-workflow';

import { itemList } from '../../nodes/shared/execute';
import { parseJsonBody, Sandbox } from '../../sandbox/core';
import { runNode } from '../harness/run-node';
import { probeNode, type ProbeRequest } from './lib/probe';

type StoppedError = Error & { description?: string; context?: { itemIndex?: number; data?: IDataObject } };

let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;
/** Items the sandbox carried out (answered 2xx), by the item index each request carries. */
let done: number[];
/** How long successful sends are held before their answer, so several are in flight at once. */
let holdMs = 0;

beforeAll(async () => {
	sandbox = new Sandbox('probe');
	sandbox.app.post('/send', async (request, reply) => {
		const { item, refuse, fail } = (parseJsonBody(request.body) ?? {}) as { item: number; refuse?: boolean; fail?: boolean };
		if (refuse) return reply.code(400).send({ message: `Recipient of item ${item} is blacklisted` });
		if (fail) return reply.code(500).send({ message: 'Internal error' });
		await new Promise((resolve) => setTimeout(resolve, holdMs));
		done.push(item);
		return { ticket: `t-${item}` };
	});
	const url = await sandbox.start();
	credentials = { octopushApi: { apiLogin: 'me@example.com', apiKey: 'probe-parallel-key', baseUrl: url } };
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	done = [];
	holdMs = 0;
});

/** One send per item: the item's index in the body; `bad` items fail the node's own input check. */
const send = (itemIndex: number, item: IDataObject): ProbeRequest => {
	if (item.bad) throw new Error(`"Phone Number" is empty [item ${itemIndex}]`);
	return { method: 'POST', path: '/send', body: { item: itemIndex, refuse: item.refuse, fail: item.fail } };
};

const run = async (items: IDataObject[], concurrency: number) =>
	(await runNode({ nodeType: probeNode(send), parameters: { requestOptions: { concurrency } }, items, credentials }).then(
		() => {
			throw new Error('expected the node to fail');
		},
		(e: unknown) => e,
	)) as StoppedError;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const twenty = (overrides: Record<number, IDataObject>) => range(0, 19).map((i) => ({ ...(overrides[i] ?? {}) }));

test('8 in parallel, item 3 refused by the input check: items 0–2 and 4–8 finish, none after is started, the error says so', async () => {
	holdMs = 50;
	const error = await run(twenty({ 3: { bad: true } }), 8);
	// Items 1–8 started together (after item 0 alone); item 3 failed before any answer came back.
	expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
	expect(error.message).toBe('"Phone Number" is empty [item 3]');
	expect(error.context?.itemIndex).toBe(3);
	expect(error.description).toBe(
		'The node stopped at item 3 and started no item after it. Carried out: items 0–2 and 4–8 (8; their output is in this error\'s details, under "Error data"). Not started: items 9–19. To finish, run only items 3 and 9–19 again: running all items again would repeat the 8 carried out.',
	);
	expect(error.context?.data).toEqual({
		stoppedAt: 3,
		carriedOut: [0, 1, 2, 4, 5, 6, 7, 8],
		failed: [3],
		notStarted: range(9, 19),
		output: [0, 1, 2, 4, 5, 6, 7, 8].map((item) => ({ item, json: { ticket: `t-${item}` } })),
	});
});

test('8 in parallel, one item refused by the vendor: what the error lists is exactly what the vendor carried out', async () => {
	holdMs = 200;
	const error = await run(twenty({ 5: { refuse: true } }), 8);
	expect(error.message).toBe('Probe rejected the request (400): Recipient of item 5 is blacklisted');
	expect(error.context?.itemIndex).toBe(5);
	const data = error.context!.data as { carriedOut: number[]; failed: number[]; notStarted: number[]; output: Array<{ item: number; json: IDataObject }> };
	// However the machine's timing fell: carried out = what the vendor did, the rest is named too.
	expect(data.carriedOut).toEqual([...done].sort((a, b) => a - b));
	expect(data.failed).toEqual([5]);
	expect([...data.carriedOut, ...data.failed, ...data.notStarted].sort((a, b) => a - b)).toEqual(range(0, 19));
	expect(data.notStarted.length).toBeGreaterThan(0);
	const received = sandbox.requestsTo('POST', '/send').map((r) => (r.body as { item: number }).item);
	for (const index of data.notStarted) expect(received).not.toContain(index);
	expect(data.output).toEqual(data.carriedOut.map((item) => ({ item, json: { ticket: `t-${item}` } })));
	expect(error.description).toContain(`Carried out: ${itemList(data.carriedOut)} (${data.carriedOut.length};`);
	expect(error.description).toContain(`Not started: ${itemList(data.notStarted)}.`);
});

test('an item in flight whose fate is unknown (a create answered 500) is named as such, next to the failed one', async () => {
	const error = await run(twenty({ 3: { bad: true }, 6: { fail: true } }), 8);
	expect(error.context?.itemIndex).toBe(3);
	expect(error.description).toContain('Item 6 failed too: Probe had a server error (500): Internal error');
	expect(error.description).toContain('Item 6 may or may not have been carried out: check it before running it again.');
	expect(error.description).toContain('To finish, run only items 3, 6 and 9–19 again');
	expect(error.context?.data).toMatchObject({ failed: [3, 6], outcomeUnknown: [6], carriedOut: [0, 1, 2, 4, 5, 7, 8] });
});

test('one at a time: the items before the failure are reported as carried out, the ones after as not started', async () => {
	const error = await run(twenty({ 2: { refuse: true } }), 1);
	expect(done).toEqual([0, 1]);
	expect(error.context?.data).toMatchObject({ carriedOut: [0, 1], failed: [2], notStarted: range(3, 19) });
});

test('the first item failing alone: nothing was carried out, and the error says so', async () => {
	const error = await run(twenty({ 0: { refuse: true } }), 8);
	expect(done).toEqual([]);
	expect(error.description).toMatch(/The node stopped at item 0 and started no item after it\. No other item was carried out\. Not started: items 1–19\.$/);
});

test('a single item keeps its own error unchanged', async () => {
	const error = await run([{ refuse: true }], 8);
	expect(error.description).toBe('Check the values the message names, correct them and run the item again.');
	expect(error.context?.data).toBeUndefined();
});

test('itemList writes ranges a user can filter by', () => {
	expect(itemList([3])).toBe('item 3');
	expect(itemList([0, 1, 2, 4, 5, 9])).toBe('items 0–2, 4–5 and 9');
});
