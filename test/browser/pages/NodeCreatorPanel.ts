import type { Locator } from '@playwright/test';

import { BasePage } from './BasePage';

/**
 * The node panel ("What happens next?"): search, the nodes found with their icons, a node's actions.
 *
 * @example
 * await n8n.nodeCreator.searchFor('Octopush');
 * await expect(n8n.nodeCreator.getNodeItem('Octopush Trigger')).toBeVisible();
 * await n8n.nodeCreator.selectNode('Octopush');
 * await n8n.nodeCreator.selectAction('Send an SMS');
 */
export class NodeCreatorPanel extends BasePage {
	getRoot(): Locator {
		return this.page.getByTestId('node-creator');
	}

	getSearchBar(): Locator {
		return this.page.getByTestId('node-creator-search-bar');
	}

	getItems(): Locator {
		return this.getRoot().getByTestId('item-iterator-item');
	}

	/** A node found by the search, by its exact display name. */
	getNodeItem(name: string): Locator {
		return this.getItems().filter({ has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) });
	}

	/** The icon image of a node item (our icons are SVG files served by n8n). */
	getNodeItemIcon(name: string): Locator {
		return this.getNodeItem(name).locator('img').first();
	}

	/** An action of the node opened in the panel (or, in the trigger panel, a trigger event). */
	getActionItem(action: string): Locator {
		return this.getItems().filter({ has: this.page.getByTestId('node-creator-item-name').getByText(action, { exact: true }) });
	}

	/** Every action listed for the node opened in the panel, with the resource headings between them. */
	async actionListTexts(): Promise<string[]> {
		return (await this.getItems().allInnerTexts()).map((text) => text.split('\n')[0].trim());
	}

	async searchFor(text: string): Promise<void> {
		await this.getSearchBar().fill(text);
	}

	async selectNode(name: string): Promise<void> {
		await this.getNodeItem(name).click();
	}

	async selectAction(action: string): Promise<void> {
		await this.getActionItem(action).first().click();
	}

	async close(): Promise<void> {
		await this.page.keyboard.press('Escape');
	}
}
