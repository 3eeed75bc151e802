/**
 * Jest globalTeardown: searches everything the tests recorded for every secret they used, plus the
 * secrets the vendor sandboxes define. One hit fails the run, naming the test, the source and where
 * in it the secret was found.
 */
import { rmSync } from 'node:fs';

import { SCAN_DIR_ENV, collectModuleSecrets, formatHits, scanDirectory } from './secret-scan';

/** The sandbox modules whose exported secret constants (tokens, keys, JWT signing keys) are scanned for. */
const SANDBOX_MODULES = ['ocamba', 'octopush', 'yeti'];

export function sandboxSecrets(): Array<{ value: string; label: string }> {
	const secrets: Array<{ value: string; label: string }> = [];
	for (const name of SANDBOX_MODULES) {
		try {
			secrets.push(...collectModuleSecrets(require(`../../sandbox/${name}`) as Record<string, unknown>, `sandbox/${name}`));
		} catch {
			// A sandbox that does not load is reported by its own tests, not here.
		}
	}
	return secrets;
}

export default async function globalTeardown() {
	const dir = process.env[SCAN_DIR_ENV];
	if (!dir) return;
	const { hits, secrets, records } = scanDirectory(dir, sandboxSecrets());
	if (hits.length) {
		// Kept for inspection when the scan fails.
		throw new Error(`Secret scan failed: ${hits.length} hit(s) of secrets in what the nodes output, threw or logged (${records} records, ${secrets} secrets; records kept in ${dir}):\n${formatHits(hits)}`);
	}
	if (process.env.SECRET_SCAN_VERBOSE) console.log(`Secret scan: ${records} records, ${secrets} secrets, no hit.`);
	rmSync(dir, { recursive: true, force: true });
}
