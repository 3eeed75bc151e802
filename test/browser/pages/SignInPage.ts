import type { Locator } from '@playwright/test';

import { BasePage } from './BasePage';

/** n8n's sign-in form. */
export class SignInPage extends BasePage {
	getEmailField(): Locator {
		return this.page.getByTestId('emailOrLdapLoginId').locator('input');
	}

	getPasswordField(): Locator {
		return this.page.getByTestId('password').locator('input');
	}

	getSubmitButton(): Locator {
		return this.page.getByTestId('form-submit-button');
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto('/signin');
		await this.getEmailField().fill(email);
		await this.getPasswordField().fill(password);
		await this.getSubmitButton().click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}
}
