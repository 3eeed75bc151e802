/**
 * Our node descriptions as the n8n under test loaded them (the packed package installed in the session's
 * user folder): what the editor must show is read from there, never retyped in the specs.
 */
import { join } from 'path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_NAME } from '../../scripts/n8n/config';

const NODE_FILES = {
	Ocamba: ['Ocamba', 'Ocamba'],
	Octopush: ['Octopush', 'Octopush'],
	OctopushTrigger: ['Octopush', 'OctopushTrigger'],
	YetiSwitch: ['YetiSwitch', 'YetiSwitch'],
} as const;

export type OurNode = keyof typeof NODE_FILES;

export function installedDescription(userFolder: string, node: OurNode): INodeTypeDescription {
	const [folder, file] = NODE_FILES[node];
	const path = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'dist', 'nodes', folder, `${file}.node.js`);
	const module = require(path) as Record<string, new () => { description: INodeTypeDescription }>;
	return new module[file]().description;
}

export interface ResourceOperations {
	resource: INodePropertyOptions;
	operations: INodePropertyOptions[];
}

/** Each resource option with the operation options shown for it (static lists; loaded lists are empty). */
export function resourcesOf(description: INodeTypeDescription): ResourceOperations[] {
	const resource = description.properties.find((property) => property.name === 'resource');
	const operationProperties = description.properties.filter((property) => property.name === 'operation');
	return ((resource?.options ?? []) as INodePropertyOptions[]).map((option) => ({
		resource: option,
		operations: operationProperties
			.filter((property: INodeProperties) => ((property.displayOptions?.show?.resource ?? []) as string[]).includes(String(option.value)))
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]),
	}));
}
