/**
 * Simplify on Yeti-Switch records (n8n's UX guidelines), through n8n-core against the sandbox: the normal
 * node's default output is the flat record as before (saved workflows keep their output), Simplify on
 * outputs exactly the documented fields (nodes/YetiSwitch/actions/common/simplified.ts), Raw JSON:API
 * records are flattened first, and the AI-tool variant outputs the simplified record by default.
 */
import type { IDataObject } from 'n8n-workflow';

import { YETI_ROUTES, YETI_ROUTES_BY_PATH } from '../../nodes/YetiSwitch/catalogue';
import { YETI_SIMPLIFIED } from '../../nodes/YetiSwitch/actions/common/simplified';
import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { runNode } from '../harness/run-node';
import { toolVariant } from '../harness/tool-variant';
import { useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

/** The documented fields of an account, in their order (README, Simplify and AI tools). */
const ACCOUNT_FIELDS = ['id', 'name', 'contractor-id', 'balance', 'min-balance', 'max-balance', 'balance-low-threshold', 'balance-high-threshold', 'currency', 'external-id'];

async function runTool(parameters: IDataObject) {
	const { items } = await runNode({ nodeType: toolVariant(new YetiSwitch()), parameters: parameters as never, credentials: yeti.credentials() });
	return items.map((item) => item.json);
}

/** The view's fields a record has, in the view's order. */
function expectedKeys(record: IDataObject, fields: string[]) {
	return fields.filter((field) => field in record);
}

describe('Account', () => {
	test('Get: the whole flat record by default; Simplify on: only the documented fields, with their values', async () => {
		const { items: raw } = await yeti.run({ resource: 'account', operation: 'get', id: '2' });
		const record = raw[0].json;
		expect(Object.keys(record).length).toBeGreaterThan(10);
		expect(record).toHaveProperty('vat');

		const { items } = await yeti.run({ resource: 'account', operation: 'get', id: '2', simplify: true });
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)).toEqual(expectedKeys(record, ACCOUNT_FIELDS));
		expect(Object.keys(items[0].json)).toEqual(expect.arrayContaining(['id', 'name', 'contractor-id', 'balance']));
		for (const key of Object.keys(items[0].json)) expect(items[0].json[key]).toEqual(record[key]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Get with Raw JSON:API and Simplify: the same simplified record (the resource object is flattened first)', async () => {
		const { items: flat } = await yeti.run({ resource: 'account', operation: 'get', id: '2', simplify: true });
		const { items: raw } = await yeti.run({ resource: 'account', operation: 'get', id: '2', simplify: true, options: { rawJsonApi: true } });
		expect(raw[0].json).toEqual(flat[0].json);
	});

	test('Get Many with Simplify: every record simplified', async () => {
		const { items: raw } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true });
		const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, simplify: true });
		expect(items.length).toBe(raw.length);
		expect(items.length).toBeGreaterThan(1);
		items.forEach((item, index) => expect(Object.keys(item.json)).toEqual(expectedKeys(raw[index].json, ACCOUNT_FIELDS)));
	});

	test('as an AI agent\'s tool: simplified by default, the whole record when Simplify is turned off', async () => {
		const { items: raw } = await yeti.run({ resource: 'account', operation: 'get', id: '2' });
		const [compact] = await runTool({ resource: 'account', operation: 'get', id: '2' });
		expect(Object.keys(compact)).toEqual(expectedKeys(raw[0].json, ACCOUNT_FIELDS));
		expect(await runTool({ resource: 'account', operation: 'get', id: '2', simplify: false })).toEqual([raw[0].json]);
	});

	test('Delete as a tool outputs { id, deleted: true }', async () => {
		expect(await runTool({ resource: 'account', operation: 'delete', id: '3' })).toEqual([{ id: '3', deleted: true }]);
	});
});

describe('Other Admin Route', () => {
	test('a route with more than 10 fields: Simplify lists and keeps only its own documented fields', async () => {
		const { items: created } = await yeti.run({
			resource: 'adminRoute',
			route: 'radius-accounting-profiles',
			operation: 'create',
			attributes: { attribute: [{ name: 'name', value: 'acct' }, { name: 'server', value: '10.0.0.1' }, { name: 'port', value: '1813' }, { name: 'timeout', value: '100' }, { name: 'attempts', value: '2' }], secretAttribute: [{ name: 'secret', value: 'radius-secret-9' }] },
		});
		const id = String(created[0].json.id);
		const { items: raw } = await yeti.run({ resource: 'adminRoute', route: 'radius-accounting-profiles', operation: 'get', id });
		expect(Object.keys(raw[0].json).length).toBeGreaterThan(10);
		const { items } = await yeti.run({ resource: 'adminRoute', route: 'radius-accounting-profiles', operation: 'get', id, simplify: true });
		const fields = ['id', 'name', 'server', 'port', 'timeout', 'attempts', 'enable-start-accounting', 'enable-interim-accounting', 'interim-accounting-interval', 'enable-stop-accounting'];
		expect(Object.keys(items[0].json)).toEqual(expectedKeys(raw[0].json, fields));
		expect(items[0].json).not.toHaveProperty('secret');
	});

	test('a route of 10 fields or fewer offers no switch and outputs the record either way', async () => {
		const { items: plain } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'get', id: '2' });
		const { items: asked } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'get', id: '2', simplify: true });
		expect(asked[0].json).toEqual(plain[0].json);
		const switches = new YetiSwitch().description.properties.filter((p) => p.name === 'simplify' && (p.displayOptions?.show?.route as string[] | undefined)?.includes('countries'));
		expect(switches).toHaveLength(0);
	});
});

test('every route whose flat record has more than 10 fields (id, attributes, one per relationship) has a view, and no other route', () => {
	const readable = YETI_ROUTES.filter((route) => !route.path.includes('/') && route.ops.some((op) => op === 'show' || op === 'index'));
	const large = readable.filter((route) => 1 + route.attributes.length + route.relationships.length > 10).map((route) => route.path);
	expect(Object.keys(YETI_SIMPLIFIED).sort()).toEqual(large.sort());
	// Each view names only fields such a record has.
	for (const path of large) {
		const route = YETI_ROUTES_BY_PATH[path];
		const names = new Set(['id', ...route.attributes, ...route.relationships.map((r) => `${r.name}-id`)]);
		expect([path, YETI_SIMPLIFIED[path].fields.map(([output]) => output).filter((field) => !names.has(field))]).toEqual([path, []]);
	}
});
