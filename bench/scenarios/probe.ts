/** The shared layer alone (bench/probe.ts): per-item overhead without any vendor code. */
import { runNode } from '../../test/harness/run-node';
import { pairingCheck, type Job, type Scenario } from '../common';
import { Probe } from '../probe';
import { pool, RawClient } from '../raw-client';

const KEY = 'bench-probe-key';
const LOGIN = 'bench@example.com';

function inputs(job: Job) {
	return Array.from({ length: Number(job.args.items) }, (_, i) => ({ name: `item ${i}` }));
}

let items: Array<{ name: string }> = [];

export const probeScenarios: Record<string, Scenario> = {
	'probe-create': {
		vendor: 'probe',
		async prepare(job) {
			items = inputs(job);
		},
		async node(job) {
			const { items: out } = await runNode({
				nodeType: new Probe(),
				parameters: { name: '={{ $json.name }}', requestOptions: { concurrency: Number(job.args.concurrency ?? 1) } },
				items,
				credentials: { octopushApi: { apiLogin: LOGIN, apiKey: KEY, baseUrl: job.urls.probe } },
			});
			return { keep: out, check: pairingCheck(out, items.length, (json) => json.name) };
		},
		async raw(job) {
			const concurrency = Number(job.args.concurrency ?? 1);
			const client = new RawClient(concurrency);
			const headers = { 'api-login': LOGIN, 'api-key': KEY, 'content-type': 'application/json', accept: 'application/json' };
			const out = await pool(items.length, concurrency, async (i) =>
				client.json<Record<string, unknown>>('POST', `${job.urls.probe}/probe/items`, headers, { name: items[i].name }, 201),
			);
			client.close();
			return { keep: out, check: { items: out.length, pairedInOrder: out.every((o, i) => o.name === `item ${i}`), errors: 0, first: out[0] } };
		},
	},
};
