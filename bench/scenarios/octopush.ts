/** Octopush: one SMS campaign to 10,000 recipients (one item each), sent 500 per request (figure 5). */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../test/harness/run-node';
import { OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN } from '../../sandbox/octopush';
import type { Job, Scenario } from '../common';
import { loadNode } from '../nodes';
import { RawClient } from '../raw-client';

export const CAMPAIGN_TEXT = 'Hello {first_name}, your order {param1} is ready.';
const SENDER = 'BenchShop';
const BATCH = 500;

/** One recipient per item, numbers +33600000000.. (valid E.164, all distinct). */
export function recipientItems(count: number) {
	return Array.from({ length: count }, (_, i) => ({ phone: `+336${String(i).padStart(8, '0')}`, firstName: `Client${i}`, order: `A-${i}` }));
}

let items: ReturnType<typeof recipientItems> = [];
const WARMUP_ITEMS = 20;

async function runCampaignNode(job: Job, recipients: ReturnType<typeof recipientItems>) {
	const { items: out } = await runNode({
		nodeType: loadNode('octopush'),
		parameters: {
			resource: 'sms',
			operation: 'send',
			sendMode: 'campaign',
			phoneNumber: '={{ $json.phone }}',
			text: CAMPAIGN_TEXT,
			type: 'sms_low_cost',
			sender: SENDER,
			purpose: 'alert',
			recipientFields: { firstName: '={{ $json.firstName }}', param1: '={{ $json.order }}' },
		},
		items: recipients,
		credentials: { octopushApi: { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${job.urls.octopush}/v1/public` } },
		// Each run is its own execution (the request_id includes it, and Octopush refuses repeats).
		executionId: `bench-${process.pid}-${recipients.length}`,
	});
	return out;
}

async function rawCampaign(job: Job, recipients: ReturnType<typeof recipientItems>) {
	const client = new RawClient(1);
	const headers = { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': OCTOPUSH_SANDBOX_KEY, 'content-type': 'application/json', accept: 'application/json' };
	const out: IDataObject[] = [];
	const runId = `raw-${process.pid}-${recipients.length}`;
	for (let start = 0, batch = 0; start < recipients.length; start += BATCH, batch++) {
		const members = recipients.slice(start, start + BATCH);
		const body = {
			text: CAMPAIGN_TEXT,
			recipients: members.map((m) => ({ phone_number: m.phone, first_name: m.firstName, param1: m.order })),
			type: 'sms_low_cost',
			sender: SENDER,
			purpose: 'alert',
			request_id: `${runId}-b${batch}`,
		};
		const result = await client.json<IDataObject>('POST', `${job.urls.octopush}/v1/public/sms-campaign/send`, headers, body, 201);
		for (const member of members) out.push({ phone_number: member.phone, ...result });
	}
	client.close();
	return out;
}

export const octopushScenarios: Record<string, Scenario> = {
	'octopush-campaign': {
		vendor: 'octopush',
		warmup: {
			node: async (job) => {
				await runCampaignNode(job, recipientItems(WARMUP_ITEMS));
			},
			raw: async (job) => {
				await rawCampaign(job, recipientItems(WARMUP_ITEMS));
			},
		},
		async prepare(job) {
			items = recipientItems(Number(job.args.items));
			loadNode('octopush');
		},
		async node(job) {
			const out = await runCampaignNode(job, items);
			let pairedInOrder = out.length === items.length;
			for (let i = 0; i < out.length && pairedInOrder; i++) {
				if ((out[i].pairedItem as { item: number }).item !== i || out[i].json.phone_number !== items[i].phone) pairedInOrder = false;
			}
			return { keep: out, check: { items: out.length, pairedInOrder, errors: out.filter((o) => 'error' in o.json).length, first: out[0]?.json } };
		},
		async raw(job: Job) {
			const out = await rawCampaign(job, items);
			return { keep: out, check: { items: out.length, pairedInOrder: out.every((o, i) => o.phone_number === items[i].phone), errors: 0, first: out[0] } };
		},
	},
};
