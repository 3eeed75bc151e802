/**
 * The vendor nodes as the reliability suites drive them: the node, its sandbox, working credentials,
 * and per operation a row of base parameters that make a valid request against a freshly reset
 * sandbox (plus the state it needs). Operations come from the nodes' descriptions: an operation
 * without a row fails the suites (see `missingRows`).
 */
import type { ICredentialDataDecryptedObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Ocamba } from '../../../nodes/Ocamba/Ocamba.node';
import { Octopush } from '../../../nodes/Octopush/Octopush.node';
import { YetiSwitch } from '../../../nodes/YetiSwitch/YetiSwitch.node';
import type { Sandbox } from '../../../sandbox/core';
import { createOcambaSandbox, OCAMBA_SANDBOX_TOKEN } from '../../../sandbox/ocamba';
import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN, SEED_SUB_ACCOUNT_LOGIN, type OctopushSandbox } from '../../../sandbox/octopush';
import { createYetiSandbox, YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME, type YetiSandbox } from '../../../sandbox/yeti';
import { getRateLimiter } from '../../../nodes/shared/throttle';
import { fuzzTargets, key, operationsOf, resolveParameters, type OperationRef } from './drive';

export interface Row {
	parameters: INodeParameters;
	/** For operations chosen at run time (Yeti's generic route picker): complete parameter sets, each driven like a row. */
	variants?: Array<{ label: string; parameters: INodeParameters; baseMayFail?: boolean }>;
	/** State the operation needs, created straight through the sandbox's API after each reset. */
	setup?: (sandbox: VendorSandbox) => Promise<void>;
	/** The base request is valid but the sandbox may refuse it (e.g. no pending OTP): a clean API error is fine. */
	baseMayFail?: boolean;
	/** Body paths where null is what the API wants (e.g. clearing a relationship). */
	allowNullAt?: RegExp;
	/** The operation has no input to fuzz (beyond Request Options): nothing can be refused. */
	noInput?: boolean;
}

export interface VendorSandbox {
	sandbox: Sandbox;
	url: string;
	/** Working credentials (a fresh copy on every read). */
	readonly credentials: Record<string, ICredentialDataDecryptedObject>;
	/** A request with valid credentials, for setup. */
	call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface NodeSuite {
	vendor: 'ocamba' | 'octopush' | 'yeti';
	nodeType: INodeType;
	start(): Promise<VendorSandbox>;
	rows: Record<string, Row>;
}

async function call(url: string, method: string, headers: Record<string, string>, body?: unknown) {
	const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status, body: parsed };
}

const PHONE = '+33612345678';

/** A list with one contact, and tickets ready at once (octopush-campaigns.ts). */
async function listCampaignSetup(s: VendorSandbox) {
	await s.call('POST', '/contact/create', { contacts: [{ phone_number: PHONE }], list_name: 'clients' });
	(s.sandbox as OctopushSandbox).listCampaigns.readyAfterMs = 0;
}

export const octopushSuite: NodeSuite = {
	vendor: 'octopush',
	nodeType: new Octopush(),
	async start() {
		const sandbox = createOctopushSandbox();
		const url = await sandbox.start();
		const headers = { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': OCTOPUSH_SANDBOX_KEY, 'Content-Type': 'application/json' };
		return {
			sandbox,
			url,
			// A fresh copy each time: a credentials helper stores renewed tokens into the object it is given.
			get credentials() {
				return { octopushApi: { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${url}/v1/public` } };
			},
			call: async (method, path, body) => await call(`${url}/v1/public${path}`, method, headers, body),
		};
	},
	rows: {
		// Its one input is Simplify (a boolean).
		'account:getSettings': { parameters: {} },
		'account:updateSettings': { parameters: { campaignDefaults: { senderForSmsPremium: 'MyShop' }, callbacks: { callbackUrlForDeliveries: 'https://n8n.example.com/webhook/dr' } } },
		'contact:create': { parameters: { phoneNumber: PHONE, listName: 'clients' } },
		'contact:delete': {
			parameters: { phoneNumbers: PHONE, listName: 'clients' },
			setup: async (s) => {
				await s.call('POST', '/contact/create', { contacts: [{ phone_number: PHONE }], list_name: 'clients' });
			},
		},
		'contactList:create': { parameters: { listName: 'Newsletter' } },
		'contactList:delete': {
			parameters: { listName: 'clients' },
			setup: async (s) => {
				await s.call('POST', '/contact-list/create', { list_name: 'clients' });
			},
		},
		// Campaigns on a list: the sandbox prepares tickets at once, so Wait Until Ready never waits here.
		'smsCampaign:create': { parameters: { listName: 'clients', text: 'Hello from n8n', options: { simulationMode: true } }, setup: listCampaignSetup },
		'smsCampaign:getStatus': { parameters: { ticketNumber: 'sms_000000000000' }, baseMayFail: true },
		'smsCampaign:send': { parameters: { ticketNumber: 'sms_000000000000' }, baseMayFail: true },
		'smsCampaign:cancel': { parameters: { ticketNumber: 'sms_000000000000' }, baseMayFail: true },
		'voiceCampaign:create': { parameters: { listName: 'clients', text: 'Hello from n8n', options: { simulationMode: true } }, setup: listCampaignSetup },
		'voiceCampaign:getStatus': { parameters: { ticketNumber: 'voice_000000000000' }, baseMayFail: true },
		'voiceCampaign:send': { parameters: { ticketNumber: 'voice_000000000000' }, baseMayFail: true },
		'voiceCampaign:cancel': { parameters: { ticketNumber: 'voice_000000000000' }, baseMayFail: true },
		'voiceSms:cancel': { parameters: { ticketNumber: 'vocal_000000000000' }, baseMayFail: true },
		'contactList:empty': {
			parameters: { listName: 'clients' },
			setup: async (s) => {
				await s.call('POST', '/contact/create', { contacts: [{ phone_number: PHONE }], list_name: 'clients' });
			},
		},
		'otp:generate': { parameters: { phoneNumber: PHONE } },
		'otp:validate': { parameters: { code: '123456', otpRequestToken: 'otp_0123456789abcdef' }, baseMayFail: true },
		'phoneNumber:hlrLookup': { parameters: { phoneNumbers: PHONE, simulationMode: true } },
		'sms:cancel': { parameters: { ticketNumber: 'sms_000000000000' }, baseMayFail: true },
		'sms:send': { parameters: { phoneNumber: PHONE, text: 'Hello from n8n', options: { simulationMode: true } } },
		'subAccount:create': { parameters: { firstName: 'Ada', lastName: 'Lovelace', password: 'Sub-account-pass-1' } },
		'subAccount:get': { parameters: { subAccountLogin: SEED_SUB_ACCOUNT_LOGIN } },
		'subAccount:transferCredit': { parameters: { subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, amount: 1 } },
		'subAccount:update': { parameters: { subAccountLogin: SEED_SUB_ACCOUNT_LOGIN, updateFields: { firstName: 'Grace' } } },
		'voiceSms:send': { parameters: { phoneNumber: PHONE, text: 'Hello from n8n', options: { simulationMode: true } } },
		'wallet:getBalance': { parameters: {} },
		'wallet:getCredits': { parameters: { countryCodes: 'FR' } },
	},
};

const OCAMBA_ACCOUNT = '1000000';
const OCAMBA_CONTACT = '95eb301b-6aaf-42ad-a219-ccbd5f4d3d2b';
/** Integration ids count up from 1165 after a reset: the first one created in setup. */
const OCAMBA_INTEGRATION = '1165';
const createIntegration = async (s: VendorSandbox) => {
	const response = await s.call('POST', '/v1/hood/integrations', {
		name: 'Twilio SMS',
		provider_id: '1000',
		status: 'active',
		settings: { account_sid: 'AC0123456789', auth_token: 'setup-twilio-token-000', default_phone_number: '+15005550006' },
	});
	if (response.status !== 201 || (response.body as { id?: string }).id !== OCAMBA_INTEGRATION) throw new Error(`setup failed: ${JSON.stringify(response)}`);
};
const TWILIO = { provider: 'twilio', twilioAccountSid: 'AC0123456789', twilioAuthToken: 'hostile-twilio-token-1', twilioDefaultPhoneNumber: '+15005550006' };

export const ocambaSuite: NodeSuite = {
	vendor: 'ocamba',
	nodeType: new Ocamba(),
	async start() {
		// Rate limits far above what the suites send, announced in the headers the node's limiter learns from.
		const sandbox = createOcambaSandbox({ rateLimits: { perSecond: 1_000_000, perMinute: 10_000_000 } });
		const url = await sandbox.start();
		// The node paces per credential and URL; start that limiter with the sandbox's real limits.
		getRateLimiter(`ocamba:cred-ocambaApi:${url}`, [
			{ limit: 1_000_000, ms: 1000 },
			{ limit: 10_000_000, ms: 60_000 },
		]);
		const headers = { Authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}`, 'Content-Type': 'application/json' };
		return {
			sandbox,
			url,
			// A fresh copy each time: a credentials helper stores renewed tokens into the object it is given.
			get credentials() {
				return { ocambaApi: { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl: url } };
			},
			call: async (method, path, body) => await call(`${url}${path}`, method, headers, body),
		};
	},
	rows: {
		'account:create': { parameters: { name: 'New account' } },
		'account:delete': {
			parameters: { accountId: '1000001' },
			setup: async (s) => {
				await s.call('POST', '/v2/ocamba/accounts', { name: 'To delete' });
			},
		},
		'account:get': { parameters: { accountId: OCAMBA_ACCOUNT } },
		'account:getAll': { parameters: { limit: 5 } },
		'account:update': { parameters: { accountId: OCAMBA_ACCOUNT, updateFields: { name: 'Renamed' } } },
		'accountContact:create': { parameters: { accountId: OCAMBA_ACCOUNT, type: 'email', value: 'ops@example.com' } },
		'accountContact:delete': { parameters: { accountId: OCAMBA_ACCOUNT, contactId: OCAMBA_CONTACT } },
		'accountContact:get': { parameters: { accountId: OCAMBA_ACCOUNT, contactId: OCAMBA_CONTACT } },
		'accountContact:getAll': { parameters: { accountId: OCAMBA_ACCOUNT } },
		'accountContact:update': { parameters: { accountId: OCAMBA_ACCOUNT, contactId: OCAMBA_CONTACT, updateFields: { value: 'billing2@example.com' } } },
		'hoodUser:sendSms': { parameters: { userId: '2000001', integrationId: OCAMBA_INTEGRATION, content: 'Hello from n8n' }, setup: createIntegration },
		'integration:create': { parameters: { name: 'Twilio SMS', ...TWILIO } },
		'integration:delete': { parameters: { integrationId: OCAMBA_INTEGRATION }, setup: createIntegration },
		'integration:get': { parameters: { integrationId: OCAMBA_INTEGRATION }, setup: createIntegration },
		'integration:getAll': { parameters: {}, setup: createIntegration },
		'integration:sendTest': { parameters: { integrationSource: 'existing', integrationId: OCAMBA_INTEGRATION, recipient: '+15005550006' }, setup: createIntegration },
		'integration:update': { parameters: { integrationId: OCAMBA_INTEGRATION, updateFields: { name: 'Renamed' } }, setup: createIntegration },
		'integration:validateSettings': { parameters: { ...TWILIO } },
	},
};

export const yetiSuite: NodeSuite = {
	vendor: 'yeti',
	nodeType: new YetiSwitch(),
	async start() {
		const sandbox = createYetiSandbox();
		const url = await sandbox.start();
		let jwt = '';
		const login = async () => {
			const response = await call(`${url}/api/rest/admin/auth`, 'POST', { 'Content-Type': 'application/json' }, { auth: { username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } });
			jwt = (response.body as { jwt: string }).jwt;
		};
		return {
			sandbox,
			url,
			// A fresh copy each time: a credentials helper stores renewed tokens into the object it is given.
			get credentials() {
				return { yetiSwitchApi: { baseUrl: url, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD } };
			},
			call: async (method, path, body) => {
				if (!jwt) await login();
				const headers = { Authorization: jwt, Accept: 'application/vnd.api+json', 'Content-Type': 'application/vnd.api+json' };
				let response = await call(`${url}/api/rest/admin${path}`, method, headers, body);
				if (response.status === 401) {
					await login();
					response = await call(`${url}/api/rest/admin${path}`, method, { ...headers, Authorization: jwt }, body);
				}
				return response;
			},
		};
	},
	get rows() {
		yetiRowsCache ??= yetiRows(this.nodeType);
		return yetiRowsCache;
	},
};

/** The sandbox seeds no customers auth; id 1 after a reset. */
const seedCustomersAuth = async (s: VendorSandbox) => {
	(s.sandbox as YetiSandbox).insert('customers-auths', { name: 'Seeded auth', ip: ['192.0.2.1'], enabled: true }, { customer: '1', account: '1', gateway: '1', rateplan: '1', 'routing-plan': '1' });
};

let yetiRowsCache: Record<string, Row> | undefined;

/** A plausible value for a required Yeti parameter, by its name (all ids exist in the sandbox's seed). */
function yetiValue(property: INodeProperties): unknown {
	const name = property.name;
	const known: Record<string, unknown> = {
		id: '1',
		email: 'ops@example.com',
		ip: '192.0.2.10',
		prefix: '33',
		key: '33100000009',
		name: 'Reliability test',
		externalId: '5001',
		startDate: '2025-11-01T00:00:00.000Z',
		endDate: '2025-12-01T00:00:00.000Z',
		binaryPropertyName: 'data',
		correction: 5,
		balance: 100,
		amount: 10,
		minBalance: -10,
		maxBalance: 1000,
	};
	if (name in known) return known[name];
	if (property.type === 'resourceLocator') return { __rl: true, mode: 'id', value: name === 'vendor' ? '2' : '1' };
	if (property.type === 'number') return 1;
	if (property.type === 'dateTime') return '2026-01-01T00:00:00.000Z';
	return 'x';
}

/**
 * Yeti's curated resources share one shape, so their rows are built from the description: required
 * parameters get plausible values, updates change one text (else number) field. Operations that need
 * more are overridden below; the generic route picker has explicit variants.
 */
function yetiRows(nodeType: INodeType): Record<string, Row> {
	const rows: Record<string, Row> = {};
	for (const op of operationsOf(nodeType)) {
		if (op.resource === 'adminRoute') continue;
		const parameters: INodeParameters = {};
		for (const target of fuzzTargets(nodeType, { resource: op.resource, operation: op.operation })) {
			if (target.path.length === 1 && target.property.required) parameters[target.property.name] = yetiValue(target.property) as never;
		}
		if (op.operation === 'update') {
			const fields = ((nodeType.description.properties.find((p) => p.name === 'updateFields' && NodeHelpers.displayParameter(resolveParameters(nodeType, { resource: op.resource, operation: op.operation }), p, { typeVersion: 1 }, nodeType.description))?.options ?? []) as INodeProperties[]);
			const field = fields.find((f) => f.name === 'name') ?? fields.find((f) => f.type === 'string' && !/Id$|^(contractor|account|customer|vendor|gateway|rateplan|routingPlan|numberlist|rateGroup|routingGroup|gatewayGroup)$/.test(f.name)) ?? fields.find((f) => f.type === 'number');
			if (field) parameters.updateFields = { [field.name]: field.type === 'number' ? 2 : 'Reliability update' };
		}
		rows[key(op)] = { parameters };
	}
	const overrides: Record<string, Row> = {
		'activeCall:drop': { parameters: { id: '1*a1b2c3' } },
		'cdr:update': { parameters: { id: '1', updateFields: { metadata: '{"note": "checked"}' } } },
		'customersAuth:get': { ...rows['customersAuth:get'], setup: seedCustomersAuth },
		'customersAuth:update': { ...rows['customersAuth:update'], setup: seedCustomersAuth },
		'customersAuth:delete': { ...rows['customersAuth:delete'], setup: seedCustomersAuth },
		'activeCall:get': { parameters: { id: '1*a1b2c3' } },
		// Yeti 1.14.72 and later require a currency on accounts, 1.15.0 on dialpeers and destinations (the sandbox plays 1.15.38).
		'account:create': { parameters: { ...rows['account:create']?.parameters, contractor: { __rl: true, mode: 'id', value: '4' }, currency: 'USD' } },
		'destination:create': { parameters: { ...rows['destination:create']?.parameters, currency: 'USD' } },
		'destination:update': { parameters: { id: '1', updateFields: { prefix: '34' } } },
		'dialpeer:create': { parameters: { ...rows['dialpeer:create']?.parameters, currency: 'USD' } },
		'dialpeer:update': { parameters: { id: '1', updateFields: { prefix: '34' } } },
		// Contractor 1 owns accounts (restrict_with_error: 422); contractor 3 owns nothing.
		'contractor:delete': { parameters: { id: '3' } },
		'cdrExport:create': { parameters: { fields: 'id, time_start', filters: '{"time_start_gteq": "2026-01-01", "time_start_lt": "2026-02-01"}' } },
		'adminRoute:getAll': { parameters: { route: 'timezones' } },
		'adminRoute:get': { parameters: { route: 'pops', id: '1' } },
		'adminRoute:create': { parameters: { route: 'contractors', fieldsMode: 'json', attributesJson: '{"name": "Generic contractor", "enabled": true, "vendor": true, "customer": false}' } },
		'adminRoute:update': { parameters: { route: 'contacts', id: '1', attributes: { attribute: [{ name: 'notes', value: 'changed' }] } } },
		'adminRoute:delete': { parameters: { route: 'numberlist-items', id: '1' } },
	};
	return { ...rows, ...overrides };
}

export const suites: NodeSuite[] = [octopushSuite, ocambaSuite, yetiSuite];

/** Operations the node offers that have no row (a new operation cannot be forgotten). */
export function missingRows(suite: NodeSuite): string[] {
	return operationsOf(suite.nodeType)
		.map(key)
		.filter((k) => !suite.rows[k]);
}

/** Rows for operations the node no longer offers. */
export function staleRows(suite: NodeSuite): string[] {
	const offered = new Set(operationsOf(suite.nodeType).map(key));
	return Object.keys(suite.rows).filter((k) => !offered.has(k));
}

export function baseParameters(op: OperationRef, row: Row): INodeParameters {
	return { resource: op.resource, operation: op.operation, ...row.parameters };
}
