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

test('create on /pops: the client chooses the id (pops.creatable_resolved has id), sent as data.id', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'pops', operation: 'create', attributes: { attribute: [{ name: 'id', value: '7' }, { name: 'name', value: 'Berlin' }] } });
	const [request] = yeti.adminRequests();
	expect(request).toMatchObject({ method: 'POST', path: '/api/rest/admin/pops' });
	expect(request.headers['content-type']).toBe(JSONAPI);
	expect(request.body).toEqual({ data: { type: 'pops', id: '7', attributes: { name: 'Berlin' } } });
	expect(items[0].json).toMatchObject({ id: '7', name: 'Berlin' });
});

test('create on /nodes with JSON attributes and a relationship row', async () => {
	const { items } = await yeti.run({
		resource: 'adminRoute',
		route: 'nodes',
		operation: 'create',
		fieldsMode: 'json',
		attributesJson: '{"id": 2, "name": "node-2", "rpc-endpoint": "127.0.0.1:7081"}',
		relationships: { relationship: [{ name: 'pop', id: '1' }] },
	});
	expect(yeti.adminRequests()[0].body).toEqual({
		data: { type: 'nodes', id: '2', attributes: { name: 'node-2', 'rpc-endpoint': '127.0.0.1:7081' }, relationships: { pop: { data: { type: 'pops', id: 1 } } } },
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

	test('operations are fixed options with action labels (n8n names a new node after the action, not "GetAll adminRoute")', () => {
		const operation = new YetiSwitch().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('adminRoute'))!;
		expect(operation.typeOptions).toBeUndefined();
		expect((operation.options as Array<{ value: string; action: string }>).map((o) => [o.value, o.action])).toEqual([
			['getAll', 'Get many records of an admin route'],
			['get', 'Get a record of an admin route'],
			['create', 'Create a record on an admin route'],
			['update', 'Update a record of an admin route'],
			['delete', 'Delete a record of an admin route'],
		]);
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

	test('invoice-template search works: type invoice-templates, route /invoice-template', async () => {
		const account = RESOURCES.find((r) => r.value === 'account')!;
		const additional = account.properties.find((p) => p.name === 'additionalFields' && p.displayOptions?.show?.operation?.includes('create'))!;
		expect((additional.options as INodeProperties[]).some((o) => o.name === 'invoiceTemplate')).toBe(true);
		const result = await listSearch(new YetiSwitch(), 'searchInvoiceTemplates', { resource: 'account', operation: 'create' }, credentials(), 'acme');
		expect(yeti.adminRequests()[0]).toMatchObject({ method: 'GET', path: '/api/rest/admin/invoice-template' });
		expect(result.results).toEqual([{ name: 'Acme, Inc. template (#2)', value: '2' }]);
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
		for (const p of nodeProperties.filter((p) => shown(p, 'create') && p.name !== 'options' && p.name !== 'simplify')) {
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
		attributes: { attribute: [{ name: 'login', value: 'billing-bot' }, { name: 'customer-id', value: '4' }], secretAttribute: [{ name: 'password', value: 'Very-Secret-9' }] },
	});
	const [request] = yeti.adminRequests();
	expect(request).toMatchObject({ method: 'POST', path: '/api/rest/admin/api-accesses' });
	expect(request.body).toEqual({ data: { type: 'api-accesses', attributes: { login: 'billing-bot', 'customer-id': 4, password: 'Very-Secret-9' } } });
	expect(items[0].json).toMatchObject({ login: 'billing-bot' });
	// api-accesses.fetchable_override "super - [:password]": write-only, never rendered.
	expect(items[0].json).not.toHaveProperty('password');
	const attributes = new YetiSwitch().description.properties.find((p) => p.name === 'attributes' && p.displayOptions?.show?.resource?.includes('adminRoute'))!;
	const secretRow = (attributes.options as Array<{ name: string; values: INodeProperties[] }>).find((o) => o.name === 'secretAttribute')!;
	expect(secretRow.values.find((v) => v.name === 'value')?.typeOptions?.password).toBe(true);
});

test('a Secret Attribute row naming an attribute the route does not accept fails before any request', async () => {
	const error = await runError(yeti, { resource: 'adminRoute', route: 'pops', operation: 'create', attributes: { secretAttribute: [{ name: 'password', value: 'x-secret-1' }] } });
	expect(error.message).toMatch(/Attributes › secret row 1.*"password" is not an attribute pops accepts on create/);
	expect(yeti.adminRequests()).toHaveLength(0);
});

describe('types from attribute_types, wire keys from wire_key_exceptions', () => {
	test('api-accesses: customer-id an integer, account-ids an integer list, allowed-ips an inet list', async () => {
		await yeti.run({
			resource: 'adminRoute',
			route: 'api-accesses',
			operation: 'create',
			attributes: { attribute: [{ name: 'login', value: 'bot' }, { name: 'customer-id', value: '4' }, { name: 'account-ids', value: '1, 2' }, { name: 'allowed-ips', value: '192.0.2.0/24, 198.51.100.7' }], secretAttribute: [{ name: 'password', value: 'Bot-Secret-1' }] },
		});
		expect((yeti.adminRequests()[0].body as { data: { attributes: unknown } }).data.attributes).toEqual({ login: 'bot', 'customer-id': 4, 'account-ids': [1, 2], 'allowed-ips': ['192.0.2.0/24', '198.51.100.7'], password: 'Bot-Secret-1' });
		const error = await runError(yeti, { resource: 'adminRoute', route: 'api-accesses', operation: 'create', attributes: { attribute: [{ name: 'customer-id', value: '4.5' }] } });
		expect(error.message).toContain('"Customer ID" must be a whole number');
	});

	test('numberlists tag-action-value is an integer list; a decimal goes out as a number and comes back as a string', async () => {
		await yeti.run({ resource: 'adminRoute', route: 'numberlists', operation: 'update', id: '1', attributes: { attribute: [{ name: 'tag-action-value', value: '[3, 4]' }] } });
		expect(yeti.adminRequests()[0].body).toEqual({ data: { type: 'numberlists', id: '1', attributes: { 'tag-action-value': [3, 4] } } });
		const { items } = await yeti.run({ resource: 'adminRoute', route: 'routing-plans', operation: 'update', id: '1', attributes: { attribute: [{ name: 'rate-delta-max', value: '0.25' }] } });
		expect(yeti.adminRequests().pop()!.body).toEqual({ data: { type: 'routing-plans', id: '1', attributes: { 'rate-delta-max': 0.25 } } });
		expect(items[0].json['rate-delta-max']).toBe('0.25');
	});

	test('active-calls attributes carry the wire keys (leg-a-remote-ip, not legA-remote-ip)', async () => {
		const { YETI_ROUTES_BY_PATH } = await import('../../nodes/YetiSwitch/catalogue');
		expect(YETI_ROUTES_BY_PATH['active-calls'].attributes).toEqual(expect.arrayContaining(['leg-a-remote-ip', 'leg-b-local-port']));
		expect(YETI_ROUTES_BY_PATH['active-calls'].attributes.some((key) => /[A-Z]/.test(key))).toBe(false);
	});

	test('enum attributes (numberlists mode-id): the server\'s values only, before any request', async () => {
		const error = await runError(yeti, { resource: 'adminRoute', route: 'numberlists', operation: 'update', id: '1', attributes: { attribute: [{ name: 'mode-id', value: '9' }] } });
		expect(error.message).toBe('"Mode ID" has a value the server does not take: 9 [item 0]');
		expect(error.description).toBe('Expected one of 1, 2, 3.');
		expect(yeti.adminRequests()).toHaveLength(0);
	});
});

describe('writable_but_not_attribute: never offered, refused before any request (the server answers 500)', () => {
	test('customers-auths diversion-policy in JSON is refused before any request', async () => {
		const error = await runError(yeti, { resource: 'adminRoute', route: 'customers-auths', operation: 'update', id: '1', fieldsMode: 'json', attributesJson: '{"diversion-policy": 2}' });
		expect(error.message).toBe('"Attributes (JSON)" "diversion-policy" is not an attribute of customers-auths: Yeti-Switch lists it as writable but answers 500 when it is sent [item 0]');
		expect(error.description).toBe('Expected one of the attributes of customers-auths.');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('routing-plans external-id in a key/value row is refused', async () => {
		const error = await runError(yeti, { resource: 'adminRoute', route: 'routing-plans', operation: 'create', attributes: { attribute: [{ name: 'name', value: 'X' }, { name: 'external-id', value: '5' }] } });
		expect(error.message).toContain('"external-id" is not an attribute of routing-plans');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('no writable_but_not_attribute field is offered anywhere (curated fields, attribute lists)', async () => {
		const { YETI_ROUTES } = await import('../../nodes/YetiSwitch/catalogue');
		for (const route of YETI_ROUTES.filter((r) => r.notAttributes)) {
			for (const key of route.notAttributes!) {
				expect(`${route.path}:${key}:${route.creatable.includes(key) || route.updatable.includes(key)}`).toBe(`${route.path}:${key}:false`);
			}
			for (const operation of ['create', 'update']) {
				const offered = await loadOptions(new YetiSwitch(), 'getRouteAttributes', { resource: 'adminRoute', route: route.path, operation }, yeti.credentials());
				expect(offered.filter((o) => route.notAttributes!.includes(String(o.value)))).toEqual([]);
			}
		}
		const customersAuth = RESOURCES.find((r) => r.value === 'customersAuth')!;
		const names = customersAuth.properties.flatMap((p) => [p.name, ...((p.options as INodeProperties[] | undefined) ?? []).map((o) => o.name)]);
		for (const key of ['srcNumberFieldId', 'dstNumberFieldId', 'srcNameFieldId', 'diversionPolicy', 'transportProtocol']) expect(names).not.toContain(key);
		expect(names).toContain('dumpLevelId');
	});
});

describe('secrets in Other Admin Route (issue 19 item 9)', () => {
	test('Secret Attribute rows offer every secret attribute of every route (secret ones first)', async () => {
		const { YETI_ROUTES } = await import('../../nodes/YetiSwitch/catalogue');
		const { isSecretAttribute } = await import('../../nodes/YetiSwitch/transport');
		let secrets = 0;
		for (const route of YETI_ROUTES.filter((r) => !r.path.includes('/'))) {
			for (const [operation, writable] of [['create', route.creatable], ['update', route.updatable]] as const) {
				const wanted = writable.filter((key) => isSecretAttribute(key));
				if (!wanted.length) continue;
				const offered = (await loadOptions(new YetiSwitch(), 'getRouteSecretAttributes', { resource: 'adminRoute', route: route.path, operation }, yeti.credentials())).map((o) => o.value);
				expect(offered.slice(0, wanted.length).sort()).toEqual([...wanted].sort());
				secrets += wanted.length;
			}
		}
		// gateways auth-password/incoming-auth-password, api-accesses password, registrations, sip-options-probers, smtp-connections, RADIUS secrets, x-yeti-auth (create and update).
		expect(secrets).toBe(18);
	});

	test('a secret typed into the JSON is refused (it would be saved as plain text); one mapped from the input passes', async () => {
		const error = await runError(yeti, { resource: 'adminRoute', route: 'radius-auth-profiles', operation: 'update', id: '1', fieldsMode: 'json', attributesJson: '{"name": "Main", "secret": "Typed-Secret-7"}' });
		expect(error.message).toBe('"Attributes (JSON)" holds the secret "secret" as plain text, which the saved workflow would keep readable [item 0]');
		expect(error.description).toContain('Secret Attribute row');
		const plainRow = await runError(yeti, { resource: 'adminRoute', route: 'gateways', operation: 'update', id: '1', attributes: { attribute: [{ name: 'auth-password', value: 'Typed-Secret-8' }] } });
		expect(plainRow.message).toContain('holds the secret "auth-password" as plain text');
		expect(yeti.adminRequests()).toHaveLength(0);
		await yeti.run(
			{ resource: 'adminRoute', route: 'gateways', operation: 'update', id: '1', fieldsMode: 'json', attributesJson: '={{ JSON.stringify({ "auth-password": $json.secret }) }}' },
			{ items: [{ secret: 'From-Input-Secret-9' }] },
		);
		expect((yeti.adminRequests()[0].body as { data: { attributes: unknown } }).data.attributes).toEqual({ 'auth-password': 'From-Input-Secret-9' });
	});

	test('a secret sent is masked in the error when the server echoes it back', async () => {
		yeti.sandbox.injectFault({
			method: 'PATCH',
			path: '/api/rest/admin/gateways/1',
			status: 422,
			body: { errors: [{ title: 'is invalid', detail: 'auth-password - Echoed-Secret-42 is too weak', code: '100', status: '422', source: { pointer: '/data/attributes/auth-password' } }] },
		});
		const error = await runError(yeti, { resource: 'gateway', operation: 'update', id: '1', updateFields: { authPassword: 'Echoed-Secret-42' } });
		expect(error.message).toContain('auth-password:');
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain('Echoed-Secret-42');
	});

	test('JSON mode has its own Secret Attributes rows (masked)', async () => {
		await yeti.run({
			resource: 'adminRoute',
			route: 'gateways',
			operation: 'update',
			id: '1',
			fieldsMode: 'json',
			attributesJson: '{"name": "Acme SBC 2"}',
			secretAttributes: { secretAttribute: [{ name: 'auth-password', value: 'Masked-Secret-3' }] },
		});
		expect((yeti.adminRequests()[0].body as { data: { attributes: unknown } }).data.attributes).toEqual({ name: 'Acme SBC 2', 'auth-password': 'Masked-Secret-3' });
		const property = new YetiSwitch().description.properties.find((p) => p.name === 'secretAttributes')!;
		expect((property.options as Array<{ values: INodeProperties[] }>)[0].values.find((v) => v.name === 'value')?.typeOptions?.password).toBe(true);
	});
});
