import type { Locator } from '@playwright/test';

import { BasePage } from './BasePage';

/**
 * The credential dialog (new or edit): fields by parameter name, Save (which runs the credential's
 * Test), and what the test answered.
 *
 * @example
 * await n8n.credentialModal.fillField('apiToken', 'wrong');
 * await n8n.credentialModal.save();
 * await expect(n8n.credentialModal.getTestError()).toContainText('API Token field');
 */
export class CredentialModal extends BasePage {
	getModal(): Locator {
		return this.page.getByTestId('editCredential-modal');
	}

	getField(name: string): Locator {
		return this.getModal().getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
	}

	getSaveButton(): Locator {
		return this.getModal().getByTestId('credential-save-button');
	}

	getTestSuccess(): Locator {
		return this.getModal().getByTestId('credentials-config-container-test-success');
	}

	/**
	 * The banner n8n shows when the test failed: "Couldn't connect with these settings" and the message.
	 * It carries no test id in n8n 2.40.7, so it is found by that heading.
	 */
	getTestError(): Locator {
		const heading = this.getModal().locator('div').filter({ hasText: /^Couldn.t connect with these settings/ }).first();
		// The heading row and the message below it share a parent.
		return heading.locator('xpath=..');
	}

	/** Opens the failed test's message (n8n folds it under "More details"). */
	async showTestErrorDetails(): Promise<void> {
		await this.getTestError().waitFor();
		const more = this.getTestError().getByText('More details');
		if (await more.isVisible()) await more.click();
	}

	async waitForModal(): Promise<void> {
		await this.getModal().waitFor({ state: 'visible' });
	}

	async fillField(name: string, value: string): Promise<void> {
		const field = this.getField(name);
		await field.click();
		await field.fill(value);
	}

	/** Saves; n8n then tests the credential and shows the outcome in the dialog. */
	async save(): Promise<void> {
		const tested = this.waitForRestResponse('/rest/credentials/test', 'POST');
		await this.getSaveButton().click();
		await tested;
	}

	async close(): Promise<void> {
		await this.getModal().locator('.el-dialog__close').first().click();
		await this.getModal().waitFor({ state: 'hidden' });
	}
}
