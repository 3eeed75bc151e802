/**
 * The browser suite: the real n8n editor (the pinned n8n with our packed package installed) driven in
 * Debian's Chromium by Playwright, the way a person uses it. `npm run test:browser`.
 * One worker: n8n and Chromium share a 2-core machine; every spec file gets its own n8n and sandboxes.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'path';

import { ensureChromium } from '../../scripts/browser/chromium';

export default defineConfig({
	testDir: '.',
	testMatch: '*.spec.ts',
	globalSetup: './global-setup.ts',
	workers: 1,
	fullyParallel: false,
	// n8n's editor on a busy 2-core machine (load 20+: eight developers, or a loaded CI runner): the first
	// paint of a page takes seconds, a test minutes. Generous limits cost nothing when things go well: every
	// wait ends as soon as what it waits for is on screen.
	timeout: 360_000,
	expect: { timeout: 60_000 },
	retries: 0,
	reporter: [['list'], ['html', { open: 'never', outputFolder: join(__dirname, '..', '..', '.n8n-e2e', 'browser-report') }]],
	outputDir: join(__dirname, '..', '..', '.n8n-e2e', 'browser-results'),
	use: {
		// n8n's components carry data-test-id (not Playwright's default data-testid).
		testIdAttribute: 'data-test-id',
		viewport: { width: 1440, height: 900 },
		actionTimeout: 60_000,
		navigationTimeout: 120_000,
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: ensureChromium(), args: ['--disable-dev-shm-usage'] },
	},
});
