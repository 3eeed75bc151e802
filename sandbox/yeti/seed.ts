/**
 * What a freshly reset sandbox holds: a small, consistent Yeti-Switch (contractors, accounts,
 * routing, rates, CDRs, active calls...). Ids are fixed so tests and examples can name them.
 */
import { randomUUID } from 'node:crypto';

import type { YetiStore } from './store';

export const SEED_TIME = new Date('2026-01-15T10:00:00.000Z');

export function seedYeti(store: YetiStore) {
	store.clear();
	const iso = (minutes: number) => new Date(SEED_TIME.getTime() + minutes * 60_000).toISOString();
	// Currencies first: accounts, dialpeers and destinations refer to one by name (since 1.14.72 / 1.15.0).
	store.insert('currencies', { name: 'USD', rate: 1, 'rate-provider-id': 1 });
	store.insert('currencies', { name: 'EUR', rate: 1.08, 'rate-provider-id': 1 });
	for (const [i, name] of ['Acme Telecom', 'Blue Carrier', 'Cheap Routes', 'Demo Customer', 'Echo Vendor'].entries()) {
		const id = i + 1;
		store.insert('contractors', {
			name,
			enabled: true,
			vendor: id === 2 || id === 5,
			customer: id !== 2 && id !== 5,
			description: null,
			address: null,
			phones: null,
			'external-id': 1000 + id,
		});
	}
	store.insert('contacts', { email: 'billing@acme.example', notes: 'Billing' }, { contractor: '1' });
	store.insert('contacts', { email: 'noc@demo.example', notes: 'NOC' }, { contractor: '4' });
	store.insert('timezones', { name: 'UTC' }, {}, 'UTC');
	store.insert('timezones', { name: 'Europe/Kyiv' }, {}, 'Europe/Kyiv');
	store.insert('timezones', { name: 'Europe/Paris' }, {}, 'Europe/Paris');
	store.insert('timezones', { name: 'America/New_York' }, {}, 'America/New_York');
	store.insert('invoice-template', { name: 'Default template', 'html-template': '<html><body>{{invoice.reference}}</body></html>' });
	store.insert('invoice-template', { name: 'Acme, Inc. template', 'html-template': '<html><body>Acme</body></html>' });
	const account = (name: string, balance: number, contractor: string, externalId: number | null) =>
		store.insert(
			'accounts',
			{
				name,
				balance,
				'min-balance': -100,
				'max-balance': 1000,
				vat: 0,
				'balance-low-threshold': 10,
				'balance-high-threshold': 900,
				'send-balance-notifications-to': [],
				'external-id': externalId,
				uuid: randomUUID(),
				'origination-capacity': 10,
				'termination-capacity': 10,
				'total-capacity': 20,
				timezone: 'UTC',
				currency: 'USD',
			},
			{ contractor },
		);
	account('Acme main', 250.5, '1', 5001);
	account('Demo prepaid', 3.2, '4', 5004);
	account('Demo postpaid', -20, '4', 5005);
	store.insert('rateplans', { name: 'Retail', 'profit-control-mode-id': 1 }, { 'rate-groups': ['1'] });
	store.insert('rateplans', { name: 'Wholesale', 'profit-control-mode-id': 2 });
	store.insert('rate-groups', { name: 'Default rates' }, { rateplans: ['1'] });
	store.insert('routing-plans', { name: 'Least cost', 'rate-delta-max': 0, 'use-lnp': false, 'max-rerouting-attempts': 10, 'sorting-id': 1 }, { 'routing-groups': ['1'] });
	store.insert('routing-plans', { name: 'Quality first', 'rate-delta-max': 0.5, 'use-lnp': false, 'max-rerouting-attempts': 5, 'sorting-id': 2 });
	store.insert('routing-groups', { name: 'Main group' }, { 'routing-plans': ['1'] });
	store.insert('gateway-groups', { name: 'Vendor group', 'balancing-mode-id': 1, 'max-rerouting-attempts': 3 }, { vendor: '2' });
	store.insert('gateways', { name: 'Acme SBC', host: '198.51.100.10', port: 5060, enabled: true, 'allow-origination': true, 'allow-termination': false, 'auth-password': 'acme-sip-secret' }, { contractor: '1' });
	store.insert('gateways', { name: 'Blue termination', host: '203.0.113.20', port: 5060, enabled: true, 'allow-origination': false, 'allow-termination': true }, { contractor: '2', 'gateway-group': '1' });
	store.insert('countries', { name: 'France', iso2: 'FR' });
	store.insert('countries', { name: 'United Kingdom', iso2: 'GB' });
	store.insert('network-types', { name: 'Mobile' });
	store.insert('networks', { name: 'Orange FR' }, { 'network-type': '1' });
	store.insert('destinations', { prefix: '33', enabled: true, 'initial-rate': 0.01, 'next-rate': 0.01, 'initial-interval': 1, 'next-interval': 1, 'connect-fee': 0, currency: 'USD' }, { 'rate-group': '1', country: '1', network: '1' });
	store.insert('destinations', { prefix: '44', enabled: true, 'initial-rate': 0.02, 'next-rate': 0.02, 'initial-interval': 60, 'next-interval': 60, 'connect-fee': 0, currency: 'USD' }, { 'rate-group': '1', country: '2' });
	store.insert('dialpeers', { prefix: '33', enabled: true, 'initial-rate': 0.005, 'next-rate': 0.005, 'initial-interval': 1, 'next-interval': 1, 'connect-fee': 0, currency: 'USD' }, { gateway: '2', vendor: '2', account: '1', 'routing-group': '1' });
	store.insert('numberlists', { name: 'Blocked numbers', 'mode-id': 1, 'default-action-id': 1 });
	store.insert('numberlist-items', { key: '33100000000', 'action-id': 1 }, { numberlist: '1' });
	store.insert('payments', { amount: 100, notes: 'Initial top-up', 'created-at': iso(-600), status: 'completed', 'type-name': 'manual', 'balance-before-payment': 150.5, currency: 'USD' }, { account: '1' });
	store.insert('transactions', { amount: 1.5, description: 'DID rental', 'created-at': iso(-300), uuid: randomUUID() }, { account: '1' });
	store.insert('invoices', { reference: 'INV-0001', state: 'Approved', 'invoice-type': 'Manual', 'start-date': '2025-12-01T00:00:00.000Z', 'end-date': '2026-01-01T00:00:00.000Z', 'pdf-path': '/api/rest/admin/files/invoice-1.pdf', 'amount-spent': 42.5, 'amount-earned': 0 }, { account: '1' });
	store.insert('invoices', { reference: 'INV-0002', state: 'Pending', 'invoice-type': 'Auto Full', 'start-date': '2025-12-01T00:00:00.000Z', 'end-date': '2026-01-01T00:00:00.000Z', 'pdf-path': null, 'amount-spent': 0, 'amount-earned': 0 }, { account: '2' });
	store.insert('pops', { name: 'Paris' });
	store.insert('nodes', { name: 'node-1', 'rpc-endpoint': '127.0.0.1:7080' }, { pop: '1' });
	for (let i = 1; i <= 3; i++) {
		store.insert(
			'cdrs',
			{
				// Ids rise with time, as CDRs are written when calls end: CDR 3 is the newest.
				'time-start': iso(-(4 - i) * 10),
				duration: i === 3 ? 0 : i * 30,
				success: i !== 3,
				'customer-price': 0.05 * i,
				'dst-prefix-in': `3310000000${i}`,
				'src-prefix-in': '33900000000',
				'audio-recorded': i === 1,
				'local-tag': `a1b2c3-${i}`,
				metadata: null,
				uuid: randomUUID(),
			},
			{ customer: '1', 'customer-acc': '1', vendor: '2', 'vendor-acc': '1', 'orig-gw': '1', 'term-gw': '2', pop: '1', node: '1' },
		);
	}
	store.insert('active-calls', { duration: 42, 'dst-prefix-routing': '33123456789', 'src-prefix-routing': '33900000000', 'start-time': iso(-1), 'local-tag': 'a1b2c3', 'leg-a-remote-ip': '198.51.100.10', 'leg-a-remote-port': 5060 }, { customer: '1', 'customer-acc': '1', 'orig-gw': '1', node: '1', pop: '1' }, '1*a1b2c3');
	store.insert('active-calls', { duration: 7, 'dst-prefix-routing': '44123456789', 'src-prefix-routing': '33900000001', 'start-time': iso(0), 'local-tag': 'd4e5f6', 'leg-a-remote-ip': '198.51.100.10', 'leg-a-remote-port': 5062 }, { customer: '4', 'customer-acc': '2', 'orig-gw': '1', node: '1', pop: '1' }, '1*d4e5f6');
	for (const name of ['UDP', 'TCP', 'TLS']) store.insert('transport-protocols', { name });
	store.insert('codec-groups', { name: 'Default codecs' });
	store.insert('disconnect-policies', { name: 'Default policy' });
	store.insert('cdr-exports', { fields: ['id', 'time_start', 'duration'], filters: { time_start_gteq: '2026-01-01', time_start_lt: '2026-02-01' }, status: 'Completed', 'created-at': iso(-60), 'callback-url': null, 'export-type': 'Base' });
	store.insert('cdr-exports', { fields: ['id'], filters: { time_start_gteq: '2026-01-15', time_start_lt: '2026-01-16' }, status: 'Pending', 'created-at': iso(-5), 'callback-url': null, 'export-type': 'Base' });
}

/** Loads N accounts cheaply (benchmarks and pagination tests); returns the first new id. */
export function seedAccounts(store: YetiStore, count: number, contractorId = '4'): number {
	const table = store.table('accounts');
	const first = table.nextId;
	const keys = [...store.route('accounts').attributes.keys()];
	for (let i = 0; i < count; i++) {
		const id = String(table.nextId++);
		const attributes: Record<string, unknown> = {};
		for (const key of keys) attributes[key] = null;
		Object.assign(attributes, {
			name: `Bulk account ${id}`,
			balance: (i % 200) - 50,
			'min-balance': 0,
			'max-balance': 1000,
			vat: 0,
			'send-balance-notifications-to': [],
			uuid: randomUUID(),
			'origination-capacity': 10,
			'termination-capacity': 10,
			'total-capacity': 20,
			timezone: 'UTC',
			currency: 'USD',
		});
		table.rows.set(id, { id, attributes, relationships: { contractor: contractorId, 'invoice-template': null } });
	}
	return first;
}

/**
 * Loads N CDRs, one a minute after the last (ids and time_start rising together, as calls end one
 * after another); returns the first new id. For listing tests: calls that arrive during a listing.
 */
export function seedCdrs(store: YetiStore, count: number): number {
	const table = store.table('cdrs');
	const first = table.nextId;
	const keys = [...store.route('cdrs').attributes.keys()];
	const last = Math.max(SEED_TIME.getTime(), ...[...table.rows.values()].map((row) => Date.parse(String(row.attributes['time-start']))));
	for (let i = 0; i < count; i++) {
		const id = String(table.nextId++);
		const attributes: Record<string, unknown> = {};
		for (const key of keys) attributes[key] = null;
		Object.assign(attributes, { 'time-start': new Date(last + (i + 1) * 60_000).toISOString(), duration: 60, success: true, 'customer-price': 0.01, 'dst-prefix-in': '33100000000', 'src-prefix-in': '33900000000', 'audio-recorded': false, 'local-tag': `bulk-${id}`, uuid: randomUUID() });
		const relationships: Record<string, string | null> = {};
		for (const rel of store.route('cdrs').relationships.values()) relationships[rel.wire] = null;
		Object.assign(relationships, { customer: '1', 'customer-acc': '1' });
		table.rows.set(id, { id, attributes, relationships });
	}
	return first;
}
