/** Jest globalSetup: one fresh directory per run for the secret scan (workers inherit the variable). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SCAN_DIR_ENV } from './secret-scan';

export default async function globalSetup() {
	process.env[SCAN_DIR_ENV] = mkdtempSync(join(tmpdir(), 'n8n-nodes-secret-scan-'));
}
