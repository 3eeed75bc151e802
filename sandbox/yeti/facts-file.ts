/**
 * Where the Yeti-Switch facts live: ../shared/vendor-specs/ beside the project (yeti-admin-resources.json,
 * read from the server's code, and yeti-server-facts.md, which explains it). A worktree one level deeper
 * (such as /work/wt/<name>) finds the same folder further up; YETI_FACTS_DIR points elsewhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const FACTS_JSON = 'yeti-admin-resources.json';
export const FACTS_MD = 'yeti-server-facts.md';

const PROJECT_ROOT = resolve(__dirname, '../..');

/** The folder holding both facts files; throws with what was looked for when there is none. */
export function findYetiFactsDir(): string {
	const tried: string[] = [];
	const candidates: string[] = [];
	if (process.env.YETI_FACTS_DIR) candidates.push(resolve(process.env.YETI_FACTS_DIR));
	for (let dir = PROJECT_ROOT; ; dir = dirname(dir)) {
		candidates.push(join(dirname(dir), 'shared', 'vendor-specs'));
		if (dirname(dir) === dir) break;
	}
	for (const candidate of candidates) {
		tried.push(candidate);
		if (existsSync(join(candidate, FACTS_JSON))) return candidate;
	}
	throw new Error(`The Yeti-Switch facts (${FACTS_JSON}) were not found; looked in: ${tried.join(', ')}. Set YETI_FACTS_DIR to the vendor-specs folder.`);
}

export function findYetiFactsFile(): string {
	return join(findYetiFactsDir(), FACTS_JSON);
}
