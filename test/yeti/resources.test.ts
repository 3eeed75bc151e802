/**
 * Every curated resource through n8n-core: create sends exactly the documented JSON:API body (numbers as
 * numbers, relationships with their type), get / update / delete hit the record's URL, and outputs are flat.
 */
import { Buffer } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

import { RESOURCES } from '../../nodes/YetiSwitch/actions/resources';
import { JSONAPI, runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const rel = (type: string, id: number) => ({ data: { type, id } });

interface Case {
	resource: string;
	path: string;
	type: string;
	create: Record<string, unknown>;
	body: { attributes?: Record<string, unknown>; relationships?: Record<string, unknown> };
	update?: { fields: Record<string, unknown>; attributes?: Record<string, unknown>; relationships?: Record<string, unknown> };
	output: Record<string, unknown>;
	deletable: boolean;
}

const cases: Case[] = [
	{
		resource: 'contractor',
		path: 'contractors',
		type: 'contractors',
		// contractors.required_on_create: enabled, vendor, customer have no column default (500 when omitted): always sent.
		create: { name: 'New Carrier', enabled: true, vendor: true, customer: false, additionalFields: { externalId: 77, smtpConnection: '' } },
		body: { attributes: { name: 'New Carrier', enabled: true, vendor: true, customer: false, 'external-id': 77 } },
		update: { fields: { name: 'Renamed Carrier', enabled: false }, attributes: { name: 'Renamed Carrier', enabled: false } },
		output: { name: 'New Carrier', vendor: true, 'external-id': 77, 'smtp-connection-id': null },
		deletable: true,
	},
	{
		resource: 'contact',
		path: 'contacts',
		type: 'contacts',
		create: { email: 'ops@new.example', contractor: rl('4'), additionalFields: { notes: 'Night shift' } },
		body: { attributes: { email: 'ops@new.example', notes: 'Night shift' }, relationships: { contractor: rel('contractors', 4) } },
		update: { fields: { notes: 'Day shift' }, attributes: { notes: 'Day shift' } },
		output: { email: 'ops@new.example', 'contractor-id': '4' },
		deletable: true,
	},
	{
		resource: 'customersAuth',
		path: 'customers-auths',
		type: 'customers-auths',
		create: { name: 'Demo SIP trunk', ip: '192.0.2.10', customer: rl('4'), account: rl('2'), gateway: rl('1'), rateplan: rl('1'), routingPlan: rl('1'), additionalFields: { capacity: 30, enabled: true } },
		body: {
			// customers-auths.attribute_types ip: inet[] (a list).
			attributes: { name: 'Demo SIP trunk', ip: ['192.0.2.10'], capacity: 30, enabled: true },
			relationships: { customer: rel('contractors', 4), account: rel('accounts', 2), gateway: rel('gateways', 1), rateplan: rel('rateplans', 1), 'routing-plan': rel('routing-plans', 1) },
		},
		update: { fields: { rateplan: '2', cpsLimit: 5 }, attributes: { 'cps-limit': 5 }, relationships: { rateplan: rel('rateplans', 2) } },
		output: { name: 'Demo SIP trunk', 'customer-id': '4', 'account-id': '2', 'routing-plan-id': '1' },
		deletable: true,
	},
	{
		resource: 'gateway',
		path: 'gateways',
		type: 'gateways',
		create: { name: 'New SBC', contractor: rl('1'), enabled: true, additionalFields: { host: '198.51.100.99', port: 5080 } },
		body: { attributes: { name: 'New SBC', host: '198.51.100.99', port: 5080, enabled: true }, relationships: { contractor: rel('contractors', 1) } },
		update: { fields: { port: 5060 }, attributes: { port: 5060 } },
		output: { name: 'New SBC', port: 5080, 'contractor-id': '1' },
		deletable: true,
	},
	{
		resource: 'gatewayGroup',
		path: 'gateway-groups',
		type: 'gateway-groups',
		create: { name: 'Group B', vendor: rl('5'), additionalFields: { maxReroutingAttempts: 2 } },
		body: { attributes: { name: 'Group B', 'max-rerouting-attempts': 2 }, relationships: { vendor: rel('contractors', 5) } },
		output: { name: 'Group B', 'vendor-id': '5' },
		deletable: true,
	},
	{
		resource: 'rateplan',
		path: 'rateplans',
		type: 'rateplans',
		create: { name: 'Premium', additionalFields: { profitControlModeId: 1, rateGroups: '1' } },
		body: { attributes: { name: 'Premium', 'profit-control-mode-id': 1 }, relationships: { 'rate-groups': { data: [{ type: 'rate-groups', id: 1 }] } } },
		update: { fields: { name: 'Premium+' }, attributes: { name: 'Premium+' } },
		output: { name: 'Premium' },
		deletable: true,
	},
	{
		resource: 'routingPlan',
		path: 'routing-plans',
		type: 'routing-plans',
		create: { name: 'LCR 2', additionalFields: { useLnp: true, rateDeltaMax: 0.25 } },
		body: { attributes: { name: 'LCR 2', 'use-lnp': true, 'rate-delta-max': 0.25 } },
		output: { name: 'LCR 2', 'use-lnp': true, 'rate-delta-max': '0.25' },
		deletable: true,
	},
	{
		resource: 'destination',
		path: 'destinations',
		type: 'destinations',
		create: { prefix: '49', rateGroup: rl('1'), enabled: true, initialRate: 0.03, nextRate: 0.03, currency: 'USD' },
		body: { attributes: { prefix: '49', enabled: true, 'initial-rate': 0.03, 'next-rate': 0.03, currency: 'USD' }, relationships: { 'rate-group': rel('rate-groups', 1) } },
		update: { fields: { nextRate: 0.04 }, attributes: { 'next-rate': 0.04 } },
		output: { prefix: '49', 'next-rate': '0.03', 'rate-group-id': '1' },
		deletable: true,
	},
	{
		resource: 'dialpeer',
		path: 'dialpeers',
		type: 'dialpeers',
		create: { prefix: '49', vendor: rl('2'), account: rl('1'), routingGroup: rl('1'), enabled: true, initialRate: 0.01, nextRate: 0.01, currency: 'USD', additionalFields: { gateway: '2' } },
		body: {
			attributes: { prefix: '49', enabled: true, 'initial-rate': 0.01, 'next-rate': 0.01, currency: 'USD' },
			relationships: { vendor: rel('contractors', 2), account: rel('accounts', 1), 'routing-group': rel('routing-groups', 1), gateway: rel('gateways', 2) },
		},
		output: { prefix: '49', 'vendor-id': '2', 'gateway-id': '2' },
		deletable: true,
	},
	{
		resource: 'numberlist',
		path: 'numberlists',
		type: 'numberlists',
		create: { name: 'VIP', additionalFields: { modeId: 2 } },
		body: { attributes: { name: 'VIP', 'mode-id': 2 } },
		output: { name: 'VIP', 'mode-id': 2 },
		deletable: true,
	},
	{
		resource: 'numberlistItem',
		path: 'numberlist-items',
		type: 'numberlist-items',
		create: { key: '33612345678', numberlist: rl('1'), additionalFields: { actionId: 2 } },
		body: { attributes: { key: '33612345678', 'action-id': 2 }, relationships: { numberlist: rel('numberlists', 1) } },
		update: { fields: { key: '33612345679' }, attributes: { key: '33612345679' } },
		output: { key: '33612345678', 'numberlist-id': '1' },
		deletable: true,
	},
	{
		resource: 'payment',
		path: 'payments',
		type: 'payments',
		create: { account: rl('1'), amount: 25.5, additionalFields: { notes: 'Top-up' } },
		body: { attributes: { amount: 25.5, notes: 'Top-up' }, relationships: { account: rel('accounts', 1) } },
		output: { amount: '25.5', notes: 'Top-up', 'account-id': '1', 'balance-before-payment': '250.5' },
		deletable: false,
	},
	{
		resource: 'transaction',
		path: 'transactions',
		type: 'transactions',
		create: { account: rl('1'), amount: 2, additionalFields: { description: 'Setup fee' } },
		body: { attributes: { amount: 2, description: 'Setup fee' }, relationships: { account: rel('accounts', 1) } },
		output: { amount: '2.0', description: 'Setup fee', 'account-id': '1' },
		deletable: false,
	},
	{
		resource: 'invoice',
		path: 'invoices',
		type: 'invoices',
		create: { account: rl('2'), startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-02-01T00:00:00.000Z' },
		body: { attributes: { 'start-date': '2026-01-01T00:00:00.000Z', 'end-date': '2026-02-01T00:00:00.000Z' }, relationships: { account: rel('accounts', 2) } },
		output: { 'start-date': '2026-01-01T00:00:00.000Z', 'account-id': '2' },
		deletable: true,
	},
];

describe.each(cases)('$resource', (c) => {
	test('create sends the exact JSON:API document and outputs the flat record', async () => {
		const { items } = await yeti.run({ resource: c.resource, operation: 'create', ...c.create });
		const [request] = yeti.adminRequests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/rest/admin/${c.path}`);
		expect(request.headers['content-type']).toBe(JSONAPI);
		expect(request.body).toEqual({ data: { type: c.type, ...c.body } });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject(c.output);
		expect(typeof items[0].json.id).toBe('string');
	});

	test('get, get many, update and delete use the record URL', async () => {
		const { items: created } = await yeti.run({ resource: c.resource, operation: 'create', ...c.create });
		const id = created[0].json.id as string;
		yeti.sandbox.clearRequests();
		const { items: got } = await yeti.run({ resource: c.resource, operation: 'get', id });
		expect(yeti.adminRequests()[0]).toMatchObject({ method: 'GET', path: `/api/rest/admin/${c.path}/${id}` });
		expect(got[0].json).toMatchObject({ id, ...c.output });
		const { items: many } = await yeti.run({ resource: c.resource, operation: 'getAll', returnAll: true });
		expect(many.map((i) => i.json.id)).toContain(id);
		if (c.update) {
			yeti.sandbox.clearRequests();
			await yeti.run({ resource: c.resource, operation: 'update', id, updateFields: c.update.fields });
			const [request] = yeti.adminRequests();
			expect(request).toMatchObject({ method: 'PATCH', path: `/api/rest/admin/${c.path}/${id}` });
			expect(request.body).toEqual({
				data: { type: c.type, id, ...(c.update.attributes ? { attributes: c.update.attributes } : {}), ...(c.update.relationships ? { relationships: c.update.relationships } : {}) },
			});
		}
		if (c.deletable) {
			const { items: deleted } = await yeti.run({ resource: c.resource, operation: 'delete', id });
			expect(deleted[0].json).toEqual({ id, deleted: true });
			await expect(yeti.run({ resource: c.resource, operation: 'get', id })).rejects.toThrow('not found (404)');
		}
	});
});

test.each(['destination', 'dialpeer'])('%ss required_on_create currency (since 1.15.0): without Currency the 422 says to set it; older servers take the record', async (resource) => {
	const { currency, ...withoutCurrency } = cases.find((c) => c.resource === resource)!.create;
	expect(currency).toBe('USD');
	const error = await runError(yeti, { resource, operation: 'create', ...withoutCurrency });
	// Presence validation (required_on_create_notes.currency: "422 presence"): Rails says "can't be blank".
	expect(error.message).toBe('Yeti-Switch rejected the request (422): currency: can\'t be blank — set "Currency"');
	expect(error.description).toContain('Yeti-Switch 1.15.0 and later require "Currency"');
	yeti.sandbox.serverVersion = '1.14.71';
	const { items } = await yeti.run({ resource, operation: 'create', ...withoutCurrency });
	expect(items[0].json.id).toEqual(expect.any(String));
});

test('gateway SIP passwords are password fields (masked in the editor), go out as typed, and are hidden in outputs', async () => {
	const gateway = RESOURCES.find((r) => r.value === 'gateway')!;
	const collections = gateway.properties.filter((p) => p.name === 'additionalFields' || p.name === 'updateFields');
	expect(collections).toHaveLength(2);
	for (const collection of collections) {
		const options = collection.options as Array<{ name: string; typeOptions?: { password?: boolean } }>;
		for (const name of ['authPassword', 'incomingAuthPassword']) expect(options.find((o) => o.name === name)?.typeOptions?.password).toBe(true);
		// Not secrets: stay readable.
		expect(options.find((o) => o.name === 'authUser')?.typeOptions?.password).toBeUndefined();
	}
	const { items } = await yeti.run({ resource: 'gateway', operation: 'create', name: 'Auth SBC', contractor: rl('1'), additionalFields: { authEnabled: true, authUser: 'trunk1', authPassword: 's3cret-pass' } });
	const [request] = yeti.adminRequests();
	expect((request.body as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({ 'auth-user': 'trunk1', 'auth-password': 's3cret-pass' });
	// The server echoes the password back; the output shows that one is set, not what it is.
	expect(items[0].json).toMatchObject({ 'auth-user': 'trunk1', 'auth-password': '__hidden__' });
	const id = String(items[0].json.id);
	const { items: raw } = await yeti.run({ resource: 'gateway', operation: 'get', id, options: { rawJsonApi: true } });
	expect((raw[0].json.attributes as Record<string, unknown>)['auth-password']).toBe('__hidden__');
	const { items: listed } = await yeti.run({ resource: 'gateway', operation: 'getAll', returnAll: true });
	expect(listed.find((i) => i.json.id === id)?.json['auth-password']).toBe('__hidden__');
});

test('operations the server does not allow are not offered (payments, transactions: no update/delete; CDRs: no create/delete)', () => {
	const ops = Object.fromEntries(RESOURCES.map((r) => [r.value, Object.keys(r.operations).sort()]));
	expect(ops.payment).toEqual(['create', 'get', 'getAll']);
	expect(ops.transaction).toEqual(['create', 'get', 'getAll']);
	expect(ops.cdr).toEqual(['get', 'getAll', 'getRecording', 'update']);
	expect(ops.activeCall).toEqual(['drop', 'get', 'getAll']);
	expect(ops.invoice).toEqual(['create', 'delete', 'downloadPdf', 'get', 'getAll']);
	expect(ops.account).toEqual(['correctBalance', 'create', 'delete', 'get', 'getAll', 'setBalance', 'update']);
});

describe('CDR', () => {
	test('update sends only metadata, as JSON', async () => {
		const { items } = await yeti.run({ resource: 'cdr', operation: 'update', id: '2', updateFields: { metadata: '{"ticket": "T-1"}' } });
		expect(yeti.adminRequests()[0].body).toEqual({ data: { type: 'cdrs', id: '2', attributes: { metadata: { ticket: 'T-1' } } } });
		expect(items[0].json).toMatchObject({ id: '2', metadata: { ticket: 'T-1' }, 'customer-id': '1' });
	});

	test('invalid JSON in metadata fails before any request', async () => {
		const error = await runError(yeti, { resource: 'cdr', operation: 'update', id: '2', updateFields: { metadata: '{ticket' } });
		expect(error.message).toContain('"Metadata" is not valid JSON');
		expect(yeti.adminRequests()).toHaveLength(0);
	});

	test('cdrs special_endpoints recording: an mp3 (audio/mpeg) by default, named after the call', async () => {
		const { items } = await yeti.run({ resource: 'cdr', operation: 'getRecording', id: '1', binaryPropertyName: 'audio' });
		expect(yeti.adminRequests()[0]).toMatchObject({ method: 'GET', path: '/api/rest/admin/cdrs/1/recording' });
		const binary = items[0].binary!.audio;
		expect(binary).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'cdr-1.mp3' });
		expect(Buffer.from(binary.data, 'base64').subarray(0, 3).toString()).toBe('ID3');
		expect(items[0].json).toMatchObject({ id: '1', fileName: 'cdr-1.mp3', mimeType: 'audio/mpeg', fileSize: 427 });
	});

	test('a WAV-recording server (rec_format wav): audio/wav and .wav', async () => {
		yeti.sandbox.recordingFormat = 'wav';
		const { items } = await yeti.run({ resource: 'cdr', operation: 'getRecording', id: '1' });
		expect(items[0].binary!.data).toMatchObject({ mimeType: 'audio/wav', fileName: 'cdr-1.wav' });
	});

	test('from S3 storage: the name the server gives (Content-Disposition), the type from its extension', async () => {
		yeti.sandbox.fileDelivery = 's3';
		const { items } = await yeti.run({ resource: 'cdr', operation: 'getRecording', id: '1' });
		expect(items[0].binary!.data).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'a1b2c3-1.mp3' });
	});

	test('an empty 200 (a server without nginx in front) is a clear error, not an empty file', async () => {
		yeti.sandbox.fileDelivery = 'no-nginx';
		const error = await runError(yeti, { resource: 'cdr', operation: 'getRecording', id: '1' });
		expect(error.message).toBe('Yeti-Switch answered the recording of CDR 1 with an empty file (HTTP 200)');
		expect(error.description).toContain('it pointed to /record/a1b2c3-1.mp3');
		expect(error.description).toContain('web interface');
	});

	test('a call without recording (404 with an empty body) says so', async () => {
		const error = await runError(yeti, { resource: 'cdr', operation: 'getRecording', id: '3' });
		expect(error.message).toBe('Yeti-Switch: recording of CDR 3 not found (404)');
		expect(error.description).toContain('This call has no recording');
	});
});

describe('Invoice PDF', () => {
	test('downloads as binary application/pdf', async () => {
		const { items } = await yeti.run({ resource: 'invoice', operation: 'downloadPdf', id: '1' });
		expect(yeti.adminRequests()[0].path).toBe('/api/rest/admin/invoices/1/pdf');
		const binary = items[0].binary!.data;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: 'invoice-1.pdf' });
		expect(Buffer.from(binary.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('continue on fail: an invoice without PDF fails alone', async () => {
		const { items } = await yeti.run({ resource: 'invoice', operation: 'downloadPdf', id: '={{ $json.id }}' }, { items: [{ id: '1' }, { id: '2' }], continueOnFail: true });
		expect(items).toHaveLength(2);
		expect(items[0].binary?.data).toBeDefined();
		expect(items[1].json.error).toBe('Yeti-Switch: PDF of invoice 2 not found (404)');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('CDR Export', () => {
	test('cdr-exports special_endpoints download: the finished export as a gzip-compressed CSV, named as the server names it', async () => {
		const { items } = await yeti.run({ resource: 'cdrExport', operation: 'download', id: '1', binaryPropertyName: 'export' });
		expect(yeti.adminRequests()[0]).toMatchObject({ method: 'GET', path: '/api/rest/admin/cdr-exports/1/download' });
		const binary = items[0].binary!.export;
		expect(binary).toMatchObject({ mimeType: 'application/gzip', fileName: '1.csv.gz' });
		expect(gunzipSync(Buffer.from(binary.data, 'base64')).toString()).toContain('id,time_start,duration');
		expect(items[0].json).toMatchObject({ id: '1', fileName: '1.csv.gz', mimeType: 'application/gzip' });
	});

	test('an export that is not finished (404 with an empty body) says only Completed exports have a file', async () => {
		const error = await runError(yeti, { resource: 'cdrExport', operation: 'download', id: '2' });
		expect(error.message).toBe('Yeti-Switch: file of CDR export 2 not found (404)');
		expect(error.description).toContain('status Completed');
	});
});

describe('Active Call', () => {
	test('get and drop by the call id', async () => {
		const { items } = await yeti.run({ resource: 'activeCall', operation: 'get', id: '1*a1b2c3' });
		expect(items[0].json).toMatchObject({ id: '1*a1b2c3', duration: 42, 'customer-id': '1' });
		const { items: dropped } = await yeti.run({ resource: 'activeCall', operation: 'drop', id: '1*a1b2c3' });
		expect(yeti.adminRequests().pop()).toMatchObject({ method: 'DELETE', path: '/api/rest/admin/active-calls/1*a1b2c3' });
		expect(dropped[0].json).toEqual({ id: '1*a1b2c3', dropped: true });
	});
});

test('a relationship to a record that does not exist: the 422 names the relationship', async () => {
	const error = await runError(yeti, { resource: 'contact', operation: 'create', email: 'a@b.example', contractor: rl('99') });
	expect(error.message).toBe('Yeti-Switch rejected the request (422): contractor: must exist');
});
