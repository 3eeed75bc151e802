/**
 * The Ocamba example workflows (examples/ocamba-*.json) run node by node through n8n-core against a
 * fresh sandbox, judged by their .expect.json with the same checks the real-n8n suite uses, so the
 * contract holds before a real n8n runs them. The seed bodies are compared deep-equal.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { checkRequests, nodeChain, checkWorkflowShape, loadExamples, subsetMismatch } from '../../scripts/n8n/examples';
import { runNode } from '../harness/run-node';
import { TOKEN, useOcambaSandbox } from './helpers';
import { SEED_ACCOUNT_BODY, SEED_INTEGRATIONS } from './seeds';

const t = useOcambaSandbox();
const examples = loadExamples().filter((example) => example.name.startsWith('ocamba-'));
const OCAMBA_TYPE = 'n8n-nodes-ocamba-octopush-yeti.ocamba';

test('there is one example per seed curl example plus a Get Many and a settings update', () => {
	expect(examples.map((e) => e.name).sort()).toEqual(
		[
			'ocamba-create-account',
			...SEED_INTEGRATIONS.map((s) => `ocamba-create-integration-${s.slug}`),
			'ocamba-get-many-accounts',
			'ocamba-update-integration-phone',
		].sort(),
	);
});

// The sandbox replaces an integration's settings on PATCH by default (the stricter reading); the
// settings update is also run where it merges them: the same requests, the same result.
const runs = [
	...examples.map((example) => [example.name, example, 'replace'] as const),
	...examples.filter((example) => example.name === 'ocamba-update-integration-phone').map((example) => [`${example.name} (settings merged)`, example, 'merge'] as const),
];

test.each(runs)('%s does what its .expect.json says', async (_name, example, integrationSettings) => {
	t.sandbox.setModes({ integrationSettings });
	expect(checkWorkflowShape(example)).toEqual([]);
	expect(example.expect).toBeDefined();
	const expectation = example.expect!;
	let input: INodeExecutionData[] = [{ json: {} }];
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const node of nodeChain(example)) {
		expect(node.type).toBe(OCAMBA_TYPE);
		expect(node.credentials).toEqual({ ocambaApi: { id: 'ocambaSandbox01', name: 'Ocamba (sandbox)' } });
		const { items } = await runNode({
			nodeType: new Ocamba(),
			parameters: node.parameters as never,
			items: input,
			credentials: { ocambaApi: { apiToken: TOKEN, baseUrl: t.url } },
			nodeName: node.name,
		});
		outputs[node.name] = items;
		input = items;
	}
	const recorded = t.sandbox.requests.map((request) => ({ ...request, vendor: 'ocamba' as const }));
	expect(checkRequests(expectation, recorded)).toEqual([]);
	const produced = outputs[expectation.node!];
	expect(produced).toBeDefined();
	expect(produced).toHaveLength(expectation.items!);
	expect(subsetMismatch(expectation.output, produced[0].json as IDataObject)).toBeUndefined();
	if (example.name === 'ocamba-update-integration-phone') {
		// What Ocamba keeps: the new number, and every other setting as created (the secret included).
		const stored = await t.api('GET', '/v1/hood/integrations/1165');
		expect(stored.body.settings).toEqual({ account_sid: 'AC7XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', auth_token: '464XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', default_phone_number: '+12125550199' });
	}
});

test('the seed examples carry the seeds\' own bodies', () => {
	const bodies = Object.fromEntries(examples.map((e) => [e.name, e.expect?.requests?.[0]?.body]));
	expect(bodies['ocamba-create-account']).toEqual(SEED_ACCOUNT_BODY);
	for (const seed of SEED_INTEGRATIONS) expect(bodies[`ocamba-create-integration-${seed.slug}`]).toEqual(seed.body);
});
