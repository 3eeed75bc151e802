/**
 * The GitHub workflows do what the README promises: CI runs the README's test command on every push
 * and pull request; a version tag publishes to npm with a provenance statement, only after `npm test`
 * (lint, build, tests) passed. `npm test` runs actionlint on them (`npm run lint:workflows`); here we
 * check that linter catches a broken workflow, and what the workflows do, read as YAML.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const workflows = join(root, '.github', 'workflows');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface Step {
	name?: string;
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[]; 'timeout-minutes'?: number }>;
}

const read = (name: string): Workflow => parse(readFileSync(join(workflows, name), 'utf8'));
const onlyJob = (workflow: Workflow) => {
	const jobs = Object.values(workflow.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
};
const stepIndex = (steps: Step[], command: RegExp) => steps.findIndex((step) => command.test(step.run ?? ''));

jest.setTimeout(120_000);

describe('actionlint (npm run lint:workflows)', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'workflows-test-'));
		cpSync(workflows, dir, { recursive: true });
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const lint = () => spawnSync(process.execPath, [join(root, 'scripts', 'verify', 'lint-workflows.mjs'), '--dir', dir], { cwd: root, encoding: 'utf8' });

	test('fails on a misspelt permission and an unknown job key, naming file and line', () => {
		const file = join(dir, 'publish.yml');
		const text = readFileSync(file, 'utf8');
		writeFileSync(file, text.replace('id-token: write', 'id-token: wirte').replace('timeout-minutes: 20', 'timeout-minutes: 20\n    runs_on: ubuntu-latest'));
		const result = lint();
		expect(result.stdout).toMatch(/publish\.yml:\d+:\d+ {2}"wirte" is invalid for permission of scope "id-token"/);
		expect(result.stdout).toMatch(/publish\.yml:\d+:\d+ {2}unexpected key "runs_on" for "job" section/);
		expect(result.stdout).toMatch(/✅ .*ci\.yml/);
		expect(result.status).toBe(1);
	});

	test('fails when a workflow is missing, instead of passing on nothing', () => {
		rmSync(join(dir, 'ci.yml'));
		const result = lint();
		expect(result.stdout).toMatch(/missing workflow file\(s\) .*: ci\.yml/);
		expect(result.status).toBe(1);
	});
});

describe('ci.yml', () => {
	const ci = read('ci.yml');
	test('runs on every push and pull request', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push ?? null).toBeNull();
		expect(ci.on.pull_request ?? null).toBeNull();
	});
	test('installs with npm ci and runs the README test command, read-only, within a time limit', () => {
		const job = onlyJob(ci);
		const install = stepIndex(job.steps, /^npm ci$/);
		const test = stepIndex(job.steps, /^npm test$/);
		expect(install).toBeGreaterThan(-1);
		expect(test).toBeGreaterThan(install);
		expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/^npm test\b/m);
		expect(ci.permissions).toEqual({ contents: 'read' });
		expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
	});
});

describe('publish.yml', () => {
	const publish = read('publish.yml');
	const { test: testJob, publish: publishJob } = publish.jobs as Record<string, Workflow['jobs'][string] & { needs?: string | string[] }>;
	test('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
	});
	test('only the publishing job may mint the OIDC token provenance needs, and nothing more', () => {
		expect(publishJob.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(testJob.permissions).toBeUndefined();
		expect(publish.permissions).toEqual({ contents: 'read' });
	});
	test('runs npm test (lint, build, tests) first, in the job the publishing job needs', () => {
		expect(publishJob.needs).toBe('test');
		expect(stepIndex(testJob.steps, /^npm test$/)).toBeGreaterThan(stepIndex(testJob.steps, /^npm ci$/));
		// npm test: n8n-node lint, actionlint, type check, build, n8n's scanner lint (sources and tarball), jest.
		const steps = (pkg.scripts.test as string).split('&&').map((step) => step.trim());
		const order = ['npm run lint', 'npm run lint:workflows', 'npm run build', 'npm run lint:scanner', 'jest'].map((step) => steps.indexOf(step));
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
	test('publishes a fresh build with provenance to the npm registry, as its last step', () => {
		const published = stepIndex(publishJob.steps, /^npm publish --provenance\b/);
		expect(published).toBe(publishJob.steps.length - 1);
		expect(stepIndex(publishJob.steps, /^npm run build$/)).toBeGreaterThan(stepIndex(publishJob.steps, /^npm ci$/));
		expect(stepIndex(publishJob.steps, /^npm run build$/)).toBeLessThan(published);
		const setupNode = publishJob.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});
	test('refuses a tag that does not name package.json’s version, before testing', () => {
		const check = testJob.steps.find((step) => /GITHUB_REF_NAME/.test(step.run ?? ''));
		expect(check?.run).toContain(`require('./package.json').version`);
		expect(stepIndex(testJob.steps, /GITHUB_REF_NAME/)).toBeLessThan(stepIndex(testJob.steps, /^npm test$/));
	});
});
