/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
	testEnvironment: 'node',
	// The end-to-end suite (test/e2e) runs the packed package in a real n8n; it is its own project
	// so `npm test` can run it after the fast suites.
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/sandbox/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
		},
	],
};
