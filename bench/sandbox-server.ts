/**
 * The bench's sandbox process: the three vendor sandboxes on loopback, in a process of their own so
 * their CPU counts against neither the node nor the raw client. Driven over IPC by bench/run.ts:
 * reset, faults, request logs (counts, not bodies, unless asked), status counts (429s), bulk seeding.
 */
import { Sandbox } from '../sandbox/core';
import { createOcambaSandbox, createOctopushSandbox, createYetiSandbox } from '../sandbox/index';
import { addProbeRoutes } from './probe';
import { configurers, seeders, type Vendor } from './seed';

interface Command {
	id: number;
	cmd: string;
	vendor?: Vendor;
	args?: Record<string, unknown>;
}

const sandboxes: Record<Vendor, Sandbox> = {
	ocamba: createOcambaSandbox({ port: 0 }),
	octopush: createOctopushSandbox({ port: 0 }),
	yeti: createYetiSandbox({ port: 0 }),
	probe: new Sandbox('probe', { port: 0 }),
};
addProbeRoutes(sandboxes.probe);
/** Answers per status code, per vendor: what the sandbox SENT (429s never reach the request log). */
const statuses: Record<Vendor, Record<number, number>> = { ocamba: {}, octopush: {}, yeti: {}, probe: {} };

for (const [vendor, sandbox] of Object.entries(sandboxes) as Array<[Vendor, Sandbox]>) {
	sandbox.app.addHook('onResponse', async (request, reply) => {
		if (request.url.startsWith('/__sandbox')) return;
		statuses[vendor][reply.statusCode] = (statuses[vendor][reply.statusCode] ?? 0) + 1;
	});
	sandbox.onReset(() => {
		statuses[vendor] = {};
	});
}

function summary(sandbox: Sandbox, args: Record<string, unknown> = {}) {
	const requests = sandbox.requests;
	const withBodies = Boolean(args.bodies);
	const slice = args.limit === undefined ? requests : requests.slice(0, Number(args.limit));
	const counts: Record<string, number> = {};
	for (const r of requests) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
	return {
		count: requests.length,
		/** Requests per "METHOD path". */
		counts,
		requests: slice.map((r) => ({
			method: r.method,
			path: r.path,
			query: r.query,
			at: r.at,
			...(args.headers ? { headers: r.headers } : {}),
			...(withBodies ? { body: r.body, rawBody: r.rawBody } : {}),
		})),
	};
}

async function handle(command: Command): Promise<unknown> {
	const vendors = command.vendor ? [command.vendor] : (Object.keys(sandboxes) as Vendor[]);
	const args = command.args ?? {};
	switch (command.cmd) {
		case 'reset':
			for (const vendor of vendors) sandboxes[vendor].reset();
			return null;
		case 'clearRequests':
			for (const vendor of vendors) {
				sandboxes[vendor].clearRequests();
				statuses[vendor] = {};
			}
			return null;
		case 'fault':
			sandboxes[command.vendor!].injectFault({ ...(args as object), times: args.times === 'Infinity' || args.times === undefined ? Infinity : Number(args.times) });
			return null;
		case 'requests':
			return { ...summary(sandboxes[command.vendor!], args), statuses: statuses[command.vendor!] };
		case 'seed':
			return await seeders[command.vendor!](sandboxes[command.vendor!], args);
		case 'configure': {
			const configure = configurers[command.vendor!];
			if (!configure) throw new Error(`Nothing to configure in the ${command.vendor} sandbox`);
			return await configure(sandboxes[command.vendor!], args);
		}
		case 'memory':
			return process.memoryUsage();
		default:
			throw new Error(`Unknown command ${command.cmd}`);
	}
}

async function main() {
	await Promise.all(Object.values(sandboxes).map((s) => s.start()));
	process.on('message', (message: Command) => {
		handle(message).then(
			(result) => process.send!({ id: message.id, result }),
			(error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
		);
	});
	const urls = Object.fromEntries(Object.entries(sandboxes).map(([vendor, sandbox]) => [vendor, sandbox.url]));
	process.send!({ ready: true, urls });
	process.on('disconnect', () => {
		void Promise.all(Object.values(sandboxes).map((s) => s.stop())).finally(() => process.exit(0));
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
