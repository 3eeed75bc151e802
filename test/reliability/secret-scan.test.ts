/**
 * The secret scan itself: what it records, what it finds, and (in a nested jest run with the real
 * setup and teardown) that a planted leak fails the whole run and names where it was found.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { NodeApiError } from 'n8n-workflow';

import {
	collectModuleSecrets,
	formatHits,
	isSecretName,
	registerBodySecrets,
	recordForScan,
	registerCredentialSecrets,
	registerSecret,
	scanDirectory,
	serializeError,
	useScanDirectory,
} from '../harness/secret-scan';
import { credentialTypes, TestCredentialsHelper } from '../harness/credentials';
import { runNode } from '../harness/run-node';
import { octopushSuite, yetiSuite } from './lib/suites';

const ROOT = resolve(__dirname, '../..');

describe('scanner (in a private directory)', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'scan-unit-'));
		useScanDirectory(dir);
	});
	afterEach(() => {
		useScanDirectory(undefined);
		rmSync(dir, { recursive: true, force: true });
	});

	test('finds a registered secret and says where', () => {
		registerSecret('tok-1234567890', 'test token');
		recordForScan('runNode output', [{ json: { fine: 'nothing here' } }], 'Node A');
		recordForScan('runNode output', [{ json: { nested: { note: 'Bearer tok-1234567890' } } }], 'Node B');
		const { hits, secrets, records } = scanDirectory(dir);
		expect({ secrets, records }).toEqual({ secrets: 1, records: 2 });
		expect(hits).toHaveLength(1);
		expect(hits[0]).toMatchObject({ label: 'test token', path: '$[0].json.nested.note', where: { source: 'runNode output', node: 'Node B' } });
		expect(hits[0].where.testName).toBe('scanner (in a private directory) finds a registered secret and says where');
		expect(formatHits(hits)).not.toContain('tok-1234567890');
	});

	test('a record cut short (a worker killed mid-write) is still searched as text', () => {
		registerSecret('tok-cut-short-123', 'test token');
		writeFileSync(join(dir, 'records-99999-9.jsonl'), '{"kind":"record","where":{"source":"x"},"payload":"Bearer tok-cut-short-123 and th');
		const { hits } = scanDirectory(dir);
		expect(hits).toHaveLength(1);
		expect(hits[0].where.source).toBe('unreadable line in records-99999-9.jsonl');
	});

	test('a secret put into a request URL or query (which proxies log) is found', async () => {
		const helper = new TestCredentialsHelper({ ocambaApi: { apiToken: 'url-token-123456', baseUrl: 'http://x' } });
		// The URL is recorded before the credential is applied (which needs a workflow, absent here).
		await helper.authenticate({ apiToken: 'url-token-123456' }, 'ocambaApi', { url: 'http://x/v2/items', qs: { token: 'url-token-123456' } }, undefined, undefined).catch(() => undefined);
		expect(scanDirectory(dir).hits.map((h) => `${h.where.source} ${h.path}`)).toEqual(['request URL $.qs.token']);
	});

	test('registers every password field of a credential and nothing else', () => {
		registerCredentialSecrets(credentialTypes.yetiSwitchApi, { baseUrl: 'http://yeti.local', username: 'admin-user', password: 'pa55word!', sessionToken: 'eyJhbGciOi.jwt.sig' });
		recordForScan('runNode output', { text: 'admin-user on http://yeti.local used pa55word! and eyJhbGciOi.jwt.sig' });
		const labels = scanDirectory(dir).hits.map((h) => h.label).sort();
		expect(labels).toEqual(['yetiSwitchApi.password', 'yetiSwitchApi.sessionToken']);
	});

	test('looks into error descriptions, context and toJSON, and ignores values too short to mean anything', () => {
		registerSecret('abc', 'short');
		registerSecret('key-ABCDEFGH', 'api key');
		const error = new NodeApiError({ id: '1', name: 'N', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, { message: 'x' }, { message: 'failed', description: 'sent key-ABCDEFGH' });
		recordForScan('runNode error', serializeError(error));
		const { hits, secrets } = scanDirectory(dir);
		expect(secrets).toBe(1);
		expect(hits.map((h) => h.path)).toEqual(expect.arrayContaining(['$.description', '$.json.description']));
	});

	test('registers secret fields of request bodies (passwords, provider settings marked secret)', () => {
		registerBodySecrets(JSON.stringify({ name: 'Twilio', settings: { account_sid: 'AC-public-sid', auth_token: 'twilio-auth-123456' }, password: 'Sub-Pa55word' }), new Set(['auth_token', 'password']));
		recordForScan('runNode output', { settings: { account_sid: 'AC-public-sid', auth_token: 'twilio-auth-123456' }, note: 'Sub-Pa55word' });
		expect(scanDirectory(dir).hits.map((h) => h.path).sort()).toEqual(['$.note', '$.settings.auth_token']);
	});

	test('tells secret names from others', () => {
		expect(['OCTOPUSH_SANDBOX_KEY', 'apiKey', 'auth_token', 'JWT_SECRET', 'sessionToken', 'bot_token', 'YETI_SANDBOX_PASSWORD'].filter(isSecretName)).toHaveLength(7);
		expect(['OCTOPUSH_SANDBOX_LOGIN', 'monkey', 'keyboard', 'YETI_ADMIN', 'PRICES', 'tokenizer'].filter(isSecretName)).toEqual([]);
	});

	test('collects secrets from sandbox-style exported constants', () => {
		const found = collectModuleSecrets(
			{
				VALID_API_KEY: 'sandbox-key-123456',
				ACCOUNT_LOGIN: 'owner@example.com',
				ACCOUNTS: [{ apiLogin: 'sub@sub-accounts.com', apiKey: 'sub-key-999999' }],
				PROVIDERS: [{ name: 'auth_token', secret: true, value: 'twilio-token-777777' }],
				JWT_SECRET: 'signing-secret-xyz',
				createSandbox: () => undefined,
			},
			'sandbox/x',
		);
		expect(found.map((f) => f.value).sort()).toEqual(['sandbox-key-123456', 'signing-secret-xyz', 'sub-key-999999', 'twilio-token-777777']);
	});
});

describe('secrets collected from real node runs', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'scan-nodes-'));
		useScanDirectory(dir);
	});
	afterEach(() => {
		useScanDirectory(undefined);
		rmSync(dir, { recursive: true, force: true });
	});

	test('the JWT the Yeti sandbox issues at login is a secret', async () => {
		const env = await yetiSuite.start();
		try {
			const helper = new TestCredentialsHelper(env.credentials as never);
			await runNode({ nodeType: yetiSuite.nodeType, parameters: { resource: 'contractor', operation: 'get', id: '1' }, credentials: helper });
			const jwt = String(helper.store.yetiSwitchApi.sessionToken);
			expect(jwt.split('.')).toHaveLength(3);
			recordForScan('planted', { note: `token ${jwt}` });
			expect(scanDirectory(dir).hits.map((h) => h.label)).toContain('yetiSwitchApi.sessionToken');
		} finally {
			await env.sandbox.stop();
		}
	});

	test('a password-type node parameter (Octopush sub-account password) is a secret', async () => {
		const env = await octopushSuite.start();
		try {
			await runNode({
				nodeType: octopushSuite.nodeType,
				parameters: { resource: 'subAccount', operation: 'create', firstName: 'Ada', lastName: 'Lovelace', password: 'Param-secret-123' },
				credentials: new TestCredentialsHelper(env.credentials as never),
			});
			recordForScan('planted', 'Param-secret-123');
			const labels = scanDirectory(dir).hits.map((h) => h.label);
			expect(labels.some((label) => label === 'octopush.password' || label === 'request body field "password"')).toBe(true);
			// The node's own output did not contain it (only the planted record hit).
			expect(scanDirectory(dir).hits.every((h) => h.where.source === 'planted')).toBe(true);
		} finally {
			await env.sandbox.stop();
		}
	});
});

test('a planted leak fails a whole jest run and names the test, the source and the place', () => {
	const work = mkdtempSync(join(tmpdir(), 'scan-nested-'));
	const config = {
		rootDir: ROOT,
		testEnvironment: 'node',
		transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(ROOT, 'tsconfig.json') }] },
		testMatch: ['<rootDir>/test/reliability/fixtures/leaky-node.fixture.ts'],
		setupFilesAfterEnv: ['<rootDir>/test/harness/secret-scan.setup.ts'],
		globalSetup: '<rootDir>/test/harness/secret-scan.global-setup.ts',
		globalTeardown: '<rootDir>/test/harness/secret-scan.global-teardown.ts',
	};
	const configPath = join(work, 'jest.config.json');
	writeFileSync(configPath, JSON.stringify(config));
	const env = { ...process.env };
	delete env.N8N_NODES_SECRET_SCAN_DIR;
	const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', configPath, '--runInBand', '--silent'], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 120_000,
	});
	rmSync(work, { recursive: true, force: true });
	const output = `${run.stdout}\n${run.stderr}`;
	// Both fixture tests pass: only the scan can fail the run.
	expect(output).toMatch(/Tests:\s+2 passed, 2 total/);
	expect(run.status).not.toBe(0);
	expect(output).toMatch(/Secret scan failed: 4 hit\(s\)/);
	expect(output).toContain('octopushApi.apiKey (pla');
	expect(output).toMatch(/in runNode error of node "leaky" at \$\.description/);
	expect(output).toContain('test: leaks the API key through a thrown error');
	expect(output).toMatch(/planted provider secret \(pla\**\) in console\.log at \$/);
	expect(output).toContain('leaky-node.fixture.ts');
	// The report masks what it found.
	expect(output).not.toContain('planted-api-key-0123456789');
}, 150_000);
