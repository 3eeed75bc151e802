/**
 * `npm run lint:scanner` (scripts/verify/scanner-lint.mjs) runs n8n's scanner lint the way n8n does,
 * so it must catch what n8n would refuse: a rule violation hidden behind an `eslint-disable` comment
 * (the scanner lints with inline configuration off), a forbidden import in the compiled tarball, and
 * the comment itself. Each case is a small package made in a temporary folder.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'verify', 'scanner-lint.mjs');
let dir: string;

jest.setTimeout(120_000);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'scanner-lint-test-'));
	// Our package.json and credentials pass the scanner: a base the cases add one problem to.
	cpSync(join(root, 'package.json'), join(dir, 'package.json'));
	cpSync(join(root, 'credentials'), join(dir, 'credentials'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function scannerLint(...args: string[]) {
	const result = spawnSync(process.execPath, [script, '--dir', dir, ...args], { cwd: root, encoding: 'utf8' });
	return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function writeFile(path: string, text: string) {
	mkdirSync(join(dir, path, '..'), { recursive: true });
	writeFileSync(join(dir, path), text);
}

test('a package without problems passes', () => {
	const { code, output } = scannerLint('--source-only');
	expect(output).toMatch(/✅ source .*: no errors/);
	expect(output).toMatch(/✅ no inline ESLint directives/);
	expect(code).toBe(0);
});

test('a scan that finds nothing to lint fails instead of passing on nothing', () => {
	rmSync(join(dir, 'package.json'));
	rmSync(join(dir, 'credentials'), { recursive: true });
	const { code, output } = scannerLint('--source-only');
	expect(output).toMatch(/❌ source .*: No files found to analyze/);
	expect(code).toBe(1);
});

test('a violation hidden by an eslint-disable comment is an error, and so is the comment', () => {
	writeFile(
		'nodes/Fixture/transport.ts',
		[
			"import type { IExecuteFunctions } from 'n8n-workflow';",
			'',
			'export async function callApi(this: IExecuteFunctions): Promise<unknown> {',
			'\ttry {',
			"\t\treturn await this.helpers.httpRequest({ url: 'https://example.com' });",
			'\t} catch (error) {',
			'\t\t// eslint-disable-next-line @n8n/community-nodes/require-node-api-error',
			'\t\tthrow error;',
			'\t}',
			'}',
			'',
		].join('\n'),
	);
	const { code, output } = scannerLint('--source-only');
	expect(output).toMatch(/❌ source/);
	expect(output).toMatch(/nodes\/Fixture\/transport\.ts[\s\S]*8:\d+\s+error[\s\S]*@n8n\/community-nodes\/require-node-api-error/);
	expect(output).toMatch(/❌ 1 inline ESLint directive\(s\)[\s\S]*nodes\/Fixture\/transport\.ts:7 {2}'\/\/ eslint-disable-next-line/);
	expect(code).toBe(1);
});

test('a directive alone (disabling nothing the scanner checks) still fails the run', () => {
	writeFile('credentials/helper.ts', '/* eslint-disable */\nexport const unused = 1;\n');
	const { code, output } = scannerLint('--source-only');
	expect(output).toMatch(/✅ source .*: no errors/);
	expect(output).toMatch(/credentials\/helper\.ts:1 {2}'\/\* eslint-disable \*\/'/);
	expect(code).toBe(1);
});

test('the tarball leg lints the compiled JavaScript n8n would download', () => {
	const pack = join(dir, 'pack', 'package');
	mkdirSync(join(pack, 'dist', 'nodes', 'Fixture'), { recursive: true });
	cpSync(join(root, 'package.json'), join(pack, 'package.json'));
	writeFileSync(
		join(pack, 'dist', 'nodes', 'Fixture', 'Fixture.node.js'),
		"'use strict';\nconst child_process = require('child_process');\nexports.run = () => child_process.execSync('id');\n",
	);
	const tarball = join(dir, 'pack', 'fixture-0.0.0.tgz');
	const tar = spawnSync('tar', ['-czf', tarball, '-C', join(dir, 'pack'), 'package']);
	expect(tar.status).toBe(0);
	const { code, output } = scannerLint('--tarball', tarball);
	expect(output).toMatch(/✅ source/);
	expect(output).toMatch(/❌ tarball fixture-0\.0\.0\.tgz[\s\S]*dist\/nodes\/Fixture\/Fixture\.node\.js[\s\S]*@n8n\/community-nodes\/no-restricted-imports/);
	expect(code).toBe(1);
});
