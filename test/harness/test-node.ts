/**
 * The description of a node that exists only in tests and the benchmark (probes, fixtures): one main
 * input and output, an optional credential, the given properties.
 */
import { NodeConnectionTypes, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

export function testNodeDescription(name: string, options: { credential?: string; properties?: INodeProperties[] } = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: `Test node: ${name}`,
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...(options.credential ? { credentials: [{ name: options.credential, required: true }] } : {}),
		properties: options.properties ?? [],
	};
}
