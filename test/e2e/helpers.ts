/** What the e2e test files share: the provisioning done by the global setup, sessions, fixtures. */
import { N8N_VERSION, PROVISIONED_ENV } from '../../scripts/n8n/config';
import type { ExecutionRun } from '../../scripts/n8n/cli';
import type { Workflow } from '../../scripts/n8n/examples';
import { provision, type Provisioned } from '../../scripts/n8n/provision';
import { openSession, type Session } from '../../scripts/n8n/session';
import { recordForScan } from '../harness/secret-scan';

/** Generous: one `n8n execute` takes 3–7 s, `n8n start` about 10 s. */
export const E2E_TIMEOUT = 180_000;

export async function provisioned(): Promise<Provisioned> {
	const fromSetup = process.env[PROVISIONED_ENV];
	if (fromSetup) return JSON.parse(fromSetup) as Provisioned;
	return await provision();
}

/** A session for one test file: its own sandboxes, user folder and ports (files may run in parallel). */
export async function openE2ESession(name: string): Promise<Session> {
	const session = await openSession({ name: `e2e-${name}`, provisioned: await provisioned(), log: () => undefined });
	if (session.provisioned.n8n.version !== N8N_VERSION) throw new Error(`provisioned n8n ${session.provisioned.n8n.version}, expected ${N8N_VERSION}`);
	return session;
}

/** Hands what n8n printed and produced to the suite-wide secret scan (a secret anywhere fails the run). */
export function scanRun(source: string, run: ExecutionRun | undefined, processOutput?: string) {
	if (run) recordForScan(`real n8n: ${source} execution data`, run.data?.resultData ?? {});
	if (processOutput) recordForScan(`real n8n: ${source} process output`, processOutput);
}

const SANDBOX_CREDENTIAL = {
	ocambaApi: { id: 'ocambaSandbox01', name: 'Ocamba (sandbox)' },
	yetiSwitchApi: { id: 'yetiSandboxCred1', name: 'Yeti-Switch (sandbox)' },
};

function manualWorkflow(id: string, name: string, node: Record<string, unknown>): Workflow {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} } as never,
			{ id: `${id}-node`, typeVersion: 1, position: [240, 0], ...node } as never,
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: {},
		active: false,
	};
}

/** Fixtures of the suite itself (independent of examples/): one read per vendor and the trigger. */
export const FIXTURES = {
	ocambaGetAccount: manualWorkflow('e2eOcambaGet0001', 'e2e: Ocamba get account', {
		name: 'Get Account',
		type: 'n8n-nodes-ocamba-octopush-yeti.ocamba',
		parameters: { resource: 'account', operation: 'get', accountId: '1000000' },
		credentials: { ocambaApi: SANDBOX_CREDENTIAL.ocambaApi },
	}),
	/** The same read, allowed to wait out rate limits for 3 s in total (Request Options). */
	ocambaGetAccountShortWait: manualWorkflow('e2eOcambaGet0002', 'e2e: Ocamba get account, 3 s rate-limit budget', {
		name: 'Get Account',
		type: 'n8n-nodes-ocamba-octopush-yeti.ocamba',
		parameters: { resource: 'account', operation: 'get', accountId: '1000000', requestOptions: { maxRateLimitWait: 3 } },
		credentials: { ocambaApi: SANDBOX_CREDENTIAL.ocambaApi },
	}),
	yetiListContractors: manualWorkflow('e2eYetiList00001', 'e2e: Yeti list contractors', {
		name: 'List Contractors',
		type: 'n8n-nodes-ocamba-octopush-yeti.yetiSwitch',
		parameters: { resource: 'contractor', operation: 'getAll', returnAll: false, limit: 5 },
		credentials: { yetiSwitchApi: SANDBOX_CREDENTIAL.yetiSwitchApi },
	}),
	octopushTrigger: {
		id: 'e2eOctopushTrig1',
		name: 'e2e: Octopush delivery reports',
		nodes: [
			{
				id: 'e2e-trigger',
				name: 'Octopush Trigger',
				type: 'n8n-nodes-ocamba-octopush-yeti.octopushTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5d3c8a52-9f1e-4c1b-8a8e-0e2e2e0c7a11',
				parameters: { events: ['deliveryReport'] },
			} as never,
		],
		connections: {},
		settings: {},
		active: false,
	} as Workflow,
};
