/**
 * The AI-tool variant n8n makes of a `usableAsTool` node, made the way n8n makes it when it loads a package
 * (convertNodeToAiTool in n8n's packages/cli/src/tool-generation/ai-tools.ts, read in 2.40.7): a deep copy of
 * the description whose name ends in "Tool" and whose display name ends in " Tool", no main input, one
 * ai_tool output, the same properties and the same execute(). Run with runNode, the node's type is then
 * `<package>.<name>Tool`, as in a workflow where an AI Agent uses the node.
 */
import type { INodeType } from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes } from 'n8n-workflow';

export function toolVariant(node: INodeType): INodeType {
	const description = deepCopy(node.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	const tool = Object.create(Object.getPrototypeOf(node) as object) as INodeType;
	return Object.assign(tool, node, { description });
}
