/** Ocamba: Get Many accounts, Return All (figure 2) and Get Account per item under rate limits (figure 4). */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../test/harness/run-node';
import { OCAMBA_SANDBOX_TOKEN } from '../../sandbox/ocamba';
import type { Job, Scenario } from '../common';
import { pairingCheck } from '../common';
import { loadNode } from '../nodes';
import { pool, RawClient } from '../raw-client';

import { MAX_PAGE_SIZE } from '../../nodes/Ocamba/transport';

/** The node's page size (Ocamba's largest is undocumented; the transport decides); the raw client pages the same way. */
export const OCAMBA_PAGE_SIZE = MAX_PAGE_SIZE;
export const DEFAULT_ACCOUNT_ID = '1000000';

const credentials = (job: Job) => ({ ocambaApi: { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl: job.urls.ocamba } });

export const ocambaScenarios: Record<string, Scenario> = {
	'ocamba-getall': {
		vendor: 'ocamba',
		warmup: {
			node: async (job) => {
				await runNode({ nodeType: loadNode('ocamba'), parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: 10 }, credentials: credentials(job) });
			},
			raw: async (job) => {
				const client = new RawClient(1);
				await client.json('GET', `${job.urls.ocamba}/v2/ocamba/accounts?page=1%2C10`, { authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}`, accept: 'application/json' }, undefined, 200);
				client.close();
			},
		},
		async prepare() {
			loadNode('ocamba');
		},
		async node(job) {
			const { items: out } = await runNode({
				nodeType: loadNode('ocamba'),
				parameters: { resource: 'account', operation: 'getAll', returnAll: true },
				credentials: credentials(job),
			});
			const ids = new Set(out.map((o) => o.json.id));
			return { keep: out, check: { items: out.length, distinct: ids.size, errors: out.filter((o) => 'error' in o.json).length, pairedInOrder: out.every((o) => (o.pairedItem as { item: number }).item === 0), first: out[0]?.json } };
		},
		async raw(job) {
			const client = new RawClient(1);
			const headers = { authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}`, accept: 'application/json' };
			const records: IDataObject[] = [];
			for (let page = 1; ; page++) {
				const answer = await client.json<{ total: number | string; items: IDataObject[] }>('GET', `${job.urls.ocamba}/v2/ocamba/accounts?page=${page}%2C${OCAMBA_PAGE_SIZE}`, headers, undefined, 200);
				for (const record of answer.items) records.push(record);
				if (answer.items.length < OCAMBA_PAGE_SIZE || page * OCAMBA_PAGE_SIZE >= Number(answer.total)) break;
			}
			client.close();
			return { keep: records, check: { items: records.length, distinct: new Set(records.map((r) => r.id)).size, errors: 0, pairedInOrder: true } };
		},
	},
	'ocamba-get-paced': {
		// No warm-up: the node must learn the limits from the first answers of the measured run.
		vendor: 'ocamba',
		async prepare() {
			loadNode('ocamba');
		},
		async node(job) {
			const count = Number(job.args.items);
			const items = Array.from({ length: count }, () => ({ id: DEFAULT_ACCOUNT_ID }));
			const { items: out } = await runNode({
				nodeType: loadNode('ocamba'),
				parameters: { resource: 'account', operation: 'get', accountId: '={{ $json.id }}', requestOptions: { concurrency: Number(job.args.concurrency ?? 1) } },
				items,
				credentials: credentials(job),
				continueOnFail: true,
			});
			return { keep: out, check: pairingCheck(out, count, (json) => json.id) };
		},
		async raw(job) {
			// The raw client paced by nothing: what the server allows is measured from its answers.
			const count = Number(job.args.items);
			const client = new RawClient(1);
			const headers = { authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}`, accept: 'application/json' };
			const out = await pool(count, 1, async () => (await client.request('GET', `${job.urls.ocamba}/v2/ocamba/accounts/${DEFAULT_ACCOUNT_ID}`, headers)).status);
			client.close();
			return { keep: out, check: { items: out.length, errors: out.filter((s) => s !== 200).length, pairedInOrder: true } };
		},
	},
};
