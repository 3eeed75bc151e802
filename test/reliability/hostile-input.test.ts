/**
 * Hostile input, table driven, for every operation of every node: the operations come from the
 * nodes' descriptions (an operation without a row fails), the parameters each operation shows come
 * from displayOptions, and every parameter gets hostile values by type (empty, whitespace, 5000
 * characters, non-Latin and emoji, numbers as text and text as numbers, null, objects and lists from
 * expressions, invalid JSON, negative and fractional numbers, malformed phones, e-mails and URLs).
 *
 * Each case must end in a clean request (no undefined, [object Object], NaN, or null the API does not
 * want; a vendor refusal of such a request is fine) or in a NodeOperationError that names a field and
 * the item with nothing sent. Anything else is listed as a defect.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/run-node';
import { TestCredentialsHelper } from '../harness/credentials';
import { fieldNames, fuzzTargets, hostileValuesFor, judge, key, operationsOf, sampleTargets, withValue, type Verdict } from './lib/drive';
import { baseParameters, missingRows, staleRows, suites, type NodeSuite, type Row, type VendorSandbox } from './lib/suites';

jest.setTimeout(300_000);

async function runCase(suite: NodeSuite, env: VendorSandbox, helper: TestCredentialsHelper, row: Row, parameters: INodeParameters): Promise<Verdict> {
	env.sandbox.reset();
	await row.setup?.(env);
	const before = env.sandbox.requests.length;
	let outcome: { items?: import('n8n-workflow').INodeExecutionData[]; error?: unknown };
	try {
		const result = await runNode({ nodeType: suite.nodeType, parameters, items: [{ json: { id: 1 } }], credentials: helper, executionId: `hostile-${Math.random()}` });
		outcome = { items: result.items };
	} catch (error) {
		outcome = { error };
	}
	// Yeti's login is the credential's, not the operation's: it never counts as "sent".
	const requests = env.sandbox.requests.slice(before).filter((r) => !r.path.endsWith('/api/rest/admin/auth'));
	return judge({ outcome, requests, fieldNames: fieldNames(suite.nodeType), allowNullAt: row.allowNullAt });
}

for (const suite of suites) {
	describe(`${suite.vendor} node`, () => {
		let env: VendorSandbox;
		let helper: TestCredentialsHelper;
		beforeAll(async () => {
			env = await suite.start();
			helper = new TestCredentialsHelper(env.credentials);
		});
		afterAll(async () => env?.sandbox.stop());

		test('every operation the node offers has a row (and no row is stale)', () => {
			expect(missingRows(suite)).toEqual([]);
			expect(staleRows(suite)).toEqual([]);
		});

		for (const op of operationsOf(suite.nodeType)) {
			const row = suite.rows[key(op)];
			if (!row) continue;
			const cases = row.variants
				? row.variants.map((variant) => ({ label: `${key(op)} [${variant.label}]`, row: { ...row, baseMayFail: variant.baseMayFail ?? row.baseMayFail }, base: { resource: op.resource, ...variant.parameters } as INodeParameters }))
				: [{ label: key(op), row, base: baseParameters(op, row) }];
			for (const { label, row: caseRow, base } of cases) {
				test(`${label}: the row's base parameters make a valid request`, async () => {
					const verdict = await runCase(suite, env, helper, caseRow, base);
					if (caseRow.baseMayFail) expect(['sent', 'api-error']).toContain(verdict.kind);
					else expect(verdict).toEqual({ kind: 'sent', requests: expect.any(Number) });
				});

				test(`${label}: hostile values end in a clean request or a clear refusal`, async () => {
					const defects: string[] = [];
					const tally: Record<string, number> = {};
					for (const target of sampleTargets(fuzzTargets(suite.nodeType, base))) {
						for (const hostile of hostileValuesFor(target.property)) {
							const verdict = await runCase(suite, env, helper, caseRow, withValue(suite.nodeType, base, target, hostile.value));
							tally[verdict.kind] = (tally[verdict.kind] ?? 0) + 1;
							if (verdict.kind === 'defect') defects.push(`${target.label} = ${hostile.label}: ${verdict.problems.join('; ')}`);
						}
					}
					if (process.env.HOSTILE_VERBOSE) console.log(label, JSON.stringify(tally));
					expect(defects).toEqual([]);
					if (caseRow.noInput) expect(tally).toEqual({});
					else expect(tally.refused ?? 0).toBeGreaterThan(0);
				});
			}
		}
	});
}
