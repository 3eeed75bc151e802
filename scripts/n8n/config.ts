/**
 * The one place that pins what the real-n8n tooling (demo, start, end-to-end suite) runs:
 * the n8n version, the Node runtime it needs, where both are cached, and the fixed names
 * the example workflows refer to.
 */
import { homedir } from 'os';
import { join, resolve } from 'path';

/** The default n8n line: every real-n8n run uses it (2.41.x cannot be installed from the registry today). */
export const N8N_DEFAULT_VERSION = '2.40.7';

/**
 * The second line the end-to-end suite is run against (`npm run test:e2e:n8n1`): the newest 1.123.x
 * (n8n 1.x's last line, still receiving security fixes). package.json's script and the README's
 * Compatibility table name the same version (test/verify/compatibility.test.ts checks it).
 */
export const N8N_1_VERSION = '1.123.81';

/** The n8n release this run uses: N8N_VERSION_OVERRIDE picks another (e.g. N8N_1_VERSION). */
export const N8N_VERSION = process.env.N8N_VERSION_OVERRIDE || N8N_DEFAULT_VERSION;

/** n8n's major version: some commands and settings differ between the 1.x and 2.x lines (cli.ts). */
export function n8nMajor(version: string): number {
	return Number(version.split('.')[0]);
}

/**
 * The Node runtime follows the chosen n8n's `engines.node` (2.40.7: >=24.0.0; 1.123.81: >=20.19 <= 24.x)
 * and what its expression sandbox needs (below): the system Node when it satisfies both, else this exact
 * build from the npm registry.
 */
export const NODE_RUNTIME_VERSION = '24.21.0';

/**
 * What n8n's expression sandbox needs on top of n8n's own `engines`: n8n starts with its `vm`
 * expression engine by default (N8N_EXPRESSION_ENGINE, in 1.123.x and 2.x), which loads isolated-vm:
 * 6.2 in n8n 1.123.81 (engines node >=22, prebuilt for Node 22 and 24 only), 7.0 in 2.40.7 (>=24).
 * So on Node 20, n8n 1.123.81, whose own engines allow 20.19, stops at start with "Could not initialize
 * the vm expression engine". Provisioning checks the installed isolated-vm against the chosen Node.
 */
export const N8N_EXPRESSION_SANDBOX_NODE = '>=22';

/**
 * n8n 1.x's nodes-base depends on xlsx as a tarball from its vendor's own download host, which
 * cannot be reached here; the registry's last xlsx stands in (it only serves n8n's Spreadsheet File
 * node, which none of our tests use). An npm `overrides` entry in the provisioning folder applies it.
 */
export const N8N_INSTALL_OVERRIDES: Record<string, string> = { xlsx: '0.18.5' };

/** Repository root (scripts/n8n/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

export const PACKAGE_NAME = 'n8n-nodes-ocamba-octopush-yeti';

/**
 * Cache shared by every checkout on this machine, keyed by version so only the first run pays.
 * Override with N8N_NODES_CACHE_DIR (CI caches can point it at a persisted folder).
 */
export function cacheRoot(): string {
	if (process.env.N8N_NODES_CACHE_DIR) return resolve(process.env.N8N_NODES_CACHE_DIR);
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, PACKAGE_NAME);
}

/** Throwaway n8n user folders (databases, installed package) live under the repo, git-ignored by eslint. */
export const WORK_ROOT = join(REPO_ROOT, '.n8n-e2e');

/** Our node types as n8n names them once the package is installed. */
export const NODE_TYPES = {
	ocamba: `${PACKAGE_NAME}.ocamba`,
	octopush: `${PACKAGE_NAME}.octopush`,
	octopushTrigger: `${PACKAGE_NAME}.octopushTrigger`,
	yetiSwitch: `${PACKAGE_NAME}.yetiSwitch`,
} as const;

/** Credentials the example workflows reference by these fixed ids (see the examples contract). */
export const SANDBOX_CREDENTIALS = {
	ocambaApi: { id: 'ocambaSandbox01', name: 'Ocamba (sandbox)' },
	octopushApi: { id: 'octopushSandbo01', name: 'Octopush (sandbox)' },
	yetiSwitchApi: { id: 'yetiSandboxCred1', name: 'Yeti-Switch (sandbox)' },
} as const;

/** The owner account `npm start` and the end-to-end suite create in their n8n. */
export const OWNER = {
	email: process.env.N8N_DEMO_EMAIL || 'demo@example.com',
	password: process.env.N8N_DEMO_PASSWORD || 'Sandbox-Demo-2026',
	firstName: 'Demo',
	lastName: 'User',
};

/** The e2e global setup hands its provisioning to the test files through this variable. */
export const PROVISIONED_ENV = 'N8N_E2E_PROVISIONED';
