/**
 * The Yeti example workflows (examples/yeti-*.json) run node by node through n8n-core against a fresh
 * sandbox and a fresh credential (so the login is the first request, as on a new install), judged by
 * their .expect.json with the same checks the real-n8n suite uses. The seed body is compared deep-equal.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { checkRequests, nodeChain, checkWorkflowShape, loadExamples, subsetMismatch } from '../../scripts/n8n/examples';
import { runNode } from '../harness/run-node';
import { SEED_BODY, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();
const examples = loadExamples().filter((example) => example.name.startsWith('yeti-'));
const YETI_TYPE = 'n8n-nodes-ocamba-octopush-yeti.yetiSwitch';

test('the examples are the seed, the onboarding chain and the low-balance report', () => {
	expect(examples.map((e) => e.name)).toEqual(['yeti-create-account', 'yeti-low-balance-report', 'yeti-onboarding']);
});

async function runChain(example: (typeof examples)[number], credentials: ReturnType<typeof yeti.credentials>) {
	let input: INodeExecutionData[] = [{ json: {} }];
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const node of nodeChain(example)) {
		expect(node.type).toBe(YETI_TYPE);
		expect(node.credentials).toEqual({ yetiSwitchApi: { id: 'yetiSandboxCred1', name: 'Yeti-Switch (sandbox)' } });
		const { items } = await runNode({ nodeType: new YetiSwitch(), parameters: node.parameters as never, items: input, credentials, nodeName: node.name });
		outputs[node.name] = items;
		input = items;
	}
	return outputs;
}

test.each(examples.map((example) => [example.name, example] as const))('%s does what its .expect.json says', async (_name, example) => {
	expect(checkWorkflowShape(example)).toEqual([]);
	const expectation = example.expect!;
	expect(expectation).toBeDefined();
	const outputs = await runChain(example, yeti.credentials());
	const recorded = yeti.sandbox.requests.map((request) => ({ ...request, vendor: 'yeti' as const }));
	expect(checkRequests(expectation, recorded)).toEqual([]);
	const produced = outputs[expectation.node!];
	expect(produced).toBeDefined();
	expect(produced).toHaveLength(expectation.items!);
	expect(subsetMismatch(expectation.output, produced[0].json as IDataObject)).toBeUndefined();
});

test.each(examples.map((example) => [example.name, example] as const))('%s runs again and again against the same server (npm start keeps its data)', async (_name, example) => {
	const credentials = yeti.credentials();
	for (let run = 1; run <= 3; run++) {
		const outputs = await runChain(example, credentials);
		expect(outputs[example.expect!.node!].some((item) => 'error' in item.json)).toBe(false);
		// Names are made unique with the time: the next run must not share this millisecond.
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
});

test('the seed example is the seed\'s body, with the currency current servers require and a name unique per run', () => {
	const seed = examples.find((e) => e.name === 'yeti-create-account')!;
	const { name, currency, ...attributes } = (seed.expect!.requests![1].body as typeof SEED_BODY).data.attributes as Record<string, unknown>;
	const { name: seedName, ...seedAttributes } = SEED_BODY.data.attributes;
	expect(seedName).toBe('name');
	expect(attributes).toEqual(seedAttributes);
	expect(currency).toBe('USD');
	expect(name).toEqual({ $matches: expect.any(String) });
	expect((seed.expect!.requests![1].body as typeof SEED_BODY).data.relationships).toEqual(SEED_BODY.data.relationships);
});

test('an expectation may say {"$matches": "<regular expression>"} for a value that changes per run', () => {
	const expectation = { requests: [{ vendor: 'yeti' as const, method: 'POST', path: '/x', body: { name: { $matches: '^A \\d+$' } } }] };
	const request = (name: string) => ({ vendor: 'yeti' as const, method: 'POST', path: '/x', url: '/x', query: {}, headers: {}, rawBody: '', body: { name }, at: 0 });
	expect(checkRequests(expectation, [request('A 12')])).toEqual([]);
	expect(checkRequests(expectation, [request('B 12')])).not.toEqual([]);
	expect(subsetMismatch({ name: { $matches: '^A' } }, { name: 'A' })).toBeUndefined();
	expect(subsetMismatch({ name: { $matches: '^A' } }, { name: 'B' })).toMatch(/expected a string matching/);
});
