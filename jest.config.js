/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// Every test file records what nodes output, throw and log; the end of the run scans it for secrets.
const setupFilesAfterEnv = ['<rootDir>/test/harness/secret-scan.setup.ts'];

module.exports = {
	testEnvironment: 'node',
	globalSetup: '<rootDir>/test/harness/secret-scan.global-setup.ts',
	globalTeardown: '<rootDir>/test/harness/secret-scan.global-teardown.ts',
	// Jest reads testTimeout from the top level only (a project's own value is ignored: jest-circus takes
	// globalConfig.testTimeout). Suites send real HTTP to local sandboxes; on a loaded 2-core machine a
	// Return All of thousands of records outlasted the 5 s default, and the timed-out test's late requests
	// leaked into the next one. The real-n8n suites set longer timeouts in their files.
	testTimeout: 30_000,
	// The end-to-end suite (test/e2e) runs the packed package in a real n8n; it is its own project
	// so `npm test` can run it after the fast suites.
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			setupFilesAfterEnv,
			testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/sandbox/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/', '<rootDir>/test/e2e-queue/', '<rootDir>/test/agent/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			setupFilesAfterEnv,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// Provisions the real n8n once (cached across runs) for every e2e file; a failure fails the run.
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
			// One `n8n execute` takes seconds; each file sets its timeout (jest.setTimeout(E2E_TIMEOUT)); the first
			// provisioning takes minutes (in globalSetup, no timeout).
		},
		{
			// The packed package in n8n's queue mode: Redis, PostgreSQL, main + workers + webhook processor.
			displayName: 'e2e-queue',
			testEnvironment: 'node',
			transform,
			setupFilesAfterEnv,
			testMatch: ['<rootDir>/test/e2e-queue/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
			// Starting the whole cluster takes minutes on a busy machine (in beforeAll; the file sets its timeout).
		},
		{
			// n8n's AI Agent with our nodes as tools, against the OpenAI stand-in (sandbox/openai.ts), in the real n8n.
			displayName: 'agent',
			testEnvironment: 'node',
			transform,
			setupFilesAfterEnv,
			testMatch: ['<rootDir>/test/agent/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
		},
	],
};
