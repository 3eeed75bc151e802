/**
 * Loads our node classes for the bench. `npm run bench` compiles them first (bench/run.ts, with the
 * package's own tsc config) and measures that JavaScript, the code users run; without a build (a
 * scenario started by hand) the TypeScript sources are loaded through tsx instead.
 */
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

const FILES = {
	ocamba: ['Ocamba/Ocamba.node', 'Ocamba'],
	octopush: ['Octopush/Octopush.node', 'Octopush'],
	yetiSwitch: ['YetiSwitch/YetiSwitch.node', 'YetiSwitch'],
} as const;

/** Set by bench/run.ts to the folder holding the compiled `nodes/` and `credentials/`. */
export const BUILT_ENV = 'BENCH_BUILT_PACKAGE';

export function loadNode(name: keyof typeof FILES): INodeType {
	const [file, className] = FILES[name];
	const root = process.env[BUILT_ENV] ?? path.join(__dirname, '..');
	const module = require(path.join(root, 'nodes', file)) as Record<string, new () => INodeType>;
	const NodeClass = module[className];
	if (typeof NodeClass !== 'function') throw new Error(`nodes/${file} does not export ${className}`);
	return new NodeClass();
}
