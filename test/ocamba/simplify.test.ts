/**
 * Simplify on Ocamba's records (n8n's UX guidelines), through n8n-core against the sandbox: the normal
 * node's default output is the record as before (saved workflows keep their output), Simplify on outputs
 * exactly the documented fields, and the AI-tool variant outputs them by default.
 */
import type { IDataObject } from 'n8n-workflow';

import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { runNode } from '../harness/run-node';
import { toolVariant } from '../harness/tool-variant';
import { TOKEN, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();

const ACCOUNT_FIELDS = ['id', 'name', 'status', 'configured_status', 'is_default', 'contacts', 'postbacks', 'create_time', 'update_time'];
const INTEGRATION_FIELDS = ['id', 'name', 'type', 'status', 'effective_status', 'provider_id', 'provider_name', 'is_default', 'create_time'];

/** The seeded default account exactly as Ocamba sends it (sandbox/ocamba/index.ts). */
const DEFAULT_ACCOUNT = {
	id: '1000000',
	company_id: '1000001',
	creator_id: '1000001',
	status: 'active',
	configured_status: 'active',
	name: 'Default account',
	image: '',
	contacts: [{ id: '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b', type: 'email', value: 'billing@example.com' }],
	feeds: { postbacks: '' },
	is_default: 1,
	create_time: '2021-10-29 12:47:00',
	update_time: '2021-10-30 14:27:26',
};

async function runTool(parameters: IDataObject) {
	const { items } = await runNode({
		nodeType: toolVariant(new Ocamba()),
		parameters: parameters as never,
		credentials: { ocambaApi: { apiToken: TOKEN, baseUrl: `${t.url}/` } },
	});
	t.seen.push(items);
	return items.map((item) => item.json);
}

describe('Account', () => {
	test('Get: the normal node outputs the whole record by default, as saved workflows expect', async () => {
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000' });
		expect(items.map((item) => item.json)).toEqual([DEFAULT_ACCOUNT]);
	});

	test('Get with Simplify: exactly the documented fields, in order, the postbacks feed flattened', async () => {
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000', simplify: true });
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)).toEqual(ACCOUNT_FIELDS);
		expect(items[0].json).toEqual({
			id: '1000000',
			name: 'Default account',
			status: 'active',
			configured_status: 'active',
			is_default: 1,
			contacts: DEFAULT_ACCOUNT.contacts,
			postbacks: '',
			create_time: '2021-10-29 12:47:00',
			update_time: '2021-10-30 14:27:26',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Get Many and Create with Simplify, per item (an expression can turn it on for some items only)', async () => {
		t.sandbox.seedAccounts(3);
		const listed = await t.run({ resource: 'account', operation: 'getAll', returnAll: true, simplify: true });
		expect(listed).toHaveLength(4);
		for (const item of listed) expect(Object.keys(item.json)).toEqual(ACCOUNT_FIELDS);

		const created = await t.run({ resource: 'account', operation: 'create', name: '={{ $json.name }}', simplify: '={{ $json.simple }}' }, [
			{ name: 'Raw', simple: false },
			{ name: 'Simple', simple: true },
		]);
		expect(Object.keys(created[0].json)).toEqual(expect.arrayContaining(['company_id', 'creator_id', 'image', 'feeds']));
		expect(Object.keys(created[1].json)).toEqual(ACCOUNT_FIELDS);
		expect(created[1].json).toMatchObject({ name: 'Simple', status: 'active', postbacks: '' });
	});

	test('Get with Options › Fields and Simplify: the fields Ocamba sent, never invented ones', async () => {
		const items = await t.run({ resource: 'account', operation: 'get', accountId: '1000000', options: { fields: 'id,name,image' }, simplify: true });
		expect(items[0].json).toEqual({ id: '1000000', name: 'Default account' });
	});

	test('as an AI agent\'s tool: compact by default, the whole record when Simplify is turned off', async () => {
		expect((await runTool({ resource: 'account', operation: 'getAll', returnAll: false, limit: 5 })).map(Object.keys)).toEqual([ACCOUNT_FIELDS]);
		expect(await runTool({ resource: 'account', operation: 'get', accountId: '1000000', simplify: false })).toEqual([DEFAULT_ACCOUNT]);
	});

	test('Delete (tool or not) outputs { id, deleted: true }', async () => {
		const created = await t.api('POST', '/v2/ocamba/accounts', { name: 'to delete' });
		expect(await runTool({ resource: 'account', operation: 'delete', accountId: created.body.id })).toEqual([{ id: created.body.id, deleted: true }]);
	});
});

describe('Integration', () => {
	test('Get with Simplify: the documented fields, the provider\'s name flattened, no settings at all', async () => {
		t.sandbox.seedIntegrations(1);
		const [listed] = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		const id = String(listed.json.id);

		const [raw] = await t.run({ resource: 'integration', operation: 'get', integrationId: id });
		expect(raw.json).toMatchObject({ id, settings: expect.any(Object), provider: expect.any(Object), company_id: '6197120' });

		const [simple] = await t.run({ resource: 'integration', operation: 'get', integrationId: id, simplify: true });
		expect(Object.keys(simple.json)).toEqual(INTEGRATION_FIELDS);
		expect(simple.json).toMatchObject({ id, name: 'Twilio 1', type: 'sms', status: 'active', provider_id: '1000', provider_name: (raw.json.provider as IDataObject).name });
	});

	test('Get Many: raw by default in the normal node, simplified by default as a tool', async () => {
		t.sandbox.seedIntegrations(2);
		const raw = await t.run({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(raw.map((item) => item.json.settings)).toEqual([expect.any(Object), expect.any(Object)]);
		const tool = await runTool({ resource: 'integration', operation: 'getAll', returnAll: true });
		expect(tool).toHaveLength(2);
		// The listing carries neither the provider nor effective_status: those are left out, not invented.
		for (const record of tool) expect(Object.keys(record)).toEqual(['id', 'name', 'type', 'status', 'provider_id', 'is_default', 'create_time']);
	});
});
