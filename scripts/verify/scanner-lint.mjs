#!/usr/bin/env node
/**
 * `npm run lint:scanner`: the lint step of n8n's verification scanner (@n8n/scan-community-package),
 * run offline on this checkout. The scanner's own code does the work (its `analyzePackage`, which
 * builds its ESLint configuration with its own rule plugins and lints with inline configuration
 * disabled, so an `eslint-disable` comment hides nothing), on the two legs it lints for a release:
 *   1. the source (package.json, nodes/, credentials/: the scanner's SOURCE_FILE_PATTERNS), which n8n
 *      fetches from the commit the npm provenance statement names;
 *   2. the tarball, packed here with `npm pack` (compiled .js and package.json), which n8n downloads.
 * Not done here, because it needs a published release: the provenance check and the downloads
 * themselves (README "Verification by n8n").
 * On top, any inline ESLint directive under nodes/ or credentials/ fails the run: the scanner ignores
 * them, but our own lint would honour one and hide a problem.
 *
 * Usage: scanner-lint.mjs [--dir <package root>] [--source-only] [--tarball <file.tgz>]
 *   --dir          lint another package root (default: this repository)
 *   --source-only  skip the tarball leg (no build needed)
 *   --tarball      lint this tarball instead of packing one
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCANNER = '@n8n/scan-community-package';
/** The scanner's tarball leg lints exactly these (scanner.mjs, analyzePackageByName). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const DIRECTIVE_DIRS = ['nodes', 'credentials'];

const { values: options } = parseArgs({
	options: {
		dir: { type: 'string' },
		'source-only': { type: 'boolean', default: false },
		tarball: { type: 'string' },
	},
});
const packageRoot = resolve(options.dir ?? REPO_ROOT);

async function loadScanner() {
	const require = createRequire(join(REPO_ROOT, 'package.json'));
	const scannerPackage = require.resolve(`${SCANNER}/package.json`);
	const { version } = JSON.parse(readFileSync(scannerPackage, 'utf8'));
	// The scanner makes a temporary folder when loaded (for registry downloads we do not make):
	// have its own `tmp` remove it on exit.
	createRequire(scannerPackage)('tmp').setGracefulCleanup();
	const scanner = await import(join(dirname(scannerPackage), 'scanner', 'scanner.mjs'));
	return { version, ...scanner };
}

/** `npm pack` of the package root into a temporary folder, unpacked as the scanner unpacks it. */
function packAndExtract(workDir) {
	let tarball = options.tarball ? resolve(options.tarball) : undefined;
	if (!tarball) {
		const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
		const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
		const missing = listed.filter((path) => !existsSync(join(packageRoot, path)));
		if (missing.length) {
			throw new Error(`the build output is missing (${missing.join(', ')}): run \`npm run build\` first, or pass --source-only`);
		}
		const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
			cwd: packageRoot,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const [result] = JSON.parse(output.slice(output.indexOf('[')));
		tarball = join(workDir, result.filename);
	}
	const unpacked = join(workDir, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	return { tarball, unpacked };
}

/** Inline ESLint directives (`eslint-disable…`, `/* eslint … *\/`) under nodes/ and credentials/. */
async function inlineDirectives() {
	const eslint = new ESLint({
		cwd: packageRoot,
		overrideConfigFile: true,
		// With inline configuration refused, ESLint reports every directive it finds (and nothing else).
		overrideConfig: [{ files: ['**/*.ts', '**/*.js'], languageOptions: { parser: tsParser }, linterOptions: { noInlineConfig: true } }],
		errorOnUnmatchedPattern: false,
	});
	const patterns = DIRECTIVE_DIRS.filter((dir) => existsSync(join(packageRoot, dir))).map((dir) => `${dir}/**/*.{ts,js}`);
	if (patterns.length === 0) return [];
	const results = await eslint.lintFiles(patterns);
	return results.flatMap((result) =>
		result.messages
			.filter((message) => message.ruleId === null && /noInlineConfig/.test(message.message))
			.map((message) => `${relative(packageRoot, result.filePath)}:${message.line}  ${message.message.replace(/ has no effect.*$/, '')}`),
	);
}

function report(label, result) {
	// The scanner answers "passed" with a message when no file matched: that would prove nothing.
	if (result.passed && !result.message) {
		console.log(`✅ ${label}: no errors`);
		return true;
	}
	console.log(`❌ ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

async function main() {
	const scanner = await loadScanner();
	console.log(`n8n scanner lint (${SCANNER} ${scanner.version}, inline configuration off) on ${packageRoot}`);
	let passed = true;

	const source = await scanner.analyzePackage(packageRoot, scanner.SOURCE_FILE_PATTERNS);
	passed = report(`source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, source) && passed;

	if (!options['source-only']) {
		const workDir = mkdtempSync(join(tmpdir(), 'n8n-scanner-lint-'));
		try {
			const { tarball, unpacked } = packAndExtract(workDir);
			const packed = await scanner.analyzePackage(unpacked, TARBALL_PATTERNS);
			passed = report(`tarball ${basename(tarball)} (${TARBALL_PATTERNS.join(', ')})`, packed) && passed;
		} finally {
			rmSync(workDir, { recursive: true, force: true });
		}
	}

	const directives = await inlineDirectives();
	if (directives.length) {
		passed = false;
		console.log(`❌ ${directives.length} inline ESLint directive(s) under ${DIRECTIVE_DIRS.join('/, ')}/ (fix the code instead):`);
		for (const line of directives) console.log(`  ${line}`);
	} else {
		console.log(`✅ no inline ESLint directives under ${DIRECTIVE_DIRS.join('/, ')}/`);
	}

	console.log(passed ? 'Scanner lint passed.' : 'Scanner lint FAILED: n8n would refuse to verify this package.');
	process.exitCode = passed ? 0 : 1;
}

main().catch((error) => {
	console.error(`Scanner lint could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 2;
});
