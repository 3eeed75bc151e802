/**
 * `npm run sandbox`: the three vendor APIs on loopback until Ctrl+C.
 * Ports: --ocamba-port, --octopush-port, --yeti-port (or SANDBOX_*_PORT); defaults 4010/4020/4030.
 */
import { DEFAULT_PORTS, startSandboxes } from './index';

function port(name: 'ocamba' | 'octopush' | 'yeti'): number {
	const flag = process.argv.find((arg) => arg.startsWith(`--${name}-port=`));
	const value = flag?.split('=')[1] ?? process.env[`SANDBOX_${name.toUpperCase()}_PORT`];
	return value ? Number(value) : DEFAULT_PORTS[name];
}

async function main() {
	const sandboxes = await startSandboxes(
		{ ocamba: port('ocamba'), octopush: port('octopush'), yeti: port('yeti') },
		{ verbose: process.argv.includes('--verbose') },
	);
	console.log(`Ocamba sandbox:   ${sandboxes.ocamba.url}`);
	console.log(`Octopush sandbox: ${sandboxes.octopush.url}  (base URL ${sandboxes.octopush.url}/v1/public)`);
	console.log(`Yeti sandbox:     ${sandboxes.yeti.url}  (admin API ${sandboxes.yeti.url}/api/rest/admin)`);
	console.log('Control: GET|DELETE /__sandbox/requests, POST|DELETE /__sandbox/faults, POST /__sandbox/reset');
	const stop = async () => {
		await sandboxes.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
