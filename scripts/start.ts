/**
 * `npm start`: a real n8n editor with our nodes installed, at http://localhost:5678.
 * The sandbox APIs run on loopback (4010/4020/4030, or free ports when taken), the sandbox
 * credentials and every example workflow are imported (trigger examples activated), and an owner
 * account exists, so the editor opens straight into the workflows. Ctrl+C stops everything and
 * removes the throwaway n8n user folder (--keep keeps it).
 *
 * Options: --port=<n> (or N8N_PORT; default 5678), --keep, --rebuild.
 */
import { DEFAULT_PORTS, type SandboxPorts } from '../sandbox/index';
import { portInUse } from './n8n/cli';
import { OWNER, N8N_VERSION } from './n8n/config';
import { loadExamples } from './n8n/examples';
import { ProvisionError } from './n8n/provision';
import { openSession, webhookPathOf, triggerWebhooks, type Session } from './n8n/session';

function flag(name: string): string | undefined {
	const match = process.argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
	if (!match) return undefined;
	return match.includes('=') ? match.slice(match.indexOf('=') + 1) : 'true';
}

async function sandboxPorts(): Promise<SandboxPorts> {
	const ports: SandboxPorts = {};
	for (const vendor of ['ocamba', 'octopush', 'yeti'] as const) {
		// A taken default port (another `npm run sandbox`?) is no reason to fail: use a free one.
		ports[vendor] = (await portInUse(DEFAULT_PORTS[vendor])) ? 0 : DEFAULT_PORTS[vendor];
	}
	return ports;
}

async function main(): Promise<number> {
	const port = Number(flag('port') ?? process.env.N8N_PORT ?? 5678);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) {
		console.error(`--port must be a TCP port number, got "${flag('port') ?? process.env.N8N_PORT}"`);
		return 1;
	}
	if (await portInUse(port)) {
		console.error(`Port ${port} is already in use (another n8n?). Stop it or choose another port: npm start -- --port=5679`);
		return 1;
	}
	const examples = loadExamples();
	let session: Session | undefined;
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandboxes…');
		const keep = Boolean(flag('keep'));
		await session?.close({ keepFolder: keep });
		if (keep && session) console.log(`n8n user folder kept: ${session.userFolder}`);
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		session = await openSession({
			name: 'start',
			sandboxPorts: await sandboxPorts(),
			n8n: { port, listenAddress: process.env.N8N_LISTEN_ADDRESS },
			build: flag('rebuild') ? true : undefined,
		});
		await session.n8n.importWorkflows(examples.map((example) => example.workflow));
		const triggers = examples.filter((example) => example.expect?.trigger);
		for (const example of triggers) await session.n8n.publishWorkflow(example.workflow.id);
		console.log(`Starting n8n ${N8N_VERSION}…`);
		await session.n8n.start({ timeoutMs: 180_000 });
		await session.n8n.ensureOwner();
	} catch (error) {
		if (error instanceof ProvisionError) console.error(`\nProvisioning n8n failed:\n${error.message}`);
		else console.error(`\nCould not start: ${(error as Error).stack ?? error}`);
		await session?.close({ keepFolder: true });
		if (session) console.error(`n8n user folder kept for inspection: ${session.userFolder}`);
		return 1;
	}

	const { sandboxes } = session;
	const line = '─'.repeat(72);
	console.log(`\n${line}`);
	console.log(`  n8n is running: ${session.n8n.baseUrl}`);
	console.log(`  Log in with     ${OWNER.email}  /  ${OWNER.password}   (a local demo account)`);
	console.log(`  Workflows:      ${examples.length} example(s) from examples/, credentials "Ocamba (sandbox)",`);
	console.log('                  "Octopush (sandbox)" and "Yeti-Switch (sandbox)" point at the local sandboxes.');
	console.log(`  Sandboxes:      Ocamba ${sandboxes.ocamba.url}, Octopush ${sandboxes.octopush.url}/v1/public, Yeti ${sandboxes.yeti.url}`);
	for (const example of examples.filter((e) => e.expect?.trigger)) {
		const trigger = example.workflow.nodes.find((node) => node.type.endsWith('.octopushTrigger'));
		const webhook = triggerWebhooks(session)[0];
		if (!trigger || !webhook) continue;
		const url = `${session.n8n.baseUrl}/webhook/${webhookPathOf(example.workflow, trigger.name, webhook)}`;
		console.log(`  Active trigger: "${example.workflow.name}" listens at ${url}`);
		console.log(`    try: curl -X POST ${url} -H 'content-type: application/json' \\`);
		console.log(`           -d '{"message_id":"m1","number":"+33600000000","status":"DELIVERED","delivery_date":"2026-11-24 09:30:00"}'`);
	}
	console.log(`  n8n log:        ${session.userFolder}/n8n-start.log`);
	console.log('  Press Ctrl+C to stop (the throwaway n8n data is removed; --keep keeps it).');
	console.log(line);

	// Stay up until Ctrl+C; if n8n dies on its own, say so and stop.
	await session.n8n.exited();
	if (!stopping) {
		console.error(`n8n stopped unexpectedly; see ${session.userFolder}/n8n-start.log`);
		await shutdown(1);
	}
	return 0;
}

main().then(
	(code) => {
		if (code !== 0) process.exit(code);
	},
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
