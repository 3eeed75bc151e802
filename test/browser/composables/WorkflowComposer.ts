import type { N8nPage } from '../pages/N8nPage';

/** Building a workflow in the editor the way a person does: node panel search, an action, the form. */
export class WorkflowComposer {
	constructor(private readonly n8n: N8nPage) {}

	/** On an empty canvas: the first step, opened in the node details view. */
	async addFirstNode(search: string, node: string, action?: string): Promise<void> {
		await this.n8n.canvas.clickCanvasPlusButton();
		await this.pick(search, node, action);
	}

	/** The next step after `after` (its output "+"), opened in the node details view. */
	async addNodeAfter(after: string, search: string, node: string, action?: string): Promise<void> {
		await this.n8n.canvas.clickOutputPlus(after);
		await this.pick(search, node, action);
	}

	/**
	 * Opens a saved workflow holding only a Manual Trigger and adds one of our nodes after it with one of
	 * its actions (the panel lists actions, not trigger events, once a trigger exists); the details view
	 * opens on the new node.
	 */
	async addAfterTrigger(workflowId: string, trigger: string, node: string, action?: string): Promise<void> {
		await this.n8n.canvas.openWorkflow(workflowId);
		await this.addNodeAfter(trigger, node, node, action);
	}

	/** On an empty canvas: the Manual Trigger, as a person adds it (n8n opens no details view for it). */
	async addManualTrigger(): Promise<void> {
		await this.n8n.canvas.clickCanvasPlusButton();
		await this.n8n.nodeCreator.searchFor('Manual');
		await this.n8n.nodeCreator.selectNode('Manual Trigger');
		await this.n8n.canvas.getCanvasNodes().first().waitFor({ state: 'attached' });
	}

	private async pick(search: string, node: string, action?: string): Promise<void> {
		await this.n8n.nodeCreator.searchFor(search);
		await this.n8n.nodeCreator.selectNode(node);
		if (action) await this.n8n.nodeCreator.selectAction(action);
		await this.n8n.ndv.getContainer().waitFor();
	}
}
