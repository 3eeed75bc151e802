/**
 * The Yeti sandbox over plain HTTP (fetch), checked against the server's facts: each test names the
 * fact it checks — the route and the key of ../shared/vendor-specs/yeti-admin-resources.json, or the
 * section of yeti-server-facts.md — so a reader can trace it to the server's code.
 */
import { gunzipSync } from 'node:zlib';

import { createYetiSandbox, JSONAPI, SEED_SERVER_VERSION, YETI_SANDBOX_PASSWORD, type YetiSandbox } from './index';

let sandbox: YetiSandbox;
let admin: string;
let token: string;

beforeAll(async () => {
	sandbox = createYetiSandbox();
	admin = `${await sandbox.start()}/api/rest/admin`;
});
afterAll(async () => sandbox.stop());
beforeEach(async () => {
	sandbox.reset();
	token = await login();
});

async function login(password = YETI_SANDBOX_PASSWORD) {
	const response = await fetch(`${admin}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { username: 'admin', password } }) });
	const body = (await response.json()) as { jwt?: string };
	return body.jwt as string;
}

const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
	fetch(`${admin}/${path}`, {
		method: init.method ?? 'GET',
		headers: { authorization: token, accept: JSONAPI, ...(init.body !== undefined ? { 'content-type': JSONAPI } : {}), ...(init.headers ?? {}) },
		body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
	});
type Doc = { data?: any; errors?: any[]; meta?: any; links?: any; included?: any[] };
const json = async (response: Response) => (await response.json()) as Doc;
const firstError = async (response: Response) => ({ ...(await json(response)).errors![0], status: response.status });

const SEED_BODY = '{"data":{"type":"accounts","attributes":{"name":"name","min-balance":1,"max-balance":10,"vat":11,"origination-capacity":100,"termination-capacity":110,"total-capacity":100,"balance-low-threshold":90,"balance-high-threshold":95,"send-balance-notifications-to":[1],"timezone":"Europe/Kyiv"},"relationships":{"contractor":{"data":{"type":"contractors","id":4}}}}}';

describe('auth (yeti-server-facts.md §2 Authentication)', () => {
	test('a login returns 201 and a real HS256 JWT {sub, aud:["admin"], exp} valid for 600 s', async () => {
		const response = await fetch(`${admin}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
		expect(response.status).toBe(201);
		const { jwt } = (await response.json()) as { jwt: string };
		const [head, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
		expect(head).toEqual({ alg: 'HS256' });
		expect(payload).toMatchObject({ sub: 1, aud: ['admin'] });
		expect(payload.exp - Date.now() / 1000).toBeGreaterThan(590);
	});

	test('a wrong password or a refused IP answers 401 with the errors body', async () => {
		const response = await fetch(`${admin}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { username: 'admin', password: 'nope' } }) });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ errors: [{ title: 'Authentication failed', detail: 'Incorrect login or password.', code: '401', status: '401' }] });
		sandbox.ipNotAllowed = true;
		const blocked = await fetch(`${admin}/auth`, { method: 'POST', body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
		expect((await json(blocked)).errors![0].detail).toBe('Your IP address is not allowed.');
	});

	test('missing, forged, expired and revoked tokens get 401 with an empty body; Bearer and ?token= work', async () => {
		for (const authorization of ['', 'garbage', sandbox.signToken({ sub: 1, aud: ['admin'], exp: 9999999999 }, 'another-secret'), sandbox.signToken({ sub: 1, aud: ['admin'], exp: 1 })]) {
			const response = await fetch(`${admin}/accounts`, { headers: { authorization, accept: JSONAPI } });
			expect(response.status).toBe(401);
			expect(await response.text()).toBe('');
		}
		expect((await fetch(`${admin}/accounts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
		expect((await fetch(`${admin}/accounts?token=${token}`)).status).toBe(200);
		await fetch(`${sandbox.url}/__sandbox/yeti/expire-tokens`, { method: 'POST' });
		expect((await call('accounts')).status).toBe(401);
	});

	test('a short token lifetime expires tokens', async () => {
		const short = createYetiSandbox({ tokenLifetimeSeconds: 1 });
		const url = await short.start();
		try {
			const response = await fetch(`${url}/api/rest/admin/auth`, { method: 'POST', body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
			const { jwt } = (await response.json()) as { jwt: string };
			expect((await fetch(`${url}/api/rest/admin/pops`, { headers: { authorization: jwt } })).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 2100));
			expect((await fetch(`${url}/api/rest/admin/pops`, { headers: { authorization: jwt } })).status).toBe(401);
		} finally {
			await short.stop();
		}
	});
});

describe('media types (§2 Request/response basics)', () => {
	test('Accept: application/json → 406; writes without exactly application/vnd.api+json → 415, with the table titles', async () => {
		expect(await firstError(await call('accounts', { headers: { accept: 'application/json' } }))).toMatchObject({ status: 406, code: '406', title: 'Not acceptable' });
		const charset = await call('pops', { method: 'POST', body: { data: { type: 'pops', id: '9', attributes: { name: 'x' } } }, headers: { 'content-type': `${JSONAPI}; charset=utf-8` } });
		expect(await firstError(charset)).toMatchObject({ status: 415, code: '415', title: 'Unsupported media type' });
	});

	test('malformed JSON → 400 code 400 Bad Request', async () => {
		expect(await firstError(await call('pops', { method: 'POST', body: '{"data":' }))).toMatchObject({ status: 400, code: '400', title: 'Bad Request' });
	});
});

describe('accounts: currency and the server version (accounts.required_on_create, required_on_create_notes.currency)', () => {
	test('on 1.15.38 (default) the seed request gets 422 "currency - must exist" pointing at /data/attributes/currency', async () => {
		const error = await firstError(await call('accounts', { method: 'POST', body: SEED_BODY }));
		expect(error).toMatchObject({ status: 422, code: '100', title: 'must exist', detail: 'currency - must exist', source: { pointer: '/data/attributes/currency' } });
	});

	test('on 1.15.38 with a currency: 201, currency rendered; an unknown code → 422 "currency - is not found"', async () => {
		const body = JSON.parse(SEED_BODY);
		body.data.attributes.currency = 'USD';
		const created = await call('accounts', { method: 'POST', body });
		expect(created.status).toBe(201);
		expect((await json(created)).data.attributes.currency).toBe('USD');
		body.data.attributes.currency = 'XXX';
		body.data.attributes.name = 'other';
		expect(await firstError(await call('accounts', { method: 'POST', body }))).toMatchObject({ status: 422, detail: 'currency - is not found' });
	});

	test(`on ${SEED_SERVER_VERSION} the seed request answers exactly as seeds/003 shows (no currency attribute at all)`, async () => {
		sandbox.serverVersion = SEED_SERVER_VERSION;
		const response = await call('accounts', { method: 'POST', body: SEED_BODY });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe(JSONAPI);
		const { data } = await json(response);
		expect(response.headers.get('location')).toBe(`${admin}/accounts/${data.id}`);
		expect(Object.keys(data.attributes)).toEqual(['name', 'balance', 'min-balance', 'max-balance', 'vat', 'balance-low-threshold', 'balance-high-threshold', 'send-balance-notifications-to', 'destination-rate-limit', 'max-call-duration', 'external-id', 'uuid', 'origination-capacity', 'termination-capacity', 'total-capacity', 'send-invoices-to', 'invoice-period-id', 'timezone']);
		expect(data.attributes).toMatchObject({ name: 'name', balance: '0.0', 'min-balance': '1.0', 'max-balance': '10.0', vat: '11.0', 'balance-low-threshold': '90.0', 'send-balance-notifications-to': [1], 'origination-capacity': 100, timezone: 'Europe/Kyiv' });
		expect(data.relationships.contractor).toEqual({ links: { self: `${admin}/accounts/${data.id}/relationships/contractor`, related: `${admin}/accounts/${data.id}/contractor` }, data: { type: 'contractors', id: '4' } });
		expect(data.relationships['invoice-template'].data).toBeNull();
		// Before 1.14.72 currency is no attribute of accounts: sending it is refused (105).
		const body = JSON.parse(SEED_BODY);
		body.data.attributes.currency = 'USD';
		expect(await firstError(await call('accounts', { method: 'POST', body }))).toMatchObject({ status: 400, code: '105', detail: 'currency is not allowed.' });
	});

	test('the version switch works over HTTP (/__sandbox/yeti/server) and a reset restores the default', async () => {
		const switched = await fetch(`${sandbox.url}/__sandbox/yeti/server`, { method: 'POST', body: JSON.stringify({ version: SEED_SERVER_VERSION }) });
		expect(await switched.json()).toMatchObject({ version: SEED_SERVER_VERSION });
		expect((await call('accounts', { method: 'POST', body: SEED_BODY })).status).toBe(201);
		sandbox.reset();
		expect(sandbox.serverVersion).toBe('1.15.38');
	});

	test('dialpeers/destinations need a currency from 1.15.0 (required_on_create_notes.currency)', async () => {
		const destination = { data: { type: 'destinations', attributes: { prefix: '49', enabled: true, 'initial-rate': 0.1, 'next-rate': 0.1 }, relationships: { 'rate-group': { data: { type: 'rate-groups', id: '1' } } } } };
		expect(await firstError(await call('destinations', { method: 'POST', body: destination }))).toMatchObject({ status: 422, detail: "currency - can't be blank", source: { pointer: '/data/attributes/currency' } });
		sandbox.serverVersion = '1.14.99';
		expect((await call('destinations', { method: 'POST', body: destination })).status).toBe(201);
	});
});

describe('writes (jr request_parser, model validations)', () => {
	test('keys must be dasherized: min_balance → 400 code 105 "min_balance is not allowed." (§1.1)', async () => {
		const error = await firstError(await call('accounts', { method: 'POST', body: { data: { type: 'accounts', attributes: { name: 'x', min_balance: 1, currency: 'USD' }, relationships: { contractor: { data: { type: 'contractors', id: '4' } } } } } }));
		expect(error).toMatchObject({ status: 400, code: '105', title: 'Param not allowed', detail: 'min_balance is not allowed.' });
	});

	test('a linkage of the wrong type → 400 code 116 Type Mismatch; a bad linkage object → 115', async () => {
		const body = (contractor: unknown) => ({ data: { type: 'accounts', attributes: { name: 'x', currency: 'USD' }, relationships: { contractor } } });
		expect(await firstError(await call('accounts', { method: 'POST', body: body({ data: { type: 'contractor', id: '4' } }) }))).toMatchObject({ status: 400, code: '116', title: 'Type Mismatch', detail: 'contractor is not a valid type for this operation.' });
		expect(await firstError(await call('accounts', { method: 'POST', body: body({ data: { id: '4' } }) }))).toMatchObject({ status: 400, code: '115', title: 'Invalid Links Object' });
		// data.type is unformatted: customers_auths and contractors_ with underscores are the same type.
		expect((await call('accounts', { method: 'POST', body: body({ data: { type: 'contractors', id: 4 } }) })).status).toBe(201);
	});

	test('customers-auths writable_but_not_attribute: as attributes → 500, as relationships → ignored', async () => {
		const base = {
			type: 'customers-auths',
			attributes: { name: 'Trunk', ip: '192.0.2.1' },
			relationships: { customer: { data: { type: 'contractors', id: '4' } }, account: { data: { type: 'accounts', id: '2' } }, gateway: { data: { type: 'gateways', id: '1' } }, rateplan: { data: { type: 'rateplans', id: '1' } }, 'routing-plan': { data: { type: 'routing-plans', id: '1' } } },
		};
		const broken = await call('customers-auths', { method: 'POST', body: { data: { ...base, attributes: { ...base.attributes, 'diversion-policy': 1 } } } });
		expect(await firstError(broken)).toMatchObject({ status: 500, code: '500', title: 'Internal Server Error' });
		const ignored = await call('customers-auths', { method: 'POST', body: { data: { ...base, relationships: { ...base.relationships, 'transport-protocol': { data: { type: 'transport-protocols', id: '1' } } } } } });
		expect(ignored.status).toBe(201);
		// ip is inet[]: a single string becomes a one-element array.
		expect((await json(ignored)).data.attributes.ip).toEqual(['192.0.2.1']);
	});

	test('routing-plans writable_but_not_attribute external-id → 500', async () => {
		expect((await call('routing-plans', { method: 'POST', body: { data: { type: 'routing-plans', attributes: { name: 'X', 'external-id': 5 } } } })).status).toBe(500);
	});

	test('contractors required_on_create: enabled omitted → 500 (NOT NULL column), name missing → 422', async () => {
		expect((await call('contractors', { method: 'POST', body: { data: { type: 'contractors', attributes: { name: 'New', vendor: false, customer: true } } } })).status).toBe(500);
		expect(await firstError(await call('contractors', { method: 'POST', body: { data: { type: 'contractors', attributes: { enabled: true, vendor: false, customer: true } } } }))).toMatchObject({ status: 422, detail: "name - can't be blank" });
		expect((await call('contractors', { method: 'POST', body: { data: { type: 'contractors', attributes: { name: 'New', enabled: true, vendor: false, customer: true } } } })).status).toBe(201);
	});

	test('enums: payments status is computed; invoices state filter values; an enum attribute outside its values → 422', async () => {
		const error = await firstError(await call('accounts', { method: 'POST', body: { data: { type: 'accounts', attributes: { name: 'x', currency: 'USD', 'invoice-period-id': 9 }, relationships: { contractor: { data: { type: 'contractors', id: '4' } } } } } }));
		expect(error).toMatchObject({ status: 422, detail: 'invoice-period-id - is not included in the list' });
	});

	test('uniqueness → 422 "has already been taken" (app/models/account.rb)', async () => {
		const error = await firstError(await call('accounts', { method: 'POST', body: { data: { type: 'accounts', attributes: { name: 'Acme main', currency: 'USD' }, relationships: { contractor: { data: { type: 'contractors', id: '4' } } } } } }));
		expect(error).toMatchObject({ detail: 'name - has already been taken', source: { pointer: '/data/attributes/name' } });
	});

	test('update: data.id missing → 109, different → 110; destroy 204; unknown 404; bad id 103', async () => {
		expect(await firstError(await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', attributes: { name: 'x' } } } }))).toMatchObject({ code: '109', title: 'A key is required' });
		expect(await firstError(await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', id: '2', attributes: { name: 'x' } } } }))).toMatchObject({ code: '110', title: 'Key is not included in URL', detail: 'The URL does not support the key 2' });
		expect((await json(await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', id: '1', attributes: { name: 'Lyon' } } } }))).data.attributes.name).toBe('Lyon');
		const gone = await call('pops/1', { method: 'DELETE' });
		expect(gone.status).toBe(204);
		expect(await gone.text()).toBe('');
		expect(await firstError(await call('pops/1'))).toMatchObject({ status: 404, code: '404', title: 'Record not found', detail: 'The record identified by 1 could not be found.' });
		expect(await firstError(await call('accounts/abc'))).toMatchObject({ status: 400, code: '103', detail: 'abc is not a valid value for id.' });
	});

	test('pops: the client supplies the id (creatable_resolved includes id)', async () => {
		expect(await firstError(await call('pops', { method: 'POST', body: { data: { type: 'pops', attributes: { name: 'Berlin' } } } }))).toMatchObject({ status: 422, detail: "id - can't be blank" });
		const created = await call('pops', { method: 'POST', body: { data: { type: 'pops', id: '7', attributes: { name: 'Berlin' } } } });
		expect((await json(created)).data.id).toBe('7');
	});

	test('operations a route does not declare are not routed (Rails 404 page)', async () => {
		expect((await call('payments/1', { method: 'DELETE' })).status).toBe(404);
		expect((await call('timezones', { method: 'POST', body: { data: { type: 'timezones' } } })).status).toBe(404);
	});

	test('cdr-exports: DELETE is a soft delete (special_endpoints)', async () => {
		expect((await call('cdr-exports/1', { method: 'DELETE' })).status).toBe(204);
		expect((await json(await call('cdr-exports/1'))).data.attributes.status).toBe('Deleted');
	});
});

describe('reads: linkage, links, include, fields (§1.5)', () => {
	test('destinations relationship_linkage rate_group: false → no data without include, data with it', async () => {
		const plain = (await json(await call('destinations/1'))).data;
		expect(plain.relationships['rate-group']).toEqual({ links: { self: `${admin}/destinations/1/relationships/rate-group`, related: `${admin}/destinations/1/rate-group` } });
		const included = await json(await call('destinations/1?include=rate-group&fields[rate-groups]=id'));
		expect(included.data.relationships['rate-group'].data).toEqual({ type: 'rate-groups', id: '1' });
		expect(included.included).toEqual([{ id: '1', type: 'rate-groups', links: { self: `${admin}/rate-groups/1` }, attributes: {} }]);
	});

	test('accounts relationship_linkage contractor: true → data always', async () => {
		expect((await json(await call('accounts/2'))).data.relationships.contractor.data).toEqual({ type: 'contractors', id: '4' });
	});

	test('active-calls: no linkage for any relationship; wire keys leg-a-remote-ip (wire_key_exceptions); meta total-count 0', async () => {
		const list = await json(await call('active-calls'));
		expect(list.meta).toEqual({ 'total-count': 0 });
		expect(list.data[0].attributes['leg-a-remote-ip']).toBe('198.51.100.10');
		expect(list.data[0].relationships.customer.data).toBeUndefined();
		const withCustomer = await json(await call('active-calls?include=customer,node'));
		expect(withCustomer.data[0].relationships.customer.data).toEqual({ type: 'contractors', id: '1' });
	});

	test('invoice-template: route /invoice-template, type invoice-templates, links built from the type', async () => {
		const list = await json(await call('invoice-template'));
		expect(list.data[0]).toMatchObject({ type: 'invoice-templates', links: { self: `${admin}/invoice-templates/1` } });
		expect(list.links.first).toContain('/invoice-templates?');
	});

	test('fields: unknown type → 101, unknown field → 104; include of an unknown relationship → 112', async () => {
		expect(await firstError(await call('accounts?fields[colours]=name'))).toMatchObject({ code: '101', detail: 'colours is not a valid resource.' });
		expect(await firstError(await call('accounts?fields[accounts]=colour'))).toMatchObject({ code: '104', detail: 'colour is not a valid field for accounts.' });
		expect(await firstError(await call('accounts?include=colour'))).toMatchObject({ code: '112', title: 'Invalid field', detail: 'colour is not a valid relationship of accounts' });
	});

	test('timezones: no self links, unpaginated, string ids', async () => {
		const body = await json(await call('timezones?page[size]=1'));
		expect(body.data).toHaveLength(4);
		expect(body.data[0]).toEqual({ id: 'UTC', type: 'timezones', attributes: { name: 'UTC' } });
		expect(body.links).toBeUndefined();
	});
});

describe('lists: pages, filters, sort (§2 Pagination, Filters; §1.4)', () => {
	test('default page size 50, links, meta.total-count; beyond 1000 → 118 "size exceeds maximum page size of 1000."', async () => {
		sandbox.seedAccounts(117);
		const first = await json(await call('accounts'));
		expect(first.data).toHaveLength(50);
		expect(first.meta).toEqual({ 'total-count': 120 });
		expect(Object.keys(first.links)).toEqual(['first', 'next', 'last']);
		const last = await json(await call('accounts?page[number]=3&page[size]=50'));
		expect(last.data).toHaveLength(20);
		expect(await firstError(await call('accounts?page[size]=1001'))).toMatchObject({ code: '118', title: 'Invalid page value', detail: 'size exceeds maximum page size of 1000.' });
	});

	test('filter values are CSV-parsed: a plain filter matches either half of an unquoted comma, a quoted value means itself', async () => {
		const either = await json(await call(`invoice-template?filter[name_in]=${encodeURIComponent('Acme, Inc. template,Default template')}`));
		expect(either.data.map((t: { id: string }) => t.id)).toEqual(['1']);
		const quoted = await json(await call(`invoice-template?filter[name_eq]=${encodeURIComponent('"Acme, Inc. template"')}`));
		expect(quoted.data.map((t: { id: string }) => t.id)).toEqual(['2']);
		// A single-value operator with an unquoted comma: 400 code 107 (RansackFilterBuilder#verify).
		expect(await firstError(await call(`invoice-template?filter[name_eq]=${encodeURIComponent('Acme, Inc. template')}`))).toMatchObject({ status: 400, code: '107', title: 'Invalid filter value' });
		const plain = await json(await call(`countries?filter[iso2]=${encodeURIComponent('FR,GB')}`));
		expect(plain.data).toHaveLength(2);
	});

	test('unknown filter → 102; enum filter outside its values → 107 (invoices filterEnums state)', async () => {
		expect(await firstError(await call('accounts?filter[colour]=red'))).toMatchObject({ code: '102', title: 'Filter not allowed', detail: 'colour is not allowed.' });
		expect(await firstError(await call('accounts?filter[name_gt]=a'))).toMatchObject({ code: '102' });
		expect(await firstError(await call('invoices?filter[state_eq]=approved'))).toMatchObject({ code: '107' });
		expect((await json(await call('invoices?filter[state_eq]=Approved'))).data.map((i: { id: string }) => i.id)).toEqual(['1']);
	});

	test('sort: only `sortable` (payments: no id → 114), `sortable_fails` → 500 (accounts currency), default -time_start for cdrs', async () => {
		expect((await json(await call('accounts?sort=-balance'))).data.map((a: { id: string }) => a.id)).toEqual(['1', '2', '3']);
		expect(await firstError(await call('payments?sort=id'))).toMatchObject({ status: 400, code: '114', title: 'Invalid sort criteria', detail: 'id is not a valid sort criteria for payments' });
		expect((await call('accounts?sort=currency')).status).toBe(500);
		expect(await firstError(await call('active-calls?sort=duration'))).toMatchObject({ code: '114' });
		expect((await json(await call('cdrs'))).data.map((c: { id: string }) => c.id)).toEqual(['3', '2', '1']);
		// cdrs ransack id: keyset paging by id.
		expect((await json(await call('cdrs?filter[id_gt]=1&sort=id'))).data.map((c: { id: string }) => c.id)).toEqual(['2', '3']);
	});
});

describe('files (special_endpoints)', () => {
	test('invoice PDF: application/pdf as invoice-<id>.pdf; no document → 404 with an empty body', async () => {
		const pdf = await call('invoices/1/pdf');
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="invoice-1.pdf"');
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		for (const path of ['invoices/2/pdf', 'invoices/99/pdf']) {
			const missing = await call(path);
			expect(missing.status).toBe(404);
			expect(await missing.text()).toBe('');
		}
	});

	test('CDR recording: audio/mpeg (mp3) by default through nginx; empty 200 without nginx; S3 names the file', async () => {
		const mp3 = await call('cdrs/1/recording');
		expect(mp3.status).toBe(200);
		expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
		expect((await mp3.arrayBuffer()).byteLength).toBeGreaterThan(0);
		sandbox.fileDelivery = 'no-nginx';
		const empty = await call('cdrs/1/recording');
		expect(empty.status).toBe(200);
		expect(empty.headers.get('x-accel-redirect')).toBe('/record/a1b2c3-1.mp3');
		expect((await empty.arrayBuffer()).byteLength).toBe(0);
		sandbox.fileDelivery = 's3';
		const s3 = await call('cdrs/1/recording');
		expect(s3.headers.get('content-type')).toBe('application/octet-stream');
		expect(s3.headers.get('content-disposition')).toBe('attachment; filename="a1b2c3-1.mp3"');
		sandbox.recordingFormat = 'wav';
		expect((await call('cdrs/1/recording')).headers.get('content-disposition')).toBe('attachment; filename="a1b2c3-1.wav"');
		const none = await call('cdrs/3/recording');
		expect(none.status).toBe(404);
		expect(await none.text()).toBe('');
		expect(await firstError(await call('cdrs/99/recording'))).toMatchObject({ status: 404, code: '404' });
	});

	test('CDR export download: gzip CSV when Completed, 404 empty when Pending', async () => {
		const file = await call('cdr-exports/1/download');
		expect(file.headers.get('content-disposition')).toBe('attachment; filename="1.csv.gz"');
		expect(gunzipSync(Buffer.from(await file.arrayBuffer())).toString()).toContain('id,time_start,duration');
		const pending = await call('cdr-exports/2/download');
		expect(pending.status).toBe(404);
		expect(await pending.text()).toBe('');
	});
});

test('balance singletons: data.id is the external id (balance) / the account id (correction); the URL segment is ignored', async () => {
	expect(await firstError(await call('accounts/5004/balance', { method: 'PUT', body: { data: { type: 'balances', attributes: { balance: 12 } } } }))).toMatchObject({ code: '109' });
	const set = await call('accounts/anything/balance', { method: 'PUT', body: { data: { type: 'balances', id: '5004', attributes: { balance: 12 } } } });
	expect((await json(set)).data).toEqual({ id: '5004', type: 'balances', attributes: { balance: '12.0' } });
	const corrected = await call('accounts/2/balance-correction', { method: 'PUT', body: { data: { type: 'balance-correction', id: '2', attributes: { correction: 3 } } } });
	expect((await json(corrected)).data.attributes).toEqual({ name: 'Demo prepaid', balance: '15.0' });
	expect((await call('accounts/999/balance', { method: 'PUT', body: { data: { type: 'balances', id: '999', attributes: { balance: 1 } } } })).status).toBe(404);
});

test('reset restores the seed state; issued tokens stay valid', async () => {
	await call('cdr-exports/2', { method: 'DELETE' });
	sandbox.reset();
	expect((await json(await call('cdr-exports/2'))).data.attributes.status).toBe('Pending');
	expect((await json(await call('contractors'))).meta['total-count']).toBe(5);
});
