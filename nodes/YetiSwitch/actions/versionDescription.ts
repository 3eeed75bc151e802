import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/options';
import { actionLabels } from '../../shared/subtitle';
import { RESOURCES } from './resources';

/**
 * Resources and operations of the Yeti Switch node (version 1). The node class holds the top-level
 * description itself, where n8n's lint rules look for icon, subtitle and usableAsTool.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
		default: 'account',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
	requestOptionsProperty,
];

/**
 * The node's subtitle as a person says it: the action label the node panel shows ("Get many CDRs",
 * "Create an account"; actionLabels of nodes/shared/subtitle.ts, as Ocamba and Octopush show them), and
 * for Other Admin Route the route it works on ("Get many records of /timezones"). Never the parameter
 * values behind them, which stay as saved workflows have them.
 */
function subtitle(): string {
	const labels = actionLabels(properties);
	const onRoute: Record<string, string> = { getAll: 'Get many records of /', get: 'Get a record of /', create: 'Create a record in /', update: 'Update a record of /', delete: 'Delete a record of /' };
	// Flat object literals: no "}}" inside, which would end n8n's expression early.
	return `={{ $parameter["resource"] === "adminRoute" ? (${JSON.stringify(onRoute)}[$parameter["operation"]] || "") + $parameter["route"] : ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;
}

export const SUBTITLE = subtitle();
