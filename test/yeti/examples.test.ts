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

test.each(examples.map((example) => [example.name, example] as const))('%s does what its .expect.json says', async (_name, example) => {
	expect(checkWorkflowShape(example)).toEqual([]);
	const expectation = example.expect!;
	expect(expectation).toBeDefined();
	const credentials = yeti.credentials();
	let input: INodeExecutionData[] = [{ json: {} }];
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const node of nodeChain(example)) {
		expect(node.type).toBe(YETI_TYPE);
		expect(node.credentials).toEqual({ yetiSwitchApi: { id: 'yetiSandboxCred1', name: 'Yeti-Switch (sandbox)' } });
		const { items } = await runNode({ nodeType: new YetiSwitch(), parameters: node.parameters as never, items: input, credentials, nodeName: node.name });
		outputs[node.name] = items;
		input = items;
	}
	const recorded = yeti.sandbox.requests.map((request) => ({ ...request, vendor: 'yeti' as const }));
	expect(checkRequests(expectation, recorded)).toEqual([]);
	const produced = outputs[expectation.node!];
	expect(produced).toBeDefined();
	expect(produced).toHaveLength(expectation.items!);
	expect(subsetMismatch(expectation.output, produced[0].json as IDataObject)).toBeUndefined();
});

test('the seed example carries the seed\'s own body (numbers as numbers, contractor id 4 as a number)', () => {
	const seed = examples.find((e) => e.name === 'yeti-create-account')!;
	expect(seed.expect!.requests![1].body).toEqual(SEED_BODY);
	expect(JSON.stringify(seed.expect!.requests![1].body)).toBe(
		'{"data":{"type":"accounts","attributes":{"name":"name","min-balance":1,"max-balance":10,"vat":11,"origination-capacity":100,"termination-capacity":110,"total-capacity":100,"balance-low-threshold":90,"balance-high-threshold":95,"send-balance-notifications-to":[1],"timezone":"Europe/Kyiv"},"relationships":{"contractor":{"data":{"type":"contractors","id":4}}}}}',
	);
});
