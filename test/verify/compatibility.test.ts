/**
 * The two n8n lines the package is tested on: the runtime that runs each follows that n8n's own
 * `engines.node` (checked against the engines both lines publish), a cached n8n is never reused on a
 * Node major its sqlite3 was not built for, and the command and the README's Compatibility table
 * name the versions the tooling really runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { N8N_1_VERSION, N8N_DEFAULT_VERSION, NODE_RUNTIME_VERSION } from '../../scripts/n8n/config';
import { chooseNodeVersion, n8nCacheDir, type NodeRuntime } from '../../scripts/n8n/provision';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the Node runtime follows the n8n version’s engines and its expression sandbox', () => {
	// engines.node as published: n8n 2.40.7 ">=24.0.0", n8n 1.123.81 ">=20.19 <= 24.x"; the isolated-vm
	// each loads for its default expression engine: ">=24.0.0" (7.0.1) and ">=22.0.0" (6.2.0).
	test('n8n 2.40.x on a Node 20 machine runs on the pinned Node 24 build', () => {
		expect(chooseNodeVersion('>=24.0.0', '20.20.2')).toBe(NODE_RUNTIME_VERSION);
	});
	test('n8n 1.123.x on Node 20 (its engines allow it, its expression sandbox does not) runs on the pinned build', () => {
		expect(chooseNodeVersion('>=20.19 <= 24.x', '20.20.2')).toBe(NODE_RUNTIME_VERSION);
	});
	test('n8n 1.123.x on a Node 22 machine runs on that Node', () => {
		expect(chooseNodeVersion('>=20.19 <= 24.x', '22.12.0')).toBe('22.12.0');
	});
	test('n8n 1.123.x on a Node newer than 24.x moves to the pinned build', () => {
		expect(chooseNodeVersion('>=20.19 <= 24.x', '25.1.0')).toBe(NODE_RUNTIME_VERSION);
	});
	test('no runtime when neither qualifies (provisioning then refuses, saying why)', () => {
		expect(chooseNodeVersion('>=26', '20.20.2')).toBeUndefined();
	});
});

describe('a cached n8n is reused only on the Node major it was built for', () => {
	let cache: string;
	const previous = process.env.N8N_NODES_CACHE_DIR;
	const runtime = (version: string): NodeRuntime => ({ nodeBin: '/x/node', nodeRoot: '/x', version });
	beforeEach(() => {
		cache = mkdtempSync(join(tmpdir(), 'n8n-cache-test-'));
		process.env.N8N_NODES_CACHE_DIR = cache;
	});
	afterEach(() => {
		if (previous === undefined) delete process.env.N8N_NODES_CACHE_DIR;
		else process.env.N8N_NODES_CACHE_DIR = previous;
		rmSync(cache, { recursive: true, force: true });
	});

	test('no entry yet, or one built on the same major: the plain folder', () => {
		expect(n8nCacheDir('1.123.81', runtime('20.20.2'))).toBe(join(cache, 'n8n-1.123.81'));
		mkdirSync(join(cache, 'n8n-1.123.81'));
		writeFileSync(join(cache, 'n8n-1.123.81', 'provisioned.json'), JSON.stringify({ n8n: '1.123.81', node: '20.19.0' }));
		expect(n8nCacheDir('1.123.81', runtime('20.20.2'))).toBe(join(cache, 'n8n-1.123.81'));
	});
	test('an entry built on another major: a folder of its own for this one', () => {
		mkdirSync(join(cache, 'n8n-1.123.81'));
		writeFileSync(join(cache, 'n8n-1.123.81', 'provisioned.json'), JSON.stringify({ n8n: '1.123.81', node: '20.20.2' }));
		expect(n8nCacheDir('1.123.81', runtime('24.21.0'))).toBe(join(cache, 'n8n-1.123.81-node24'));
	});
});

describe('the documented lines are the ones the tooling runs', () => {
	test('`npm run test:e2e:n8n1` runs the suite on the configured 1.x version', () => {
		expect(pkg.scripts['test:e2e:n8n1']).toBe(`N8N_VERSION_OVERRIDE=${N8N_1_VERSION} jest --selectProjects e2e`);
	});
	test('the README’s Compatibility table names both lines', () => {
		const start = readme.indexOf('\n## Compatibility\n');
		expect(start).toBeGreaterThan(-1);
		const end = readme.indexOf('\n## ', start + 1);
		const table = readme.slice(start, end === -1 ? undefined : end);
		expect(table).toContain(`| ${N8N_DEFAULT_VERSION} |`);
		expect(table).toContain(`| ${N8N_1_VERSION} |`);
		expect(table).toContain('npm run test:e2e:n8n1');
	});
});
