/** Get Many: pages of up to 1000, exactly meta.total-count records, filters by field type, sort, include, unpaginated routes. */
import { runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();

test('Return All over 2,500 records takes exactly 3 pages of 1000 and outputs every record once', async () => {
	yeti.sandbox.seedAccounts(2497);
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true });
	expect(items).toHaveLength(2500);
	expect(new Set(items.map((i) => i.json.id)).size).toBe(2500);
	expect(yeti.adminRequests().map((r) => r.query)).toEqual([
		{ 'page[number]': '1', 'page[size]': '1000' },
		{ 'page[number]': '2', 'page[size]': '1000' },
		{ 'page[number]': '3', 'page[size]': '1000' },
	]);
	expect(items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('Return All of exactly 2,000 records stops at the total: no third request', async () => {
	yeti.sandbox.seedAccounts(1997);
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true });
	expect(items).toHaveLength(2000);
	expect(yeti.adminRequests()).toHaveLength(2);
});

test('Limit asks for a page of that size only', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: false, limit: 2 });
	expect(items.map((i) => i.json.name)).toEqual(['Acme Telecom', 'Blue Carrier']);
	expect(yeti.adminRequests()[0].query).toEqual({ 'page[number]': '1', 'page[size]': '2' });
});

test('a balance_lt filter, a plain relationship filter, sort and include', async () => {
	const { items } = await yeti.run({
		resource: 'account',
		operation: 'getAll',
		returnAll: true,
		filters: { filter: [{ field: 'r:balance:number', operator: 'lt', value: '10' }, { field: 'p:contractor.id', operator: 'eq', value: '4' }] },
		options: { sortBy: { rule: [{ field: 'balance', direction: 'desc' }] }, include: ['contractor'] },
	});
	expect(yeti.adminRequests()[0].query).toEqual({
		'filter[balance_lt]': '10',
		'filter[contractor.id]': '4',
		sort: '-balance',
		include: 'contractor',
		'page[number]': '1',
		'page[size]': '1000',
	});
	expect(items.map((i) => [i.json.name, i.json.balance])).toEqual([
		['Demo prepaid', '3.2'],
		['Demo postpaid', '-20.0'],
	]);
	expect(items[0].json.contractor).toMatchObject({ id: '4', name: 'Demo Customer' });
});

test('string operators: cont and in', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'cont', value: 'demo' }] } });
	expect(items.map((i) => i.json.name)).toEqual(['Demo Customer']);
	const { items: listed } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:external_id:number', operator: 'in', value: '5001, 5005' }] } });
	expect(yeti.adminRequests().pop()!.query['filter[external_id_in]']).toBe('5001,5005');
	expect(listed.map((i) => i.json.id)).toEqual(['1', '3']);
});

test('an operator the field type does not allow fails before any request', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'gt', value: 'a' }] } });
	expect(error.message).toContain('"gt" is not available for name (string)');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('a non-number for a number filter fails before any request', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:balance:number', operator: 'lt', value: 'ten' }] } });
	expect(error.message).toContain('is not a number: "ten"');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('Sort By offers exactly accounts.sortable, never a sortable_fails field (currency)', async () => {
	const { RESOURCES } = await import('../../nodes/YetiSwitch/actions/resources');
	const sortFields = (resource: string) => {
		const options = RESOURCES.find((r) => r.value === resource)!.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('getAll'))!;
		const sortBy = (options.options as Array<{ name: string; options?: Array<{ values: Array<{ name: string; options?: Array<{ value: string }> }> }> }>).find((o) => o.name === 'sortBy');
		return sortBy?.options?.[0].values.find((v) => v.name === 'field')?.options?.map((o) => o.value);
	};
	expect(sortFields('account')).toEqual(['id', 'name', 'balance', 'min-balance', 'max-balance', 'vat', 'destination-rate-limit', 'max-call-duration', 'external-id', 'uuid', 'origination-capacity', 'termination-capacity', 'total-capacity', 'send-invoices-to', 'invoice-period-id', 'timezone']);
	// payments.sortable: amount, created_at, rollback_at — no id; rollback_at is in sortable_fails (500).
	expect(sortFields('payment')).toEqual(['amount', 'created-at']);
	// active-calls.sortable: [] — no Sort By at all.
	expect(sortFields('activeCall')).toBeUndefined();
});

test('a sort field the server cannot order by fails before any request (Sort By rows and the older Sort text)', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, options: { sortBy: { rule: [{ field: 'currency' }] } } });
	expect(error.message).toBe('"Options › Sort By › row 1 › Field" "currency" is not a field Yeti-Switch can sort accounts by [item 0]');
	const legacy = await runError(yeti, { resource: 'payment', operation: 'getAll', returnAll: true, options: { sort: '-id' } });
	expect(legacy.message).toBe('"Options › Sort" "id" is not a field Yeti-Switch can sort payments by [item 0]');
	expect(yeti.adminRequests()).toHaveLength(0);
	await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, options: { sort: '-balance,name' } });
	expect(yeti.adminRequests()[0].query.sort).toBe('-balance,name');
});

test('CDRs come newest first by default; active calls are unpaginated', async () => {
	const { items } = await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true });
	expect(items.map((i) => i.json.id)).toEqual(['1', '2', '3']);
	const { items: calls } = await yeti.run({ resource: 'activeCall', operation: 'getAll', returnAll: true });
	expect(calls.map((i) => i.json.id)).toEqual(['1*a1b2c3', '1*d4e5f6']);
	// Unpaginated: no page[] parameters.
	expect(Object.keys(yeti.adminRequests().pop()!.query).some((key) => key.startsWith('page'))).toBe(false);
});

test('Raw JSON:API keeps the resource objects', async () => {
	const { items } = await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: false, limit: 1, options: { rawJsonApi: true } });
	expect(items[0].json).toMatchObject({ id: '1', type: 'contractors', attributes: { name: 'Acme Telecom' } });
});

test('a failing page is reported with the item and no partial output', async () => {
	yeti.sandbox.seedAccounts(1500);
	yeti.sandbox.injectFault({ method: 'GET', path: '/api/rest/admin/accounts', status: 500, times: 10 });
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
	expect(items).toHaveLength(1);
	expect(items[0].json.error).toContain('Yeti-Switch had a server error (500)');
});

test('Continue On Fail: a later page that fails keeps the records before it, then one entry naming the page', async () => {
	yeti.sandbox.seedAccounts(1500);
	const path = '/api/rest/admin/accounts';
	yeti.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	yeti.sandbox.injectFault({ method: 'GET', path, status: 503, times: 10 });
	const { items } = await yeti.run({ resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
	expect(items).toHaveLength(1001);
	expect(new Set(items.slice(0, 1000).map((i) => i.json.id)).size).toBe(1000);
	expect(items.slice(0, 1000).every((i) => i.json.error === undefined)).toBe(true);
	expect(items[1000].json).toMatchObject({ failedPage: 2, receivedBeforeFailure: 1000, httpCode: '503', error: expect.stringContaining('server error (503)') });
	expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('without Continue On Fail a later page that fails stops the node (nothing half-listed)', async () => {
	yeti.sandbox.seedAccounts(1500);
	const path = '/api/rest/admin/accounts';
	yeti.sandbox.injectFault({ method: 'GET', path, delayMs: 1, times: 1 });
	yeti.sandbox.injectFault({ method: 'GET', path, status: 503, times: 10 });
	const error = await runError(yeti, { resource: 'account', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } });
	expect(error.message).toContain('server error (503)');
});

test('an included to-many relationship gives <relationship>-ids and the related records', async () => {
	const { items } = await yeti.run({ resource: 'adminRoute', route: 'rate-groups', operation: 'get', id: '1', options: { include: ['rateplans'] } });
	expect(yeti.adminRequests()[0].url).toBe('/api/rest/admin/rate-groups/1?include=rateplans');
	expect(items[0].json).toMatchObject({ id: '1', name: 'Default rates', 'rateplans-ids': ['1'], rateplans: [{ id: '1', name: 'Retail' }] });
});

describe('related ids never vanish (relationship_linkage)', () => {
	test('active-calls: every relationship without linkage is included as ids only, so each <relationship>-id is in the output', async () => {
		const { items } = await yeti.run({ resource: 'activeCall', operation: 'getAll', returnAll: true });
		const query = yeti.adminRequests()[0].query;
		expect(String(query.include).split(',')).toEqual(expect.arrayContaining(['customer', 'customer-acc', 'orig-gw', 'node', 'pop']));
		expect(query['fields[contractors]']).toBe('id');
		expect(items[0].json).toMatchObject({ id: '1*a1b2c3', 'customer-id': '1', 'customer-acc-id': '1', 'orig-gw-id': '1', 'node-id': '1', 'pop-id': '1', 'vendor-id': null, 'leg-a-remote-ip': '198.51.100.10' });
		// Included only for the ids: no related records are attached to the output.
		expect(items[0].json).not.toHaveProperty('customer');
		expect(items[0].json).not.toHaveProperty('relationships-not-loaded');
	});

	test('destinations rate_group (linkage false): rate-group-id in Get Many and Get; the to-many destination-next-rates is named as not loaded', async () => {
		const { items } = await yeti.run({ resource: 'destination', operation: 'getAll', returnAll: true });
		expect(items[0].json).toMatchObject({ prefix: '33', 'rate-group-id': '1', 'country-id': '1', 'network-id': '1', 'relationships-not-loaded': ['destination-next-rates'] });
		expect(items[1].json).toMatchObject({ prefix: '44', 'rate-group-id': '1', 'country-id': '2', 'network-id': null });
		yeti.sandbox.clearRequests();
		const { items: one } = await yeti.run({ resource: 'destination', operation: 'get', id: '2' });
		expect(yeti.adminRequests()[0].query).toEqual({ include: 'rate-group,country,network', 'fields[rate-groups]': 'id', 'fields[countries]': 'id', 'fields[networks]': 'id' });
		expect(one[0].json).toMatchObject({ 'rate-group-id': '1' });
	});

	test('numberlist-items numberlist (linkage false): numberlist-id after a create too (the write asks for it)', async () => {
		const { items } = await yeti.run({ resource: 'numberlistItem', operation: 'create', key: '33700000000', numberlist: { __rl: true, mode: 'id', value: '1' } });
		expect(yeti.adminRequests()[0].query).toEqual({ include: 'numberlist,tag-action', 'fields[numberlists]': 'id', 'fields[tag-actions]': 'id' });
		expect(items[0].json).toMatchObject({ key: '33700000000', 'numberlist-id': '1', 'tag-action-id': null });
	});

	test('a relationship the user includes keeps its whole records; the others stay ids only', async () => {
		const { items } = await yeti.run({ resource: 'destination', operation: 'get', id: '1', options: { include: ['country'] } });
		const query = yeti.adminRequests()[0].query;
		expect(query.include).toBe('country,rate-group,network');
		expect(query['fields[countries]']).toBeUndefined();
		expect(items[0].json).toMatchObject({ 'country-id': '1', country: { id: '1', name: 'France', iso2: 'FR' }, 'rate-group-id': '1' });
		expect(items[0].json).not.toHaveProperty('rate-group');
	});

	test('rate-groups rateplans (to-many, linkage false): named as not loaded until included', async () => {
		const { items } = await yeti.run({ resource: 'adminRoute', route: 'rate-groups', operation: 'getAll', returnAll: true });
		expect(items[0].json).toMatchObject({ name: 'Default rates', 'relationships-not-loaded': ['rateplans'] });
		const { items: included } = await yeti.run({ resource: 'adminRoute', route: 'rate-groups', operation: 'getAll', returnAll: true, options: { include: ['rateplans'] } });
		expect(included[0].json).toMatchObject({ 'rateplans-ids': ['1'] });
		expect(included[0].json).not.toHaveProperty('relationships-not-loaded');
	});
});

describe('filter values are quoted as the server reads them (CSV)', () => {
	test('a value with a comma means itself: "Acme, Inc." is sent quoted and matches one record', async () => {
		const { items } = await yeti.run({ resource: 'adminRoute', route: 'invoice-template', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'eq', value: 'Acme, Inc. template' }] } });
		expect(yeti.adminRequests()[0].query['filter[name_eq]']).toBe('"Acme, Inc. template"');
		expect(items.map((i) => i.json.name)).toEqual(['Acme, Inc. template']);
	});

	test('a plain filter value with a comma does not match either half; a quote is doubled', async () => {
		yeti.sandbox.insert('countries', { name: 'Bonaire, Sint Eustatius and Saba', iso2: 'BQ' });
		const { items } = await yeti.run({ resource: 'adminRoute', route: 'countries', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'p:name', operator: 'eq', value: 'Bonaire, Sint Eustatius and Saba' }] } });
		expect(yeti.adminRequests()[0].query['filter[name]']).toBe('"Bonaire, Sint Eustatius and Saba"');
		expect(items.map((i) => i.json.iso2)).toEqual(['BQ']);
		yeti.sandbox.clearRequests();
		await yeti.run({ resource: 'contractor', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'cont', value: '5" screen' }] } });
		expect(yeti.adminRequests()[0].query['filter[name_cont]']).toBe('"5"" screen"');
	});

	test('"is one of" takes values separated by commas; a value in double quotes keeps its comma', async () => {
		const { items } = await yeti.run({
			resource: 'adminRoute',
			route: 'invoice-template',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ field: 'r:name:string', operator: 'in', value: '"Acme, Inc. template", Default template' }] },
		});
		expect(yeti.adminRequests()[0].query['filter[name_in]']).toBe('"Acme, Inc. template",Default template');
		expect(items.map((i) => i.json.id)).toEqual(['1', '2']);
	});

	test('the contractor search quotes a comma too', async () => {
		const { listSearch } = await import('../harness/run-node');
		const { YetiSwitch } = await import('../../nodes/YetiSwitch/YetiSwitch.node');
		await listSearch(new YetiSwitch(), 'searchContractors', { resource: 'account', operation: 'create' }, yeti.credentials(), 'Acme, Inc.');
		expect(yeti.adminRequests()[0].query['filter[name_cont]']).toBe('"Acme, Inc."');
	});
});

describe('enum filters (filterEnums): a dropdown of the server\'s exact values', () => {
	test('invoices state: the choice goes out as the server spells it', async () => {
		const { items } = await yeti.run({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'e:state:enum', operator: 'eq', choices: ['Approved'] }] } });
		expect(yeti.adminRequests()[0].query['filter[state_eq]']).toBe('Approved');
		expect(items.map((i) => i.json.reference)).toEqual(['INV-0001']);
		const { items: several } = await yeti.run({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'e:state:enum', operator: 'in', choices: ['Approved', 'Pending'] }] } });
		expect(several).toHaveLength(2);
	});

	test('a value the server does not take, or several for "equals", fails before any request', async () => {
		const wrong = await runError(yeti, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'e:state:enum', operator: 'eq', choices: ['approved'] }] } });
		expect(wrong.message).toBe('"Filters › row 1 › Value" is not a value state takes: "approved" [item 0]');
		const several = await runError(yeti, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'e:state:enum', operator: 'eq', choices: ['Approved', 'Pending'] }] } });
		expect(several.message).toContain('has 2 values for an operator that compares with one');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('the filter field list marks enum fields; their choices load from the route', async () => {
		const { loadOptions } = await import('../harness/run-node');
		const { YetiSwitch } = await import('../../nodes/YetiSwitch/YetiSwitch.node');
		const { filterFieldOptions } = await import('../../nodes/YetiSwitch/actions/common/fields');
		const { YETI_ROUTES_BY_PATH } = await import('../../nodes/YetiSwitch/catalogue');
		expect(filterFieldOptions(YETI_ROUTES_BY_PATH.payments).filter((o) => String(o.value).startsWith('e:')).map((o) => o.value)).toEqual(['e:status:enum', 'e:type_name:enum']);
		const choices = await loadOptions(new YetiSwitch(), 'getFilterChoices', { resource: 'payment', operation: 'getAll', filters: { filter: [{ field: 'e:status:enum' }] } }, yeti.credentials(), 'parameters.filters.filter[0].choices');
		expect(choices.map((c) => c.value)).toEqual(['canceled', 'completed', 'pending', 'rolled_back']);
	});
});
