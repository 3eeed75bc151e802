/**
 * What n8n needs from the tarball users install: every path the "n8n" section lists, each exporting a
 * class named like its file, icons beside them, and nothing else of weight (no sources, maps or tests).
 * Runs on the output of `npm run build` (npm test builds first).
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { basename, join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const [result] = JSON.parse(output);
	return result.files.map((f: { path: string }) => f.path);
}

const listed: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
let files: string[] = [];

beforeAll(() => {
	if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
	files = packedFiles();
});

test('the package is a community node package n8n accepts', () => {
	expect(pkg.name).toBe('n8n-nodes-ocamba-octopush-yeti');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
});

test.each(listed)('the tarball contains %s', (path) => {
	expect(files).toContain(path);
});

test.each(pkg.n8n.nodes as string[])('%s exports a node class named like its file, with its icon packed', (path) => {
	const className = basename(path).replace(/\.node\.js$/, '');
	const exported = require(join(root, path));
	expect(typeof exported[className]).toBe('function');
	const instance = new exported[className]();
	const icon = instance.description.icon;
	// Themed icons ({ light, dark }) need both files packed.
	for (const file of typeof icon === 'string' ? [icon] : [icon.light, icon.dark]) {
		expect(files).toContain(join(path.replace(/[^/]+$/, ''), String(file).replace(/^file:/, '')));
	}
});

test.each(pkg.n8n.credentials as string[])('%s exports a credential class named like its file, with its icon packed', (path) => {
	const className = basename(path).replace(/\.credentials\.js$/, '');
	const exported = require(join(root, path));
	expect(typeof exported[className]).toBe('function');
	const instance = new exported[className]();
	expect(instance.name).toBe(className.charAt(0).toLowerCase() + className.slice(1));
	expect(instance.test).toBeDefined();
	const icon = String(instance.icon).replace(/^file:/, '');
	expect(files).toContain(join(path.replace(/[^/]+$/, ''), icon));
});

test('the tarball carries nothing n8n does not need', () => {
	const unwanted = files.filter((f) => /\.(ts|map)$/.test(f) || /(^|\/)(test|sandbox|examples|bench|scripts)\//.test(f));
	expect(unwanted).toEqual([]);
});
