/**
 * Yeti-Switch as the server's own code describes it, in the real n8n (issue 13): Create Account
 * with and without Currency against both server versions the sandbox plays (1.14.71, the seed's
 * era, before accounts needed a currency; 1.15.38, the facts' version), a Get Many whose output
 * keeps the ids of a relationship the server sends without linkage, and a filter value with a comma.
 */
import type { YetiSandbox } from '../../sandbox/yeti';
import { DEFAULT_SERVER_VERSION, SEED_SERVER_VERSION } from '../../sandbox/yeti';
import { nodeItems, type Workflow } from '../../scripts/n8n/examples';
import { NODE_TYPES, SANDBOX_CREDENTIALS } from '../../scripts/n8n/config';
import { resetSandboxes, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

/** seeds/003: the request of Yeti's own documentation, byte for byte. */
const SEED_REQUEST =
	'{"data":{"type":"accounts","attributes":{"name":"name","min-balance":1,"max-balance":10,"vat":11,"origination-capacity":100,"termination-capacity":110,"total-capacity":100,"balance-low-threshold":90,"balance-high-threshold":95,"send-balance-notifications-to":[1],"timezone":"Europe/Kyiv"},"relationships":{"contractor":{"data":{"type":"contractors","id":4}}}}}';

const yetiNode = (name: string, parameters: Record<string, unknown>, position: [number, number]) => ({
	id: `${name.replace(/\W/g, '')}-node`,
	name,
	type: NODE_TYPES.yetiSwitch,
	typeVersion: 1,
	position,
	parameters,
	credentials: { yetiSwitchApi: SANDBOX_CREDENTIALS.yetiSwitchApi },
});

function workflow(id: string, name: string, nodes: Array<ReturnType<typeof yetiNode>>): Workflow {
	return {
		id,
		name,
		nodes: [{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes] as never,
		connections: { Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
		settings: {},
		active: false,
	};
}

const SEED_PARAMETERS = {
	resource: 'account',
	operation: 'create',
	name: 'name',
	minBalance: 1,
	maxBalance: 10,
	contractor: { __rl: true, mode: 'id', value: '4' },
	additionalFields: { vat: 11, originationCapacity: 100, terminationCapacity: 110, totalCapacity: 100, balanceLowThreshold: 90, balanceHighThreshold: 95, sendBalanceNotificationsTo: '1', timezone: 'Europe/Kyiv' },
};

const WORKFLOWS = {
	seed: workflow('e2eYetiSeedAcct1', 'e2e: Yeti create account as the seed (no currency)', [yetiNode('Create Account', SEED_PARAMETERS, [240, 0])]),
	withCurrency: workflow('e2eYetiCurrency1', 'e2e: Yeti create account with a currency', [yetiNode('Create Account', { ...SEED_PARAMETERS, currency: 'USD' }, [240, 0])]),
	reads: workflow('e2eYetiReads0001', 'e2e: Yeti reads (linkage, comma in a filter)', [
		yetiNode('Destinations', { resource: 'destination', operation: 'getAll', returnAll: true }, [240, -100]),
		yetiNode('Templates', { resource: 'adminRoute', route: 'invoice-template', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:name:string', operator: 'eq', value: 'Acme, Inc. template' }] } }, [240, 100]),
	]),
};

let session: Session;
let yeti: YetiSandbox;

beforeAll(async () => {
	session = await openE2ESession('yeti-server');
	yeti = session.sandboxes.yeti as YetiSandbox;
	await session.n8n.importWorkflows(Object.values(WORKFLOWS));
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

async function run(which: keyof typeof WORKFLOWS, version: string) {
	resetSandboxes(session.sandboxes);
	yeti.serverVersion = version;
	const result = await session.n8n.execute(WORKFLOWS[which].id);
	scanRun(`yeti ${which} on ${version}`, result.run, result.command.stdout + result.command.stderr);
	return { result, creates: yeti.requestsTo('POST', '/api/rest/admin/accounts') };
}

test(`Create Account without Currency on ${SEED_SERVER_VERSION}: the seed request byte for byte, the account created`, async () => {
	const { result, creates } = await run('seed', SEED_SERVER_VERSION);
	expect(result.error).toBeUndefined();
	expect(creates.map((request) => request.rawBody)).toEqual([SEED_REQUEST]);
	expect(creates[0].url).toBe('/api/rest/admin/accounts');
	expect(nodeItems(result.run, 'Create Account')).toEqual([expect.objectContaining({ name: 'name', balance: '0.0', 'min-balance': '1.0', 'contractor-id': '4' })]);
});

test(`Create Account without Currency on ${DEFAULT_SERVER_VERSION}: a clear error that says to set Currency`, async () => {
	const { result, creates } = await run('seed', DEFAULT_SERVER_VERSION);
	expect(creates).toHaveLength(1);
	expect(result.ok).toBe(false);
	expect(result.error).toBe('Create Account: Yeti-Switch rejected the request (422): currency: must exist — set "Currency"');
	const description = String((result.run?.data?.resultData?.error as { description?: string } | undefined)?.description ?? '');
	expect(description).toContain('Yeti-Switch 1.14.72 and later require "Currency"');
});

test(`Create Account with Currency on ${DEFAULT_SERVER_VERSION}: created, with its currency`, async () => {
	const { result, creates } = await run('withCurrency', DEFAULT_SERVER_VERSION);
	expect(result.error).toBeUndefined();
	expect(JSON.parse(creates[0].rawBody).data.attributes.currency).toBe('USD');
	expect(nodeItems(result.run, 'Create Account')).toEqual([expect.objectContaining({ name: 'name', currency: 'USD', 'contractor-id': '4' })]);
});

test(`Create Account with Currency on ${SEED_SERVER_VERSION}: the older server does not know the field, and the error says so`, async () => {
	const { result } = await run('withCurrency', SEED_SERVER_VERSION);
	expect(result.ok).toBe(false);
	expect(result.error).toBe('Create Account: Yeti-Switch rejected the request (400): currency is not allowed.');
	const description = String((result.run?.data?.resultData?.error as { description?: string } | undefined)?.description ?? '');
	expect(description).toContain('an older server may not know it yet');
});

test('Get Many destinations keeps rate-group-id (relationship_linkage false); a filter value with a comma means itself', async () => {
	const { result } = await run('reads', DEFAULT_SERVER_VERSION);
	expect(result.error).toBeUndefined();
	const destinations = nodeItems(result.run, 'Destinations') ?? [];
	expect(destinations.map((item) => [item.prefix, item['rate-group-id']])).toEqual([
		['33', '1'],
		['44', '1'],
	]);
	expect(destinations[0]['relationships-not-loaded']).toEqual(['destination-next-rates']);
	const list = yeti.requestsTo('GET', '/api/rest/admin/invoice-template')[0];
	expect(list.query['filter[name_eq]']).toBe('"Acme, Inc. template"');
	expect((nodeItems(result.run, 'Templates') ?? []).map((item) => item.name)).toEqual(['Acme, Inc. template']);
});
