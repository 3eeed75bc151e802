/** Starts the three vendor sandboxes together (tests of the real n8n, the demo, the benchmark). */
import type { SandboxOptions } from './core';
import { createOcambaSandbox } from './ocamba';
import { createOctopushSandbox } from './octopush';
import { createYetiSandbox } from './yeti';

export interface Sandboxes {
	ocamba: ReturnType<typeof createOcambaSandbox>;
	octopush: ReturnType<typeof createOctopushSandbox>;
	yeti: ReturnType<typeof createYetiSandbox>;
	stop(): Promise<void>;
}

export interface SandboxPorts {
	ocamba?: number;
	octopush?: number;
	yeti?: number;
}

export const DEFAULT_PORTS: Required<SandboxPorts> = { ocamba: 4010, octopush: 4020, yeti: 4030 };

export async function startSandboxes(ports: SandboxPorts = {}, options: SandboxOptions = {}): Promise<Sandboxes> {
	const ocamba = createOcambaSandbox({ ...options, port: ports.ocamba ?? 0 });
	const octopush = createOctopushSandbox({ ...options, port: ports.octopush ?? 0 });
	const yeti = createYetiSandbox({ ...options, port: ports.yeti ?? 0 });
	await Promise.all([ocamba.start(), octopush.start(), yeti.start()]);
	return {
		ocamba,
		octopush,
		yeti,
		stop: async () => {
			await Promise.all([ocamba.stop(), octopush.stop(), yeti.stop()]);
		},
	};
}

export { createOcambaSandbox, createOctopushSandbox, createYetiSandbox };
