/**
 * "Other Admin Route": the route picker driven by the catalogue, only allowed operations and fields,
 * key/value and JSON attributes, relationship rows; plus the dropdowns (loadOptions, listSearch) and a
 * structural check that no curated field can provoke 400 PARAM_NOT_ALLOWED.
 */
import type { INodeProperties } from 'n8n-workflow';

import { YETI_ROUTES_BY_PATH } from '../../nodes/YetiSwitch/catalogue';
import { RESOURCES } from '../../nodes/YetiSwitch/actions/resources';
import { camelCase } from '../../nodes/YetiSwitch/actions/common/fields';
import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { listSearch, loadOptions } from '../harness/run-node';
import { JSONAPI, runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

test('create on /pops with key/value attributes converted to their types', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'pops', operation: 'create', attributes: { attribute: [{ name: 'name', value: 'Berlin' }] } });
	const [request] = yeti.adminRequests();
	expect(request).toMatchObject({ method: 'POST', path: '/api/rest/admin/pops' });
	expect(request.headers['content-type']).toBe(JSONAPI);
	expect(request.body).toEqual({ data: { type: 'pops', attributes: { name: 'Berlin' } } });
	expect(items[0].json).toMatchObject({ id: '2', name: 'Berlin' });
});

test('create on /nodes with JSON attributes and a relationship row', async () => {
	const { items } = await yeti.run({
		resource: 'adminRoute',
		route: 'nodes',
		operation: 'create',
		fieldsMode: 'json',
		attributesJson: '{"name": "node-2", "rpc-endpoint": "127.0.0.1:7081"}',
		relationships: { relationship: [{ name: 'pop', id: '1' }] },
	});
	expect(yeti.adminRequests()[0].body).toEqual({
		data: { type: 'nodes', attributes: { name: 'node-2', 'rpc-endpoint': '127.0.0.1:7081' }, relationships: { pop: { data: { type: 'pops', id: 1 } } } },
	});
	expect(items[0].json).toMatchObject({ name: 'node-2', 'pop-id': '1' });
});

test('numbers typed as text become numbers; comma-separated ids become a to-many relationship', async () => {
	await yeti.run({
		resource: 'adminRoute',
		route: 'routing-groups',
		operation: 'create',
		attributes: { attribute: [{ name: 'name', value: 'RG 2' }] },
		relationships: { relationship: [{ name: 'routing-plans', id: '1, 2' }] },
	});
	expect(yeti.adminRequests()[0].body).toEqual({
		data: { type: 'routing-groups', attributes: { name: 'RG 2' }, relationships: { 'routing-plans': { data: [{ type: 'routing-plans', id: 1 }, { type: 'routing-plans', id: 2 }] } } },
	});
	yeti.sandbox.clearRequests();
	await yeti.run({ resource: 'adminRoute', route: 'currencies', operation: 'update', id: '1', attributes: { attribute: [{ name: 'rate', value: '1.25' }] } });
	expect(yeti.adminRequests()[0].body).toEqual({ data: { type: 'currencies', id: '1', attributes: { rate: 1.25 } } });
});

test('get many with a filter, get and delete on /countries', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'p:iso2', operator: 'eq', value: 'GB' }] } });
	expect(yeti.adminRequests()[0].query).toMatchObject({ 'filter[iso2]': 'GB' });
	expect(items.map((i) => i.json.name)).toEqual(['United Kingdom']);
	const { items: one } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'get', id: '2' });
	expect(one[0].json).toMatchObject({ id: '2', name: 'United Kingdom', iso2: 'GB' });
	const { items: deleted } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'delete', id: '2' });
	expect(deleted[0].json).toEqual({ id: '2', deleted: true });
});

test('unpaginated route (timezones) returns everything in one request', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'timezones', operation: 'getAll', returnAll: true });
	expect(items.map((i) => i.json.name)).toEqual(['UTC', 'Europe/Kyiv', 'Europe/Paris', 'America/New_York']);
	expect(yeti.adminRequests()).toHaveLength(1);
	expect(yeti.adminRequests()[0].query).toEqual({});
});

test('an operation the route does not allow fails before any request', async () => {
	const error = await runError(yeti, { resource: 'adminRoute', route: 'timezones', operation: 'delete', id: '1' });
	expect(error.message).toBe('The route "timezones" does not allow destroy');
	expect(error.description).toContain('index, show');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('an attribute the operation does not accept fails before any request (never 400 PARAM_NOT_ALLOWED)', async () => {
	const error = await runError(yeti, { resource: 'adminRoute', route: 'pops', operation: 'update', id: '1', attributes: { attribute: [{ name: 'id', value: '9' }] } });
	expect(error.message).toContain('"id" is not an attribute pops accepts on update');
	const jsonError = await runError(yeti, { resource: 'adminRoute', route: 'payments', operation: 'create', fieldsMode: 'json', attributesJson: '{"amount": 1, "status": "done"}' });
	expect(jsonError.message).toContain('"status" is not an attribute payments accepts on create');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('invalid JSON attributes fail naming the field', async () => {
	const error = await runError(yeti, { resource: 'adminRoute', route: 'pops', operation: 'create', fieldsMode: 'json', attributesJson: '{name:' });
	expect(error.message).toContain('"Attributes (JSON)" is not valid JSON');
});

describe('dropdowns', () => {
	const credentials = () => yeti.credentials();

	test('operations offered are those of the route', async () => {
		const ops = await loadOptions(new YetiSwitch(), 'getRouteOperations', { resource: 'adminRoute', route: 'payments' }, credentials());
		expect(ops.map((o) => o.value)).toEqual(['getAll', 'get', 'create']);
	});

	test('attributes offered are the creatable ones on create and the updatable ones on update', async () => {
		const create = await loadOptions(new YetiSwitch(), 'getRouteAttributes', { resource: 'adminRoute', route: 'payments', operation: 'create' }, credentials());
		expect(create.map((o) => o.value).sort()).toEqual(['amount', 'notes', 'private-notes']);
		const update = await loadOptions(new YetiSwitch(), 'getRouteAttributes', { resource: 'adminRoute', route: 'cdrs', operation: 'update' }, credentials());
		expect(update.map((o) => o.value)).toEqual(['metadata']);
		const rels = await loadOptions(new YetiSwitch(), 'getRouteRelationships', { resource: 'adminRoute', route: 'payments', operation: 'create' }, credentials());
		expect(rels.map((o) => o.value)).toEqual(['account']);
	});

	test('filter fields carry their type and operators', async () => {
		const fields = await loadOptions(new YetiSwitch(), 'getRouteFilterFields', { resource: 'adminRoute', route: 'accounts' }, credentials());
		expect(fields).toContainEqual(expect.objectContaining({ value: 'r:balance:number', description: expect.stringContaining('lt') }));
		expect(fields).toContainEqual(expect.objectContaining({ value: 'p:contractor.id' }));
	});

	test('contractor search lists contractors by name from the server', async () => {
		const result = await listSearch(new YetiSwitch(), 'searchContractors', { resource: 'account', operation: 'create' }, credentials(), 'demo');
		expect(result.results).toEqual([{ name: 'Demo Customer (#4)', value: '4' }]);
		expect(yeti.adminRequests()[0].query).toMatchObject({ 'filter[name_cont]': 'demo' });
	});
});

test('every curated create/update field is creatable/updatable on its route (PARAM_NOT_ALLOWED cannot happen)', () => {
	const nodeProperties = new YetiSwitch().description.properties;
	const routes: Record<string, string> = {
		account: 'accounts', contractor: 'contractors', contact: 'contacts', customersAuth: 'customers-auths', gateway: 'gateways', gatewayGroup: 'gateway-groups',
		rateplan: 'rateplans', routingPlan: 'routing-plans', destination: 'destinations', dialpeer: 'dialpeers', numberlist: 'numberlists', numberlistItem: 'numberlist-items',
		payment: 'payments', invoice: 'invoices', transaction: 'transactions', cdr: 'cdrs',
	};
	let checked = 0;
	for (const resource of RESOURCES.filter((r) => routes[r.value])) {
		const route = YETI_ROUTES_BY_PATH[routes[resource.value]];
		const shown = (p: INodeProperties, op: string) => p.displayOptions?.show?.resource?.includes(resource.value) && p.displayOptions.show.operation?.includes(op);
		const creatable = new Set(route.creatable.map(camelCase));
		const updatable = new Set(route.updatable.map(camelCase));
		for (const p of nodeProperties.filter((p) => shown(p, 'create') && p.name !== 'options')) {
			const names = p.name === 'additionalFields' ? (p.options as INodeProperties[]).map((o) => o.name) : [p.name];
			for (const name of names) {
				expect(`${resource.value}.${name}:${creatable.has(name)}`).toBe(`${resource.value}.${name}:true`);
				checked++;
			}
		}
		for (const p of nodeProperties.filter((p) => shown(p, 'update') && p.name === 'updateFields')) {
			for (const o of p.options as INodeProperties[]) {
				expect(`${resource.value}.${o.name}:${updatable.has(o.name)}`).toBe(`${resource.value}.${o.name}:true`);
				checked++;
			}
		}
	}
	expect(checked).toBeGreaterThan(300);
});

test('Secret Attribute rows: a password goes out as typed, is a password field in the editor, and is hidden in the output', async () => {
	const { items } = await yeti.run({
		resource: 'adminRoute',
		route: 'api-accesses',
		operation: 'create',
		attributes: { attribute: [{ name: 'login', value: 'billing-bot' }], secretAttribute: [{ name: 'password', value: 'Very-Secret-9' }] },
	});
	const [request] = yeti.adminRequests();
	expect(request).toMatchObject({ method: 'POST', path: '/api/rest/admin/api-accesses' });
	expect(request.body).toEqual({ data: { type: 'api-accesses', attributes: { login: 'billing-bot', password: 'Very-Secret-9' } } });
	expect(items[0].json).toMatchObject({ login: 'billing-bot' });
	expect(items[0].json.password).toBe('__hidden__');
	const attributes = new YetiSwitch().description.properties.find((p) => p.name === 'attributes' && p.displayOptions?.show?.resource?.includes('adminRoute'))!;
	const secretRow = (attributes.options as Array<{ name: string; values: INodeProperties[] }>).find((o) => o.name === 'secretAttribute')!;
	expect(secretRow.values.find((v) => v.name === 'value')?.typeOptions?.password).toBe(true);
});

test('a Secret Attribute row naming an attribute the route does not accept fails before any request', async () => {
	const error = await runError(yeti, { resource: 'adminRoute', route: 'pops', operation: 'create', attributes: { secretAttribute: [{ name: 'password', value: 'x-secret-1' }] } });
	expect(error.message).toMatch(/Attributes › secret row 1.*"password" is not an attribute pops accepts on create/);
	expect(yeti.adminRequests()).toHaveLength(0);
});
