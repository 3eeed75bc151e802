import { expect, type Locator } from '@playwright/test';

import { BasePage, LOADED_LIST_TIMEOUT } from './BasePage';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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

	/** A dropdown parameter's box; the chosen option's name is its value (`toHaveValue`). */
	getSelect(name: string): Locator {
		return this.getParameterInput(name).getByRole('combobox').first();
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

	/** What an expression parameter evaluates to, shown under it (from the stored value and the input data). */
	getExpressionPreview(name: string): Locator {
		return this.getParameters().getByTestId(`parameter-expression-preview-${name}`);
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
		// Lists loaded from the vendor (load options) arrive after a round trip through n8n.
		await list.getByRole('option').first().waitFor({ timeout: LOADED_LIST_TIMEOUT });
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
		// The parameter shows the choice: the form below it has followed (fields, the next dropdown's options).
		// (An Element Plus select shows the chosen option as its input's value.)
		if (typeof parameterOrSelect === 'string') await expect(this.getSelect(parameterOrSelect)).toHaveValue(option);
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
		// The expression editor replaces the fixed-value box: type only once it is there (typed earlier, the
		// keys go to the box being replaced and are lost).
		const editor = parameter.getByTestId('inline-expression-editor-input').getByRole('textbox');
		await editor.waitFor({ state: 'visible' });
		await editor.click();
		await this.page.keyboard.press('ControlOrMeta+a');
		await this.page.keyboard.press('Delete');
		await editor.pressSequentially(`{{${expression}`);
		// Escape closes the autocompletion; the editor shows the whole expression, braces closed.
		await this.page.keyboard.press('Escape');
		await expect(editor).toHaveText(new RegExp(`^\\{\\{\\s*${escapeRegExp(expression)}\\s*\\}\\}$`));
		await editor.blur();
	}

	/** The mode of a resource locator ("From list", "By ID"). */
	async setResourceLocatorMode(name: string, mode: string): Promise<void> {
		await this.chooseOption(this.getParameterInput(name), mode);
	}

	async setSwitch(name: string, on: boolean): Promise<void> {
		const control = this.getParameterInput(name).locator('.el-switch');
		// The state is on the switch's (visually hidden) input: role "switch", aria-checked.
		const state = control.locator('input[role="switch"]');
		if ((await state.getAttribute('aria-checked')) !== String(on)) await control.click();
		await expect(state).toHaveAttribute('aria-checked', String(on));
	}

	/** The text box of a resource locator parameter (shows the chosen record). */
	getResourceLocatorInput(name: string): Locator {
		return this.getParameterInput(name).getByTestId('rlc-input');
	}

	/**
	 * A resource locator parameter (list mode): opens its list and returns the record names it shows, the
	 * list left open (choose one of them with `chooseResourceLocatorEntry`, which closes it).
	 */
	async resourceLocatorEntries(name: string): Promise<string[]> {
		const items = this.page.getByTestId('rlc-item');
		if (!(await items.first().isVisible())) await this.getResourceLocatorInput(name).click();
		// n8n asks the node's list search, which asks the vendor: slow on a busy machine.
		await items.first().waitFor({ timeout: LOADED_LIST_TIMEOUT });
		return (await items.allInnerTexts()).map((text) => text.trim());
	}

	/** Chooses a record from a resource locator's list (as a person clicks it); the list closes. */
	async chooseResourceLocatorEntry(name: string, entry: string): Promise<void> {
		await this.resourceLocatorEntries(name);
		await this.page.getByTestId('rlc-item').filter({ hasText: entry }).first().click();
		await expect(this.page.getByTestId('rlc-item').filter({ visible: true })).toHaveCount(0);
		await expect(this.getResourceLocatorInput(name)).toHaveValue(new RegExp(escapeRegExp(entry)));
	}

	/** Adds an option of a collection parameter ("Additional Fields" → "Customer"), by their labels. */
	async addCollectionOption(collectionLabel: string, option: string): Promise<void> {
		// By its exact label: "Options" is not "Request Options".
		const collection = this.getParameters()
			.getByTestId('parameter-item')
			.filter({ has: this.page.getByText(collectionLabel, { exact: true }) })
			.first();
		await this.chooseOption(collection.getByTestId('collection-parameter-add'), option);
	}

	/** The input panel's "Execute previous nodes": the steps before run, their output becomes this node's input. */
	async executePreviousNodes(): Promise<void> {
		const started = this.waitForRestResponse(/\/rest\/workflows\/[^/]+\/run/, 'POST');
		await this.getInputPanel().getByTestId('execute-previous-node').click();
		await started;
	}

	async execute(): Promise<void> {
		const done = this.waitForRestResponse(/\/rest\/workflows\/[^/]+\/run/, 'POST');
		await this.getExecuteButton().click();
		await done;
	}

	async close(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.getContainer().waitFor({ state: 'hidden' });
	}

	/** Switches the output panel to its JSON view (the records as text; read it with `getOutputData()`). */
	async showOutputAsJson(): Promise<void> {
		await this.getOutputPanel().getByTestId('radio-button-json').click();
	}
}
