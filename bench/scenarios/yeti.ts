/** Yeti-Switch: Create Account per item (figures 1 and 3) and Get Many accounts, Return All (figure 2). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runNode } from '../../test/harness/run-node';
import { YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME } from '../../sandbox/yeti';
import { pairingCheck, type Job, type Scenario } from '../common';
import { loadNode } from '../nodes';
import { pool, RawClient } from '../raw-client';
import { testNodeDescription } from '../../test/harness/test-node';

const JSONAPI = 'application/vnd.api+json';
const ADMIN = '/api/rest/admin';

export const yetiCredentials = (job: Job) => ({ yetiSwitchApi: { baseUrl: job.urls.yeti, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } });

/** The input items of the create figures: one account per item. */
export function accountItems(count: number, prefix = 'Bench account') {
	// Account names are unique on the server (app/models/account.rb): the warm-up uses its own.
	return Array.from({ length: count }, (_, i) => ({ name: `${prefix} ${i}`, minBalance: 0, maxBalance: 1000 }));
}

/** The node's parameters for Create Account, mapping the item's fields with expressions as users do. */
export function createAccountParameters(concurrency: number, fixed = false): INodeParameters {
	// `fixed`: the same values for every item, no expressions (to tell n8n's expression cost apart) —
	// except the name, which the server requires unique (app/models/account.rb).
	return {
		resource: 'account',
		operation: 'create',
		name: '={{ $json.name }}',
		minBalance: fixed ? 0 : '={{ $json.minBalance }}',
		maxBalance: fixed ? 1000 : '={{ $json.maxBalance }}',
		// Yeti 1.14.72 and later require a currency on new accounts (the sandbox plays 1.15.38).
		currency: 'USD',
		contractor: { __rl: true, mode: 'id', value: '4' },
		requestOptions: { concurrency },
	};
}

/** What the raw client sends for one item: the seed's document shape (contractor id as a number), with the currency current servers require. */
export function rawAccountDocument(item: { name: string; minBalance: number; maxBalance: number }) {
	return {
		data: {
			type: 'accounts',
			attributes: { name: item.name, 'min-balance': item.minBalance, 'max-balance': item.maxBalance, currency: 'USD' },
			relationships: { contractor: { data: { type: 'contractors', id: 4 } } },
		},
	};
}

export async function rawLogin(client: RawClient, job: Job): Promise<string> {
	const answer = await client.json<{ jwt: string }>('POST', `${job.urls.yeti}${ADMIN}/auth`, { 'content-type': 'application/json', accept: 'application/json' }, { auth: { username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } }, 201);
	return answer.jwt;
}

/**
 * n8n's request helper and nothing else: the same Create Account requests (a ready-made body, no
 * parameters, no checks, no error mapping) sent through httpRequestWithAuthentication with the Yeti
 * credential, as any node that follows n8n's rules must send them. What this costs over the raw
 * client is n8n's; what the node costs over this is ours.
 */
class HelperOnly implements INodeType {
	description: INodeTypeDescription = testNodeDescription('helperOnly', { credential: 'yetiSwitchApi' });

	async execute(this: IExecuteFunctions) {
		const input = this.getInputData();
		const credentials = await this.getCredentials('yetiSwitchApi');
		const url = `${String(credentials.baseUrl)}${ADMIN}/accounts`;
		const decrypted = { credentialsDecrypted: { id: 'bench', name: 'bench', type: 'yetiSwitchApi', data: credentials } };
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < input.length; i++) {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'yetiSwitchApi',
				{
					method: 'POST',
					url,
					headers: { accept: JSONAPI, 'content-type': JSONAPI },
					body: JSON.stringify(rawAccountDocument(input[i].json as ReturnType<typeof accountItems>[number])),
					returnFullResponse: true,
					disableFollowRedirect: true,
				},
				decrypted,
			)) as { body: { data: { id: string; attributes: IDataObject } } };
			out.push({ json: { id: response.body.data.id, ...response.body.data.attributes }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** The node a Create Account job runs and its parameters: ours, or n8n's request helper alone. */
function createAccountNode(job: Job): { nodeType: INodeType; parameters: INodeParameters } {
	if (job.args.helperOnly === true) return { nodeType: new HelperOnly(), parameters: {} };
	return { nodeType: loadNode('yetiSwitch'), parameters: createAccountParameters(Number(job.args.concurrency ?? 1), job.args.fixed === true) };
}

let items: ReturnType<typeof accountItems> = [];
const WARMUP_ITEMS = 20;

export const yetiScenarios: Record<string, Scenario> = {
	'yeti-create': {
		vendor: 'yeti',
		warmup: {
			node: async (job) => {
				await runNode({ ...createAccountNode(job), items: accountItems(WARMUP_ITEMS, 'Warm-up account'), credentials: yetiCredentials(job) });
			},
			raw: async (job) => {
				const client = new RawClient(1);
				const jwt = await rawLogin(client, job);
				for (const item of accountItems(WARMUP_ITEMS, 'Warm-up account')) await client.json('POST', `${job.urls.yeti}${ADMIN}/accounts`, { authorization: jwt, accept: JSONAPI, 'content-type': JSONAPI }, rawAccountDocument(item), 201);
				client.close();
			},
		},
		async prepare(job) {
			items = accountItems(Number(job.args.items));
			loadNode('yetiSwitch');
		},
		async node(job) {
			const { items: out } = await runNode({ ...createAccountNode(job), items, credentials: yetiCredentials(job) });
			const check = pairingCheck(out, items.length, (json) => json.name);
			const namesInOrder = job.args.fixed === true ? undefined : out.every((o, i) => o.json.name === items[i].name);
			return { keep: out, check: { ...check, namesInOrder } };
		},
		async raw(job) {
			const concurrency = Number(job.args.concurrency ?? 1);
			const client = new RawClient(concurrency, { keepAlive: job.args.keepAlive !== false });
			const jwt = await rawLogin(client, job);
			const headers = { authorization: jwt, accept: JSONAPI, 'content-type': JSONAPI };
			const out = await pool(items.length, concurrency, async (i) => {
				const document = await client.json<{ data: { id: string; attributes: IDataObject } }>('POST', `${job.urls.yeti}${ADMIN}/accounts`, headers, rawAccountDocument(items[i]), 201);
				return { id: document.data.id, ...document.data.attributes } as IDataObject;
			});
			client.close();
			return { keep: out, check: { items: out.length, pairedInOrder: true, namesInOrder: out.every((o, i) => o.name === items[i].name), errors: 0, first: out[0] } };
		},
	},
	'yeti-getall': {
		vendor: 'yeti',
		warmup: {
			node: async (job) => {
				await runNode({ nodeType: loadNode('yetiSwitch'), parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: 10 }, credentials: yetiCredentials(job) });
			},
			raw: async (job) => {
				const client = new RawClient(1);
				const jwt = await rawLogin(client, job);
				await client.json('GET', `${job.urls.yeti}${ADMIN}/accounts?page%5Bnumber%5D=1&page%5Bsize%5D=10`, { authorization: jwt, accept: JSONAPI }, undefined, 200);
				client.close();
			},
		},
		async prepare() {
			loadNode('yetiSwitch');
		},
		async node(job) {
			const { items: out } = await runNode({
				nodeType: loadNode('yetiSwitch'),
				parameters: { resource: 'account', operation: 'getAll', returnAll: true },
				credentials: yetiCredentials(job),
			});
			const ids = new Set(out.map((o) => o.json.id));
			return { keep: out, check: { items: out.length, distinct: ids.size, errors: out.filter((o) => 'error' in o.json).length, pairedInOrder: out.every((o) => (o.pairedItem as { item: number }).item === 0), first: out[0]?.json } };
		},
		async raw(job) {
			const client = new RawClient(1);
			const jwt = await rawLogin(client, job);
			const headers = { authorization: jwt, accept: JSONAPI };
			const records: unknown[] = [];
			for (let page = 1; ; page++) {
				const document = await client.json<{ data: unknown[]; meta: { 'total-count': number } }>('GET', `${job.urls.yeti}${ADMIN}/accounts?page%5Bnumber%5D=${page}&page%5Bsize%5D=1000`, headers, undefined, 200);
				for (const record of document.data) records.push(record);
				if (document.data.length < 1000 || page * 1000 >= document.meta['total-count']) break;
			}
			client.close();
			return { keep: records, check: { items: records.length, distinct: new Set(records.map((r) => (r as { id: string }).id)).size, errors: 0, pairedInOrder: true } };
		},
	},
};
