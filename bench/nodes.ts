/** Loads our node classes at run time, so the bench still runs (and says what is missing) while a vendor's node is being built. */
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

const FILES = {
	ocamba: ['Ocamba/Ocamba.node', 'Ocamba'],
	octopush: ['Octopush/Octopush.node', 'Octopush'],
	yetiSwitch: ['YetiSwitch/YetiSwitch.node', 'YetiSwitch'],
} as const;

export function loadNode(name: keyof typeof FILES): INodeType {
	const [file, className] = FILES[name];
	const module = require(path.join(__dirname, '..', 'nodes', file)) as Record<string, new () => INodeType>;
	const NodeClass = module[className];
	if (typeof NodeClass !== 'function') throw new Error(`nodes/${file} does not export ${className}`);
	return new NodeClass();
}
