import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node subtitle as a person says it ("Create an account", "Send an SMS") rather than the internal
 * values ("create: account"): every operation option carries the `action` label n8n already shows in
 * the node panel, and the subtitle looks that label up by the chosen resource and operation.
 */
export function actionSubtitle(properties: INodeProperties[]): string {
	// A flat object literal: no "}}" inside, which would end n8n's expression early.
	return `={{ ${JSON.stringify(actionLabels(properties))}[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;
}

/** The action label of every "<resource>:<operation>", for a node that words some subtitles its own way. */
export function actionLabels(properties: INodeProperties[]): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const resource of resources) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				labels[`${resource}:${String(option.value)}`] = option.action ?? option.name;
			}
		}
	}
	return labels;
}
