/**
 * The package as a real n8n loads it (installed from the packed tarball into <user folder>/.n8n/nodes,
 * as n8n installs community packages): `n8n export:nodes` lists our four nodes; the running editor
 * serves them and our three credential types; the sandbox credentials import and pass n8n's own
 * credential test (the editor's Test button, POST /rest/credentials/test), and a wrong secret fails it;
 * the Octopush Trigger, activated in the running n8n, turns a delivery report POSTed to its webhook
 * into an execution whose output is the report.
 */
import { NODE_TYPES, PACKAGE_NAME } from '../../scripts/n8n/config';
import { DEFAULT_DELIVERY_REPORT, nodeItems } from '../../scripts/n8n/examples';
import { deliverToTrigger, resetSandboxes, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, FIXTURES, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

let session: Session;
let exported: Array<{ name: string; displayName?: string; version?: number | number[]; usableAsTool?: boolean; credentials?: Array<{ name: string }> }>;

beforeAll(async () => {
	session = await openE2ESession('loading');
	// export:nodes is a CLI command on the same database: run it before n8n starts.
	exported = await session.n8n.exportNodes();
	await session.n8n.importWorkflows([FIXTURES.octopushTrigger]);
	await session.n8n.publishWorkflow(FIXTURES.octopushTrigger.id);
	await session.n8n.start();
	await session.n8n.ensureOwner();
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

describe('n8n loads the packed package', () => {
	test('`n8n export:nodes` lists our four nodes, their versions, and the AI-tool variants of the three action nodes', () => {
		const ours = exported.filter((node) => node.name.startsWith(`${PACKAGE_NAME}.`));
		// n8n derives "<name>Tool" from every node marked usableAsTool: proof the AI Agent can use them.
		const tools = [NODE_TYPES.ocamba, NODE_TYPES.octopush, NODE_TYPES.yetiSwitch].map((type) => `${type}Tool`);
		expect(ours.map((node) => node.name).sort()).toEqual([...Object.values(NODE_TYPES), ...tools].sort());
		const byName = Object.fromEntries(ours.map((node) => [node.name, node]));
		// Octopush 1.1 changed defaults (Purpose, Contact Delete); saved version-1 nodes keep theirs.
		// Octopush Trigger 2 registers itself by default; saved version-1 triggers keep "By Hand".
		const versions: Record<string, number | number[]> = { [NODE_TYPES.octopush]: [1, 1.1], [NODE_TYPES.octopushTrigger]: [1, 2] };
		for (const type of Object.values(NODE_TYPES)) expect({ type, version: byName[type].version }).toEqual({ type, version: versions[type] ?? 1 });
		expect(byName[NODE_TYPES.ocamba].credentials?.map((c) => c.name)).toEqual(['ocambaApi']);
		expect(byName[NODE_TYPES.octopush].credentials?.map((c) => c.name)).toEqual(['octopushApi']);
		expect(byName[NODE_TYPES.yetiSwitch].credentials?.map((c) => c.name)).toEqual(['yetiSwitchApi']);
	});

	test('the running editor offers our nodes and credential types', async () => {
		const nodes = await session.n8n.rest<Array<{ name: string }>>('GET', '/types/nodes.json', undefined, { fromRoot: true });
		expect(nodes.status).toBe(200);
		const names = new Set(nodes.body.map((node) => node.name));
		for (const type of Object.values(NODE_TYPES)) expect({ type, offered: names.has(type) }).toEqual({ type, offered: true });
		const credentials = await session.n8n.rest<Array<{ name: string }>>('GET', '/types/credentials.json', undefined, { fromRoot: true });
		expect(credentials.status).toBe(200);
		expect(credentials.body.map((credential) => credential.name)).toEqual(expect.arrayContaining(['ocambaApi', 'octopushApi', 'yetiSwitchApi']));
	});
});

describe('the sandbox credentials import and pass n8n’s credential test', () => {
	const cases = [
		{ type: 'ocambaApi' as const, vendor: 'ocamba' as const, request: 'POST /v2/ocamba/personal-api-keys/validate', secret: 'apiToken' },
		{ type: 'octopushApi' as const, vendor: 'octopush' as const, request: 'GET /v1/public/wallet/check-balance', secret: 'apiKey' },
		// Yeti's test logs in with the password as entered, so a changed password is caught even while
		// n8n still holds a valid session token.
		{ type: 'yetiSwitchApi' as const, vendor: 'yeti' as const, request: 'POST /api/rest/admin/auth', secret: 'password' },
	];

	async function testCredential(id: string, override: Record<string, unknown> = {}) {
		// As the editor does: read the stored credential (secrets redacted), send it back to /test.
		const stored = await session.n8n.rest<{ id: string; name: string; type: string; data: Record<string, unknown> }>('GET', `/credentials/${id}?includeData=true`);
		expect(stored.status).toBe(200);
		const { name, type, data } = stored.body;
		return await session.n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id, name, type, data: { ...data, ...override } },
		});
	}

	test.each(cases)('$type tests OK and reaches the sandbox', async ({ type, vendor, request }) => {
		const { id, name } = session.credentials[type];
		resetSandboxes(session.sandboxes);
		const listed = await session.n8n.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
		expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id, name, type })]));
		const answer = await testCredential(id);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual(expect.objectContaining({ status: 'OK' }));
		const requests = session.sandboxes[vendor].requests.map((received) => `${received.method} ${received.path}`);
		expect(requests).toContain(request);
	});

	test.each(cases)('$type with a wrong secret fails the test with a message', async ({ type, secret }) => {
		const answer = await testCredential(session.credentials[type].id, { [secret]: 'wrong-secret-value' });
		expect(answer.status).toBe(200);
		expect(answer.body.status).toBe('Error');
		expect(answer.body.message).toEqual(expect.any(String));
		expect(answer.body.message.length).toBeGreaterThan(5);
	});
});

describe('Octopush Trigger in a running n8n', () => {
	test('a delivery report POSTed to the activated webhook is acknowledged and becomes the trigger’s output', async () => {
		const delivered = await deliverToTrigger(session, FIXTURES.octopushTrigger, { body: DEFAULT_DELIVERY_REPORT });
		expect(delivered.webhookUrl).toBe(`http://localhost:${session.n8n.port}/webhook/5d3c8a52-9f1e-4c1b-8a8e-0e2e2e0c7a11/octopush`);
		expect(delivered.webhookStatus).toBe(200);
		expect(delivered.run).toBeDefined();
		scanRun('octopush trigger', delivered.run);
		expect(delivered.run?.data.resultData.error).toBeUndefined();
		const items = nodeItems(delivered.run, 'Octopush Trigger');
		expect(items).toEqual([{ ...DEFAULT_DELIVERY_REPORT, event: 'deliveryReport' }]);
	});

	test('a callback of an event the trigger does not listen to is refused (Octopush keeps it), never acknowledged and dropped', async () => {
		const inbound = { message_id: 'in_1', number: '+33600000001', text: 'hello', sim_card_number: '+33700000000', reception_date: '2026-11-24 09:31:00' };
		const delivered = await deliverToTrigger(session, FIXTURES.octopushTrigger, { body: inbound }, 4_000);
		expect(delivered.webhookStatus).toBe(422);
		expect(delivered.run).toBeUndefined();
	});
});
