/**
 * Every examples/octopush-*.json run through the node inside n8n-core (the Octopush node's
 * parameters as saved in the workflow, its input built the way the workflow builds it) against a fresh
 * sandbox, judged by its .expect.json with the same checks the real-n8n suite uses.
 */
import { runInNewContext } from 'node:vm';

import type { IDataObject } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';
import { checkRequests, checkWorkflowShape, loadExamples, subsetMismatch, type Example, type WorkflowNode } from '../../scripts/n8n/examples';
import { runNode } from '../harness/run-node';
import { runWebhook } from '../harness/webhook';
import { useOctopush } from './helpers';

const t = useOctopush();
const examples = loadExamples().filter((example) => example.name.startsWith('octopush-'));
const OCTOPUSH = 'n8n-nodes-ocamba-octopush-yeti.octopush';

/** The items flowing into a node: a Manual Trigger gives one empty item, a Code node what its code returns. */
function inputFor(example: Example, node: WorkflowNode): IDataObject[] {
	const connections = example.workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>;
	const parentName = Object.keys(connections).find((name) => connections[name].main.some((output) => output.some((c) => c.node === node.name)));
	const parent = example.workflow.nodes.find((n) => n.name === parentName);
	if (!parent || parent.type === 'n8n-nodes-base.manualTrigger') return [{}];
	if (parent.type === 'n8n-nodes-base.code') {
		const items = runInNewContext(`(function () { ${String(parent.parameters?.jsCode)} })()`, {}) as Array<{ json: IDataObject }>;
		return items.map((item) => item.json);
	}
	throw new Error(`examples test cannot build the input of ${node.name} from a ${parent.type} node`);
}

test('there is a create and an edit seed example, a bulk send and a trigger', () => {
	expect(examples.map((e) => e.name).sort()).toEqual(['octopush-bulk-sms', 'octopush-create-subaccount', 'octopush-delivery-trigger', 'octopush-edit-subaccount']);
});

test.each(examples.filter((e) => !e.expect?.trigger).map((e) => [e.name, e] as const))('%s does what its .expect.json says', async (_name, example) => {
	expect(checkWorkflowShape(example)).toEqual([]);
	const expectation = example.expect!;
	const nodes = example.workflow.nodes.filter((node) => node.type === OCTOPUSH);
	let lastItems: IDataObject[] = [];
	for (const node of nodes) {
		const { items } = await runNode({ nodeType: new Octopush(), parameters: node.parameters as never, items: inputFor(example, node), credentials: t.credentials, nodeName: node.name });
		if (node.name === expectation.node) lastItems = items.map((item) => item.json);
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
