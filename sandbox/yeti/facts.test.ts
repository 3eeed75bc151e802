/**
 * The sandbox's reading of the facts, and its independence from the node: it reads
 * ../shared/vendor-specs (yeti-admin-resources.json, yeti-server-facts.md), never anything under nodes/.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { FACTS_JSON, FACTS_MD, findYetiFactsDir } from './facts-file';
import { loadYetiFacts, parseErrorTable } from './facts';
import { createYetiSandbox, JSONAPI, YETI_SANDBOX_PASSWORD } from './index';
import { filterValues, parseCsvLine } from './query';

const SANDBOX_DIR = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js)$/.test(name) ? [path] : [];
	});
}

test('no sandbox file imports from nodes/ (the sandbox imitates the server, not the node)', () => {
	const offenders = sourceFiles(SANDBOX_DIR).filter((file) => /(from\s+|require\(|import\()\s*['"][^'"]*\bnodes\//.test(readFileSync(file, 'utf8')));
	expect(offenders.map((file) => relative(SANDBOX_DIR, file))).toEqual([]);
});

describe("Ruby's CSV.parse_line, as jsonapi-resources reads filter values (jr verify_filter)", () => {
	test.each([
		['Acme', ['Acme']],
		['Acme, Inc.', ['Acme', ' Inc.']],
		['"Acme, Inc."', ['Acme, Inc.']],
		['"Say ""hi""",b', ['Say "hi"', 'b']],
		['a,,b', ['a', null, 'b']],
		['a,', ['a', null]],
		['""', ['']],
	])('%s', (raw, values) => {
		expect(parseCsvLine(raw)).toEqual(values);
	});

	test('malformed CSV (a quote inside an unquoted field) keeps the raw value; an empty value has none', () => {
		expect(filterValues('5" screen')).toEqual(['5" screen']);
		expect(filterValues('"open')).toEqual(['"open']);
		expect(filterValues('')).toEqual([]);
	});
});

test('the error titles come from the table of yeti-server-facts.md (e.g. 116 Type Mismatch)', () => {
	const errors = parseErrorTable(readFileSync(join(findYetiFactsDir(), FACTS_MD), 'utf8'));
	expect(errors.get('116')).toEqual({ code: '116', status: 400, title: 'Type Mismatch' });
	expect(errors.get('112')?.title).toBe('Invalid field');
	expect(errors.get('118')?.title).toBe('Invalid page value');
});

test('facts per route: accounts currency since 1.14.72, active-calls wire keys, payments sortable without id', () => {
	const facts = loadYetiFacts();
	const accounts = facts.routes.get('accounts')!;
	expect(accounts.required.find((r) => r.wire === 'currency')).toMatchObject({ since: '1.14.72', status: 422, message: 'must exist' });
	expect(facts.routes.get('active-calls')!.attributes.get('leg-a-remote-ip')?.name).toBe('legA_remote_ip');
	expect(facts.routes.get('payments')!.sortable.has('id')).toBe(false);
	expect(facts.routes.get('invoice-template')!.type).toBe('invoice-templates');
});

test('a changed fact changes the sandbox: a copy of the facts where payments may be sorted by id', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'yeti-facts-'));
	const source = findYetiFactsDir();
	try {
		copyFileSync(join(source, FACTS_MD), join(dir, FACTS_MD));
		const facts = JSON.parse(readFileSync(join(source, FACTS_JSON), 'utf8')) as Array<{ route: string; resource: { sortable: string[] } }>;
		facts.find((entry) => entry.route.endsWith('/payments'))!.resource.sortable.push('id');
		writeFileSync(join(dir, FACTS_JSON), JSON.stringify(facts));
		const sorts = async (factsDir?: string) => {
			const sandbox = createYetiSandbox({ factsDir });
			const url = await sandbox.start();
			try {
				const login = await fetch(`${url}/api/rest/admin/auth`, { method: 'POST', body: JSON.stringify({ auth: { username: 'admin', password: YETI_SANDBOX_PASSWORD } }) });
				const { jwt } = (await login.json()) as { jwt: string };
				return (await fetch(`${url}/api/rest/admin/payments?sort=id`, { headers: { authorization: jwt, accept: JSONAPI } })).status;
			} finally {
				await sandbox.stop();
			}
		};
		expect(await sorts()).toBe(400);
		expect(await sorts(dir)).toBe(200);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
