import type { Locator, Page, Response } from '@playwright/test';

/**
 * How long a list n8n loads from the vendor may take to appear (a dropdown's load options, a resource
 * locator's records): n8n runs the node's method, which calls the sandbox, all on a busy 2-core machine.
 */
export const LOADED_LIST_TIMEOUT = 120_000;

/** How long n8n may take to answer a REST call of the editor on a busy machine. */
export const REST_ANSWER_TIMEOUT = 120_000;

/**
 * What every page object shares: clicks and fills by n8n's `data-test-id` (set as Playwright's test id
 * attribute in the config), waits on n8n's REST answers instead of on time, and n8n's dropdowns.
 * Test ids appear only in page objects, never in specs.
 */
export abstract class BasePage {
	constructor(readonly page: Page) {}

	protected async clickByTestId(testId: string): Promise<void> {
		await this.page.getByTestId(testId).click();
	}

	protected async fillByTestId(testId: string, value: string): Promise<void> {
		await this.page.getByTestId(testId).fill(value);
	}

	/** Waits for n8n's answer to a REST call (some, like a credential test, call the vendor first). */
	async waitForRestResponse(url: string | RegExp, method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'): Promise<Response> {
		return await this.page.waitForResponse(
			(response) => {
				const matches = typeof url === 'string' ? response.url().includes(url) : url.test(response.url());
				return matches && (method ? response.request().method() === method : true);
			},
			{ timeout: REST_ANSWER_TIMEOUT },
		);
	}

	/**
	 * Opens an n8n dropdown (Element Plus select) and returns its list. The list is teleported to the
	 * page's end; the combobox names it in `aria-controls`, so the options read are this dropdown's own
	 * (closing lists of other dropdowns stay in the page for a moment).
	 */
	async openDropdown(select: Locator): Promise<Locator> {
		const combobox = select.getByRole('combobox').first();
		if ((await combobox.getAttribute('aria-expanded')) !== 'true') await combobox.click();
		const listId = await combobox.getAttribute('aria-controls');
		if (!listId) throw new Error('the dropdown names no list (aria-controls)');
		const list = this.page.locator(`[id="${listId}"]`);
		await list.waitFor({ state: 'visible' });
		return list;
	}

	/** The option names a dropdown list shows (the first line of each option; the second is its description). */
	async optionNames(list: Locator): Promise<string[]> {
		const texts = await list.getByRole('option').allInnerTexts();
		return texts.map((text) => text.split('\n')[0].trim());
	}

	async chooseOption(select: Locator, name: string): Promise<void> {
		const list = await this.openDropdown(select);
		const option = list.getByRole('option').filter({ has: this.page.getByText(name, { exact: true }) }).first();
		await option.click();
		await list.waitFor({ state: 'hidden' });
	}
}
