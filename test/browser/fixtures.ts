/**
 * The browser suite's fixtures (n8n's Playwright suite shape): the n8n the global setup started (our
 * packed package installed, the sandboxes running, the sandbox credentials imported), the owner signed
 * in once per worker, and per test a fresh page wrapped in `n8n` (pages and composables) with the
 * sandboxes reset.
 */
import { test as base, selectors, type BrowserContext } from '@playwright/test';

import { OWNER } from '../../scripts/n8n/config';
import type { N8n } from '../../scripts/n8n/cli';
import { N8nPage } from './pages/N8nPage';
import { SignInPage } from './pages/SignInPage';
import { sandboxCredentials, type SandboxCredentialType } from '../../scripts/n8n/sandbox-credentials';
import { SandboxClient, ownerRestClient, suiteInfo, type SuiteInfo } from './suite';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface WorkerFixtures {
	/** The n8n the global setup started: address, user folder, sandbox addresses. */
	suite: SuiteInfo;
	/** Its REST API, signed in as the owner. */
	rest: N8n;
	/** The signed-in owner's cookies and local storage. */
	ownerState: StorageState;
}

/** n8n's REST API, signed in as the owner (for what a spec prepares rather than tests). */
export interface Api {
	/** Saves a workflow and returns its id. */
	createWorkflow(workflow: { name: string; nodes: unknown[]; connections?: Record<string, unknown>; pinData?: Record<string, unknown> }): Promise<string>;
	/** Puts a sandbox credential back to its sandbox values (after a test changed it in the editor). */
	restoreSandboxCredential(type: SandboxCredentialType): Promise<void>;
}

interface TestFixtures {
	n8n: N8nPage;
	api: Api;
	/** The vendor sandboxes (reset before each test): what our nodes sent them. */
	sandboxes: SandboxClient;
}

/** How long a workflow run in the editor may take on a busy machine (n8n, the sandboxes and Chromium share 2 cores). */
export const EXECUTION_TIMEOUT = 120_000;

/** The Manual Trigger node as n8n names it when a person adds it. */
export const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

export function manualTriggerNode(): Record<string, unknown> {
	return { id: 'manual-trigger', name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
	suite: [
		async ({}, use) => {
			await use(suiteInfo());
		},
		{ scope: 'worker' },
	],
	rest: [
		async ({ suite }, use) => {
			await use(await ownerRestClient(suite));
		},
		{ scope: 'worker' },
	],
	ownerState: [
		async ({ browser, suite }, use) => {
			// A context made here does not get the config's `testIdAttribute`: set n8n's for the sign-in page.
			selectors.setTestIdAttribute('data-test-id');
			const context = await browser.newContext({ baseURL: suite.baseUrl });
			const page = await context.newPage();
			await new SignInPage(page).signIn(OWNER.email, OWNER.password);
			const state = await context.storageState();
			await context.close();
			await use(state);
		},
		{ scope: 'worker', timeout: 180_000 },
	],
	baseURL: async ({ suite }, use) => {
		await use(suite.baseUrl);
	},
	storageState: async ({ ownerState }, use) => {
		await use(ownerState);
	},
	api: async ({ rest, suite }, use) => {
		await use({
			restoreSandboxCredential: async (type) => {
				const { id, name, data } = sandboxCredentials(suite.sandboxes)[type];
				const answer = await rest.rest('PATCH', `/credentials/${id}`, { name, type, data });
				if (answer.status !== 200) throw new Error(`PATCH /rest/credentials/${id} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
			},
			createWorkflow: async (workflow) => {
				const answer = await rest.rest<{ id?: string }>('POST', '/workflows', { connections: {}, settings: {}, active: false, ...workflow });
				if (answer.status !== 200 || !answer.body?.id) throw new Error(`POST /rest/workflows answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
				return answer.body.id;
			},
		});
	},
	sandboxes: async ({ suite }, use) => {
		const sandboxes = new SandboxClient(suite.sandboxes);
		await sandboxes.resetAll();
		await use(sandboxes);
	},
	n8n: async ({ page, sandboxes }, use) => {
		void sandboxes;
		await use(new N8nPage(page));
	},
});

export { expect } from '@playwright/test';
