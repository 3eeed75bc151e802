// The repository's lint, run by `npm run lint` (= `n8n-node lint`, n8n's node CLI):
//  - the code that ships (nodes/, credentials/, package.json) gets n8n's own configuration, the one
//    `n8n-node lint` enforces in strict mode (`config` of @n8n/node-cli/eslint: ESLint and
//    typescript-eslint recommended, n8n's community-node and nodes-base rules, import checks), with
//    its TypeScript blocks scoped to that code and nothing else changed;
//  - the tooling (test/, sandbox/, bench/, scripts/) is parsed with type information but is not held
//    to the rules for code that runs inside n8n: it needs fs, child processes, timers and the console.
// package.json keeps n8n.strict false because strict mode requires this file to be the CLI's template
// byte for byte, which applies those rules to the tooling too (README "Verification by n8n").
// n8n's scanner lints the shipped code once more with its own configuration: `npm run lint:scanner`.
import { config as n8nNodeConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const TOOLING_TS = ['test/**/*.ts', 'sandbox/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];

const scopedToShippedCode = n8nNodeConfig.map((block) =>
	Array.isArray(block.files) && block.files.includes('**/*.ts') ? { ...block, files: SHIPPED_TS } : block,
);

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', '.n8n-e2e/**', 'bench/.build/**'],
	},
	...scopedToShippedCode,
	{
		files: TOOLING_TS,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
		},
	},
];
