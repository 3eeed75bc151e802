import type { Locator } from '@playwright/test';

import { BasePage } from './BasePage';

/**
 * The node details view: a node's parameters (addressed by parameter name, as n8n's test ids do),
 * its credential, Execute step and the output panel.
 *
 * @example
 * await n8n.ndv.chooseOption('resource', 'Integration');
 * expect(await n8n.ndv.optionNamesOf('operation')).toContain('Create');
 * await n8n.ndv.fillParameter('name', 'ACME');
 */
export class NdvPage extends BasePage {
	getContainer(): Locator {
		return this.page.getByTestId('ndv');
	}

	getParameters(): Locator {
		return this.page.getByTestId('node-parameters');
	}

	getParameterInput(name: string): Locator {
		return this.getParameters().getByTestId(`parameter-input-${name}`);
	}

	getDocsLink(): Locator {
		return this.getContainer().getByRole('link', { name: /Docs/ });
	}

	getCredentialSelect(): Locator {
		return this.getContainer().getByTestId('node-credentials-select');
	}

	getCredentialEditButton(): Locator {
		return this.getContainer().getByTestId('credential-edit-button');
	}

	getExecuteButton(): Locator {
		return this.getContainer().getByTestId('node-execute-button');
	}

	getOutputPanel(): Locator {
		return this.page.getByTestId('output-panel');
	}

	getOutputData(): Locator {
		return this.getOutputPanel().getByTestId('ndv-data-container');
	}

	/** The error n8n shows in the output panel when the step failed. */
	getOutputError(): Locator {
		return this.getOutputPanel().getByTestId('node-error-message');
	}

	getOutputErrorDescription(): Locator {
		return this.getOutputPanel().getByTestId('node-error-description');
	}

	getInputPanel(): Locator {
		return this.page.getByTestId('ndv-input-panel');
	}

	/** Names of the parameters the form shows now (parameter-input-<name>), in screen order. */
	async visibleParameterNames(): Promise<string[]> {
		await this.getParameters().waitFor();
		return await this.getParameters().evaluate((root) =>
			[...root.querySelectorAll('[data-test-id^="parameter-input-"]')]
				.filter((element) => (element as unknown as { offsetParent: unknown }).offsetParent !== null)
				.map((element) => (element.getAttribute('data-test-id') ?? '').replace(/^parameter-input-/, ''))
				// "parameter-input-field" is the inner text box of a parameter, not a parameter.
				.filter((name) => name !== 'field' && name !== ''),
		);
	}

	async optionNamesOf(parameter: string): Promise<string[]> {
		const list = await this.openDropdown(this.getParameterInput(parameter));
		await list.getByRole('option').first().waitFor();
		const names = await this.optionNames(list);
		await this.page.keyboard.press('Escape');
		await list.waitFor({ state: 'hidden' });
		return names;
	}

	async chooseOption(parameter: string, option: string): Promise<void>;
	async chooseOption(select: Locator, option: string): Promise<void>;
	async chooseOption(parameterOrSelect: string | Locator, option: string): Promise<void> {
		const select = typeof parameterOrSelect === 'string' ? this.getParameterInput(parameterOrSelect) : parameterOrSelect;
		await super.chooseOption(select, option);
	}

	/** Types into a text parameter (fixed mode; a value starting with "=" is an expression, as in n8n). */
	async fillParameter(name: string, value: string): Promise<void> {
		const input = this.getParameterInput(name).locator('input, textarea').first();
		await input.click();
		await input.fill(value);
		await input.blur();
	}

	/**
	 * Switches a parameter to Expression mode and types `{{ <expression> }}` (the editor closes the braces
	 * itself, so only the opening ones are typed).
	 */
	async fillExpression(name: string, expression: string): Promise<void> {
		const parameter = this.getParameterInput(name);
		await parameter.hover();
		await this.getParameters().getByTestId(`${name}-parameter-input-options-container`).getByTestId('radio-button-expression').click();
		const editor = parameter.getByRole('textbox').first();
		await editor.click();
		await this.page.keyboard.press('ControlOrMeta+a');
		await this.page.keyboard.press('Delete');
		await editor.pressSequentially(`{{${expression}`);
		await this.page.keyboard.press('Escape');
	}

	/** The mode of a resource locator ("From list", "By ID"). */
	async setResourceLocatorMode(name: string, mode: string): Promise<void> {
		await this.chooseOption(this.getParameterInput(name), mode);
	}

	async setSwitch(name: string, on: boolean): Promise<void> {
		const control = this.getParameterInput(name).locator('.el-switch');
		if (((await control.getAttribute('aria-checked')) === 'true') !== on) await control.click();
	}

	/** A resource locator parameter (list mode): opens its list and returns the record names it shows. */
	async resourceLocatorEntries(name: string): Promise<string[]> {
		await this.getParameterInput(name).getByTestId('rlc-input').click();
		const items = this.page.getByTestId('rlc-item');
		await items.first().waitFor();
		const names = (await items.allInnerTexts()).map((text) => text.trim());
		return names;
	}

	async chooseResourceLocatorEntry(name: string, entry: string): Promise<void> {
		await this.resourceLocatorEntries(name);
		await this.page.getByTestId('rlc-item').filter({ hasText: entry }).first().click();
	}

	/** Adds an option of a collection parameter ("Additional Fields" → "Customer"), by their labels. */
	async addCollectionOption(collectionLabel: string, option: string): Promise<void> {
		const collection = this.getParameters().getByTestId('parameter-item').filter({ hasText: collectionLabel }).last();
		await this.chooseOption(collection.getByTestId('collection-parameter-add'), option);
	}

	async execute(): Promise<void> {
		const done = this.waitForRestResponse('/rest/workflows/', 'POST');
		await this.getExecuteButton().click();
		await done;
	}

	async close(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.getContainer().waitFor({ state: 'hidden' });
	}

	/** The output panel's table (cell texts by row), switched to Table view. */
	async outputTable(): Promise<string[][]> {
		await this.getOutputPanel().getByTestId('radio-button-table').click();
		const rows = this.getOutputData().locator('table tbody tr');
		await rows.first().waitFor();
		return await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
	}

	/** The output panel as JSON text (JSON view). */
	async outputJsonText(): Promise<string> {
		await this.getOutputPanel().getByTestId('radio-button-json').click();
		return (await this.getOutputData().innerText()).trim();
	}
}
