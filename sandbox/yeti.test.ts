/** The Yeti sandbox over plain HTTP (fetch): it must behave like the server described in vendor-specs/yeti-switch.md. */
import { createYetiSandbox, JSONAPI, YETI_SANDBOX_PASSWORD, type YetiSandbox } from './yeti';

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
const json = async (response: Response) => (await response.json()) as { data?: any; errors?: any[]; meta?: any; links?: any; included?: any[] };

describe('auth', () => {
	test('a login returns 201 and a real HS256 JWT {sub, aud:["admin"], exp} valid for 600 s', async () => {
		const response = await fetch(`${admin}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
		expect(response.status).toBe(201);
		const { jwt } = (await response.json()) as { jwt: string };
		const [head, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
		expect(head).toEqual({ alg: 'HS256' });
		expect(payload).toMatchObject({ sub: 1, aud: ['admin'] });
		expect(payload.exp - Date.now() / 1000).toBeGreaterThan(590);
	});

	test('a wrong password answers 401 with the documented errors body', async () => {
		const response = await fetch(`${admin}/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { username: 'admin', password: 'nope' } }) });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ errors: [{ title: 'Authentication failed', detail: 'Incorrect login or password.', code: '401', status: '401' }] });
		sandbox.ipNotAllowed = true;
		const blocked = await fetch(`${admin}/auth`, { method: 'POST', body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
		expect(((await blocked.json()) as any).errors[0].detail).toBe('Your IP address is not allowed.');
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

describe('media types', () => {
	test('Accept: application/json only → 406; writes without exactly application/vnd.api+json → 415', async () => {
		expect((await call('accounts', { headers: { accept: 'application/json' } })).status).toBe(406);
		const charset = await call('pops', { method: 'POST', body: { data: { type: 'pops', attributes: { name: 'x' } } }, headers: { 'content-type': `${JSONAPI}; charset=utf-8` } });
		expect(charset.status).toBe(415);
		const plain = await call('pops', { method: 'POST', body: { data: { type: 'pops', attributes: { name: 'x' } } }, headers: { 'content-type': 'application/json' } });
		expect(plain.status).toBe(415);
		expect((await json(plain)).errors![0].status).toBe('415');
	});
});

describe('create, show, update, destroy', () => {
	test('the seed request answers 201 with Location and money as strings', async () => {
		const body = '{"data":{"type":"accounts","attributes":{"name":"name","min-balance":1,"max-balance":10,"vat":11,"origination-capacity":100,"termination-capacity":110,"total-capacity":100,"balance-low-threshold":90,"balance-high-threshold":95,"send-balance-notifications-to":[1],"timezone":"Europe/Kyiv"},"relationships":{"contractor":{"data":{"type":"contractors","id":4}}}}}';
		const response = await call('accounts', { method: 'POST', body });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe(JSONAPI);
		const { data } = await json(response);
		expect(response.headers.get('location')).toBe(`${admin}/accounts/${data.id}`);
		expect(data.attributes).toMatchObject({ name: 'name', balance: '0.0', 'min-balance': '1.0', 'max-balance': '10.0', vat: '11.0', 'origination-capacity': 100, 'send-balance-notifications-to': [1], 'external-id': null });
		expect(data.relationships.contractor.data).toEqual({ type: 'contractors', id: '4' });
		expect(data.relationships['invoice-template'].data).toBeNull();
	});

	test('required fields and uniqueness → 422 with source pointers', async () => {
		const { errors } = await json(await call('accounts', { method: 'POST', body: { data: { type: 'accounts', attributes: { 'external-id': 5001 } } } }));
		expect(errors!.map((e) => e.source.pointer)).toEqual(['/data/attributes/name', '/data/attributes/min-balance', '/data/attributes/max-balance', '/data/relationships/contractor', '/data/attributes/external-id']);
		expect(errors![4].detail).toBe('external-id - has already been taken');
	});

	test('a field that is not creatable / updatable → 400 code 105', async () => {
		const create = await call('accounts', { method: 'POST', body: { data: { type: 'accounts', attributes: { balance: 5 } } } });
		expect(create.status).toBe(400);
		expect((await json(create)).errors![0]).toMatchObject({ code: '105', title: 'Param not allowed' });
		const update = await call('cdrs/1', { method: 'PATCH', body: { data: { type: 'cdrs', id: '1', attributes: { duration: 5 } } } });
		expect((await json(update)).errors![0].code).toBe('105');
	});

	test('update needs data.id equal to the URL id; destroy answers 204; unknown ids 404', async () => {
		expect((await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', attributes: { name: 'x' } } } })).status).toBe(400);
		expect((await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', id: '2', attributes: { name: 'x' } } } })).status).toBe(400);
		const ok = await call('pops/1', { method: 'PATCH', body: { data: { type: 'pops', id: '1', attributes: { name: 'Lyon' } } } });
		expect((await json(ok)).data.attributes.name).toBe('Lyon');
		const gone = await call('pops/1', { method: 'DELETE' });
		expect(gone.status).toBe(204);
		expect(await gone.text()).toBe('');
		const missing = await call('pops/1');
		expect(missing.status).toBe(404);
		expect((await json(missing)).errors![0].title).toBe('Record not found');
	});

	test('operations a route does not allow are not routed (404)', async () => {
		expect((await call('payments/1', { method: 'DELETE' })).status).toBe(404);
		expect((await call('timezones', { method: 'POST', body: { data: { type: 'timezones' } } })).status).toBe(404);
		expect((await call('cdrs', { method: 'POST', body: { data: { type: 'cdrs' } } })).status).toBe(404);
	});
});

describe('lists', () => {
	test('default page size 50, links, meta.total-count; beyond 1000 → 400 code 118', async () => {
		sandbox.seedAccounts(117);
		const first = await json(await call('accounts'));
		expect(first.data).toHaveLength(50);
		expect(first.meta).toEqual({ 'total-count': 120 });
		expect(Object.keys(first.links)).toEqual(['first', 'next', 'last']);
		expect(first.links.last).toContain('page%5Bnumber%5D=3');
		const last = await json(await call('accounts?page[number]=3&page[size]=50'));
		expect(last.data).toHaveLength(20);
		expect(Object.keys(last.links)).toEqual(['first', 'prev', 'last']);
		const tooBig = await call('accounts?page[size]=1001');
		expect(tooBig.status).toBe(400);
		expect((await json(tooBig)).errors![0].code).toBe('118');
	});

	test('unpaginated routes return everything', async () => {
		const body = await json(await call('timezones?page[size]=1'));
		expect(body.data).toHaveLength(4);
		expect(body.links).toBeUndefined();
	});

	test('ransack and plain filters; unknown filter 102; bad value 107', async () => {
		const low = await json(await call('accounts?filter[balance_lt]=10'));
		expect(low.data.map((a: any) => a.attributes.name)).toEqual(['Demo prepaid', 'Demo postpaid']);
		const named = await json(await call('contractors?filter[name_start]=blue'));
		expect(named.data.map((c: any) => c.id)).toEqual(['2']);
		const byContractor = await json(await call('accounts?filter[contractor.id]=1'));
		expect(byContractor.data.map((a: any) => a.id)).toEqual(['1']);
		const inList = await json(await call('contractors?filter[external_id_in]=1001,1003'));
		expect(inList.data.map((c: any) => c.id)).toEqual(['1', '3']);
		const unknown = await call('accounts?filter[colour]=red');
		expect((await json(unknown)).errors![0]).toMatchObject({ code: '102', status: '400' });
		expect((await json(await call('accounts?filter[name_gt]=a'))).errors![0].code).toBe('102');
		expect((await json(await call('accounts?filter[balance_lt]=abc'))).errors![0].code).toBe('107');
	});

	test('sort (114 for unknown fields) and include (112 for unknown relationships)', async () => {
		const sorted = await json(await call('accounts?sort=-balance'));
		expect(sorted.data.map((a: any) => a.id)).toEqual(['1', '2', '3']);
		expect((await json(await call('accounts?sort=colour'))).errors![0].code).toBe('114');
		const included = await json(await call('accounts/2?include=contractor'));
		expect(included.included).toEqual([expect.objectContaining({ type: 'contractors', id: '4' })]);
		expect((await json(await call('accounts?include=colour'))).errors![0].code).toBe('112');
	});
});

describe('extras', () => {
	test('balance by external id and balance correction', async () => {
		expect((await call('accounts/5004/balance', { method: 'PUT', body: { data: { type: 'balances', attributes: { balance: 12 } } } })).status).toBe(400);
		const set = await call('accounts/5004/balance', { method: 'PUT', body: { data: { type: 'balances', id: '5004', attributes: { balance: 12 } } } });
		expect((await json(set)).data).toEqual({ id: '5004', type: 'balances', attributes: { balance: '12.0' } });
		const corrected = await call('accounts/2/balance-correction', { method: 'PUT', body: { data: { type: 'balance-correction', id: '2', attributes: { correction: 3 } } } });
		expect((await json(corrected)).data.attributes).toEqual({ name: 'Demo prepaid', balance: '15.0' });
		expect((await call('accounts/999/balance', { method: 'PUT', body: { data: { type: 'balances', id: '999', attributes: { balance: 1 } } } })).status).toBe(404);
	});

	test('invoice PDF and CDR recording are binary', async () => {
		const pdf = await call('invoices/1/pdf');
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		const wav = await call('cdrs/1/recording');
		expect(wav.headers.get('content-type')).toBe('audio/wav');
		expect((await call('cdrs/3/recording')).status).toBe(404);
	});

	test('active calls: list, show, drop', async () => {
		const list = await json(await call('active-calls'));
		expect(list.data.map((c: any) => c.id)).toEqual(['1*a1b2c3', '1*d4e5f6']);
		expect((await call('active-calls/1*a1b2c3', { method: 'DELETE' })).status).toBe(204);
		expect((await json(await call('active-calls'))).meta['total-count']).toBe(1);
	});

	test('reset restores the seed state (contractors 1–5); issued tokens stay valid', async () => {
		await call('contractors/4', { method: 'DELETE' });
		sandbox.reset();
		expect((await call('contractors/4')).status).toBe(200);
		expect((await json(await call('contractors'))).meta['total-count']).toBe(5);
	});
});
