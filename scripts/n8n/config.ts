/**
 * The one place that pins what the real-n8n tooling (demo, start, end-to-end suite) runs:
 * the n8n version, the Node runtime it needs, where both are cached, and the fixed names
 * the example workflows refer to.
 */
import { homedir } from 'os';
import { join, resolve } from 'path';

/** The n8n release every real-n8n run uses (2.41.x cannot be installed from the registry today). */
export const N8N_VERSION = process.env.N8N_VERSION_OVERRIDE || '2.40.7';

/** n8n 2.40 needs Node >= 24; when the system Node is older this exact build comes from the npm registry. */
export const NODE_RUNTIME_VERSION = '24.21.0';
export const NODE_RUNTIME_MIN_MAJOR = 24;

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
