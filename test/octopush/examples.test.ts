/**
 * Every examples/octopush-*.json run through the node inside n8n-core (the Octopush node's
 * parameters as saved in the workflow, its input built the way the workflow builds it) against a fresh
 * sandbox, judged by its .expect.json with the same checks the real-n8n suite uses.
 */
import { runInNewContext } from 'node:vm';

import type { IDataObject } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
import { checkRequests, checkWorkflowShape, loadExamples, nodeChain, subsetMismatch, type WorkflowNode } from '../../scripts/n8n/examples';
import { runNode } from '../harness/run-node';
import { runWebhook } from '../harness/webhook';
import { useOctopush } from './helpers';

const t = useOctopush();
const examples = loadExamples().filter((example) => example.name.startsWith('octopush-'));
const OCTOPUSH = 'n8n-nodes-ocamba-octopush-yeti.octopush';

/** A Code node's output for the given input: its JavaScript run with `$input` as n8n offers it. */
function runCode(node: WorkflowNode, input: IDataObject[]): IDataObject[] {
	const $input = { first: () => ({ json: input[0] ?? {} }), all: () => input.map((json) => ({ json })), item: { json: input[0] ?? {} } };
	const items = runInNewContext(`(function () { ${String(node.parameters?.jsCode)} })()`, { $input }) as Array<{ json: IDataObject }>;
	return items.map((item) => item.json);
}

test('there is a create and an edit seed example, a bulk send and a trigger', () => {
	expect(examples.map((e) => e.name).sort()).toEqual(['octopush-bulk-sms', 'octopush-campaign-on-list', 'octopush-create-subaccount', 'octopush-delivery-trigger', 'octopush-edit-subaccount']);
});

test.each(examples.filter((e) => !e.expect?.trigger).map((e) => [e.name, e] as const))('%s does what its .expect.json says', async (_name, example) => {
	expect(checkWorkflowShape(example)).toEqual([]);
	const expectation = example.expect!;
	// The chain after the Manual Trigger, each node fed what the one before it output.
	let items: IDataObject[] = [{}];
	let lastItems: IDataObject[] = [];
	for (const node of nodeChain(example)) {
		if (node.type === 'n8n-nodes-base.code') items = runCode(node, items);
		else if (node.type === OCTOPUSH) {
			const result = await runNode({ nodeType: new Octopush(), parameters: node.parameters as never, items, credentials: t.credentials, nodeName: node.name, typeVersion: node.typeVersion });
			items = result.items.map((item) => item.json);
		} else throw new Error(`examples test cannot run a ${node.type} node (${node.name})`);
		if (node.name === expectation.node) lastItems = items;
	}
	const recorded = t.sandbox.requests.map((request) => ({ ...request, vendor: 'octopush' as const }));
	expect(checkRequests(expectation, recorded)).toEqual([]);
	if (expectation.items !== undefined) expect(lastItems).toHaveLength(expectation.items);
	if (expectation.output) expect(subsetMismatch(expectation.output, lastItems[0])).toBeUndefined();
});

test.each(examples.filter((e) => e.expect?.trigger).map((e) => [e.name, e] as const))('%s: the trigger emits what its .expect.json says', async (_name, example) => {
	expect(checkWorkflowShape(example)).toEqual([]);
	const expectation = example.expect as typeof example.expect & { post: IDataObject };
	expect(expectation.webhook?.body).toEqual(expectation.post);
	const node = example.workflow.nodes.find((n) => n.type === `${OCTOPUSH}Trigger`)!;
	expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
	const result = await runWebhook({ nodeType: new OctopushTrigger(), parameters: node.parameters as never, body: expectation.post });
	expect(result.status).toBe(200);
	const items = result.workflowData?.[0] ?? [];
	expect(items).toHaveLength(expectation.items ?? 1);
	expect(subsetMismatch(expectation.output, items[0].json)).toBeUndefined();
});
