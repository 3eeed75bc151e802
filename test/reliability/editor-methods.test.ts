/**
 * The editor's dropdowns and searches (loadOptions / listSearch) under bad conditions: every method
 * answers with valid credentials, survives hostile search text, and turns wrong credentials or a
 * failing server into a clear error or a deliberate fallback list (never a crash, never a secret).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, loadOptions } from '../harness/run-node';
import { TestCredentialsHelper } from '../harness/credentials';
import { ocambaSuite, yetiSuite, type NodeSuite, type VendorSandbox } from './lib/suites';

jest.setTimeout(120_000);

const HOSTILE_FILTERS = ['', '   ', 'a?b#c&d=e', '1/../../x', 'Zoë 日本語 🚀', 'x'.repeat(2000), '%', '"\'<>'];

/** Parameters a method depends on (the route of Yeti's generic picker). */
const CONTEXT: Record<string, INodeParameters> = {
	getProviders: { resource: 'integration', operation: 'create' },
	getRouteAttributes: { resource: 'adminRoute', route: 'contractors', operation: 'create' },
	getRouteFilterFields: { resource: 'adminRoute', route: 'contractors', operation: 'getAll' },
	getRouteIncludes: { resource: 'adminRoute', route: 'contractors', operation: 'get' },
	getRouteOperations: { resource: 'adminRoute', route: 'contractors' },
	getRouteRelationships: { resource: 'adminRoute', route: 'accounts', operation: 'create' },
};

const clear = (error: Error & { description?: string }) => {
	expect(error).toBeInstanceOf(Error);
	expect(`${error.message} ${error.description ?? ''}`).not.toMatch(/undefined|\[object Object\]|Cannot read propert|is not a function/);
};

for (const suite of [ocambaSuite, yetiSuite] as NodeSuite[]) {
	describe(`${suite.vendor} node editor methods`, () => {
		let env: VendorSandbox;
		beforeAll(async () => {
			env = await suite.start();
		});
		afterAll(async () => env?.sandbox.stop());
		beforeEach(() => env.sandbox.reset());
		const helper = () => new TestCredentialsHelper(env.credentials as never);
		const wrong = () => {
			const [type, data] = Object.entries(env.credentials)[0];
			const secretField = type === 'yetiSwitchApi' ? 'password' : 'apiToken';
			return new TestCredentialsHelper({ [type]: { ...(data as IDataObject), [secretField]: 'wrong-editor-secret-1' } } as never);
		};

		for (const method of Object.keys(suite.nodeType.methods?.loadOptions ?? {})) {
			test(`loadOptions ${method}: options with valid credentials, a clear error with wrong ones or a failing server`, async () => {
				const parameters = CONTEXT[method] ?? {};
				const options = await loadOptions(suite.nodeType, method, parameters, helper());
				expect(Array.isArray(options)).toBe(true);
				for (const option of options) expect(typeof option.name).toBe('string');

				const needsServer = env.sandbox.requests.length > 0;
				if (!needsServer) return;
				// Either a clear error, or a deliberate fallback list (Ocamba's built-in providers): never a crash.
				const outcome = async (credentials: TestCredentialsHelper) => await loadOptions(suite.nodeType, method, parameters, credentials).catch((e: Error) => e);
				for (const result of [await outcome(wrong()), (env.sandbox.injectFault({ status: 500, times: Infinity }), await outcome(helper()))]) {
					if (Array.isArray(result)) expect(result.length).toBeGreaterThan(0);
					else clear(result as Error);
				}
			});
		}

		const searches = Object.keys(suite.nodeType.methods?.listSearch ?? {});
		if (searches.length) {
			test(`every listSearch (${searches.length}) answers, also to hostile search text`, async () => {
				const problems: string[] = [];
				for (const method of searches) {
					for (const filter of HOSTILE_FILTERS) {
						try {
							const result = await listSearch(suite.nodeType, method, {}, helper(), filter);
							if (!Array.isArray(result.results)) problems.push(`${method}(${JSON.stringify(filter.slice(0, 20))}): no results list`);
						} catch (error) {
							const e = error as Error & { description?: string; httpCode?: string };
							// A vendor refusal of the search text is fine when it is clear; a crash is not.
							if (!e.httpCode || /undefined|\[object Object\]|Cannot read propert/.test(`${e.message} ${e.description ?? ''}`)) {
								problems.push(`${method}(${JSON.stringify(filter.slice(0, 20))}): ${e.constructor.name}: ${e.message}`);
							}
						}
					}
				}
				expect(problems).toEqual([]);
			});

			test('listSearch with wrong credentials: a clear login error', async () => {
				const error = (await listSearch(suite.nodeType, searches[0], {}, wrong(), '').catch((e: Error) => e)) as Error & { description?: string };
				clear(error);
				expect(error.message).toMatch(/login failed|refused the credentials/);
			});
		}
	});
}
