/**
 * `npm run n8n:provision`: installs (or checks) the cached Node runtime and n8n the demo, `npm start`
 * and the e2e suite use, then packs the package. Useful to warm a CI cache; prints where things are.
 * `--no-pack` stops after the n8n install.
 */
import { cacheRoot } from './config';
import { ProvisionError, ensureN8n, ensureNodeRuntime, packPackage } from './provision';

async function main() {
	const runtime = await ensureNodeRuntime();
	const n8n = await ensureN8n(runtime);
	console.log(`Node ${runtime.version}: ${runtime.nodeBin}`);
	console.log(`n8n ${n8n.version}: ${n8n.dir}`);
	console.log(`cache: ${cacheRoot()}`);
	if (!process.argv.includes('--no-pack')) console.log(`package: ${await packPackage()}`);
}

main().catch((error) => {
	console.error(error instanceof ProvisionError ? `Provisioning failed:\n${error.message}` : error);
	process.exit(1);
});
