import type { Locator } from '@playwright/test';

import { BasePage } from './BasePage';

/** The editor's first paint of a workflow (its whole bundle, then the workflow): slow on a busy machine. */
const PAGE_LOAD_TIMEOUT = 120_000;

/** The workflow canvas: nodes, the buttons that open the node panel, running the workflow. */
export class CanvasPage extends BasePage {
	async openNewWorkflow(): Promise<void> {
		await this.page.goto('/workflow/new');
		// The editor's first paint: slow on a busy machine.
		await this.getCanvasPlusButton().waitFor({ timeout: PAGE_LOAD_TIMEOUT });
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`/workflow/${id}`);
		// The node element itself has no box of its own (its parts are positioned): wait for it in the page.
		await this.getCanvasNodes().first().waitFor({ state: 'attached', timeout: PAGE_LOAD_TIMEOUT });
	}

	/** The "Add first step" button of an empty canvas. */
	getCanvasPlusButton(): Locator {
		return this.page.getByTestId('canvas-plus-button');
	}

	getNodeCreatorPlusButton(): Locator {
		return this.page.getByTestId('node-creator-plus-button');
	}

	getCanvasNodes(): Locator {
		return this.page.getByTestId('canvas-node');
	}

	nodeByName(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** What the canvas shows of a node, with the name and subtitle written under it. */
	nodeLabel(name: string): Locator {
		return this.nodeByName(name).locator('xpath=..');
	}

	/** The "+" at the end of a node's main output (adds the next step, connected). */
	outputPlus(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${name}"] [data-test-id="canvas-handle-plus"]`).first();
	}

	/** The "+" of a sub-node input of a node, e.g. the AI Agent's Tool input (`ai_tool`). */
	inputPlus(name: string, connectionType: string): Locator {
		return this.page
			.locator(`[data-test-id="canvas-node-input-handle"][data-node-name="${name}"][data-connection-type="${connectionType}"] [data-test-id="canvas-handle-plus"]`)
			.first();
	}

	/** The success mark n8n puts on a node that ran without error. */
	nodeSuccess(name: string): Locator {
		return this.nodeByName(name).getByTestId('canvas-node-status-success');
	}

	getExecuteWorkflowButton(): Locator {
		return this.page.getByTestId('execute-workflow-button');
	}

	async clickCanvasPlusButton(): Promise<void> {
		await this.getCanvasPlusButton().click();
	}

	async clickOutputPlus(name: string): Promise<void> {
		await this.outputPlus(name).click();
	}

	async clickInputPlus(name: string, connectionType: string): Promise<void> {
		await this.inputPlus(name, connectionType).click();
	}

	/** Opens a node in the node details view. */
	async openNode(name: string): Promise<void> {
		await this.nodeByName(name).dblclick();
		await this.page.getByTestId('ndv').waitFor();
	}

	/** Runs the whole workflow and waits for n8n to accept the run (an unsaved workflow is saved first). */
	async executeWorkflow(): Promise<void> {
		const started = this.waitForRestResponse(/\/rest\/workflows\/[^/]+\/run/, 'POST');
		await this.getExecuteWorkflowButton().click();
		await started;
	}

	async saveWorkflow(): Promise<void> {
		const saved = this.waitForRestResponse(/\/rest\/workflows(\/|$)/);
		await this.page.keyboard.press('ControlOrMeta+s');
		await saved;
	}
}
