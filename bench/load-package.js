/**
 * Loads our installed package with the n8n-core loader n8n itself uses for community packages at
 * start-up (PackageDirectoryLoader), in a fresh process of n8n's own Node runtime, and prints how
 * long that took. Plain JavaScript: it runs on the cached n8n's Node without tsx.
 *
 * node load-package.js <n8n install dir> <installed package dir>
 * (NODE_PATH must point at the n8n install's node_modules, so `n8n-workflow` resolves as in n8n.)
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

async function main() {
	const [n8nDir, packageDir] = process.argv.slice(2);
	const { PackageDirectoryLoader } = require(path.join(n8nDir, 'node_modules', 'n8n-core'));
	const started = performance.now();
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const ms = performance.now() - started;
	const result = { ms, nodes: Object.keys(loader.nodeTypes), credentials: Object.keys(loader.credentialTypes) };
	process.stdout.write(`\nLOAD_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error) => {
	process.stdout.write(`\nLOAD_ERROR ${JSON.stringify({ message: error.message, stack: error.stack })}\n`);
	process.exit(1);
});
