/**
 * Ids and logins that go into a URL path can never reach another endpoint. For every operation of
 * every node, the parameters whose value appears as a path segment of the base request are found
 * from the sandbox's log; then ids such as `1/../../x`, `a?b#c` and `..` are sent instead, and every
 * request that reaches the sandbox must have the same method, the same path segments (only the id's
 * segment differs, and it decodes to exactly the id given) and no query keys the base did not have.
 * A refusal before anything is sent (NodeOperationError naming the field) is fine too.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RecordedRequest } from '../../sandbox/core';
import { TestCredentialsHelper } from '../harness/credentials';
import { runNode } from '../harness/run-node';
import { fuzzTargets, key, operationsOf, withValue, type FuzzTarget } from './lib/drive';
import { baseParameters, suites, type NodeSuite, type Row, type VendorSandbox } from './lib/suites';

jest.setTimeout(120_000);

const INJECTED = ['1/../../x', '../../../v2/ocamba/company', 'a?b=1#c', '..', '.', '%2e%2e%2f', 'x/y', 'a b', '1;DELETE', '1#'];

const segments = (request: RecordedRequest) => request.path.split('/');
const decode = (segment: string) => {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
};

async function run(suite: NodeSuite, env: VendorSandbox, helper: TestCredentialsHelper, row: Row, parameters: INodeParameters) {
	env.sandbox.reset();
	await row.setup?.(env);
	const before = env.sandbox.requests.length;
	let error: unknown;
	try {
		await runNode({ nodeType: suite.nodeType, parameters, credentials: helper, executionId: `inject-${Math.random()}` });
	} catch (e) {
		error = e;
	}
	return { error, requests: env.sandbox.requests.slice(before).filter((r) => !r.path.endsWith('/api/rest/admin/auth')) };
}

function valueOf(target: FuzzTarget, parameters: INodeParameters): string | undefined {
	const value = parameters[target.property.name] as unknown;
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return String((value as IDataObject).value);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function withId(target: FuzzTarget, parameters: INodeParameters, id: string): unknown {
	const value = parameters[target.property.name] as unknown;
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return { ...(value as IDataObject), value: id };
	return id;
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

		const cases: Array<{ label: string; row: Row; base: INodeParameters }> = [];
		for (const op of operationsOf(suite.nodeType)) {
			const row = suite.rows[key(op)];
			if (!row) continue;
			if (row.variants) for (const v of row.variants) cases.push({ label: `${key(op)} [${v.label}]`, row, base: { resource: op.resource, ...v.parameters } });
			else cases.push({ label: key(op), row, base: baseParameters(op, row) });
		}

		for (const { label, row, base } of cases) {
			test(`${label}: ids in the path stay in their segment`, async () => {
				const baseline = await run(suite, env, helper, row, base);
				const pathTargets = fuzzTargets(suite.nodeType, base).filter((target) => {
					if (target.path.length !== 1) return false;
					const value = valueOf(target, base);
					return value !== undefined && value !== '' && baseline.requests.some((r) => segments(r).map(decode).includes(value));
				});
				const problems: string[] = [];
				for (const target of pathTargets) {
					const original = valueOf(target, base)!;
					for (const id of INJECTED) {
						const parameters = withValue(suite.nodeType, base, target, withId(target, base, id));
						const { error, requests } = await run(suite, env, helper, row, parameters);
						if (error instanceof NodeOperationError && requests.every((r) => r.method === 'GET')) continue;
						requests.forEach((request, i) => {
							const expected = baseline.requests[i];
							const where = `${target.label} = ${JSON.stringify(id)}: request ${i + 1} ${request.method} ${request.url}`;
							if (!expected) {
								problems.push(`${where}: a request the base run did not make`);
								return;
							}
							if (request.method !== expected.method) problems.push(`${where}: method changed from ${expected.method}`);
							const got = segments(request);
							const want = segments(expected);
							if (got.length !== want.length) {
								problems.push(`${where}: path has ${got.length} segments instead of ${want.length} (${expected.path})`);
								return;
							}
							want.forEach((segment, s) => {
								if (decode(segment) === original) {
									if (decode(got[s]) !== id.trim()) problems.push(`${where}: id segment decodes to ${JSON.stringify(decode(got[s]))}`);
								} else if (got[s] !== segment) problems.push(`${where}: segment ${s} is ${JSON.stringify(got[s])} instead of ${JSON.stringify(segment)}`);
							});
							const extraKeys = Object.keys(request.query).filter((k) => !(k in expected.query));
							if (extraKeys.length) problems.push(`${where}: query keys the base did not send: ${extraKeys.join(', ')}`);
						});
					}
				}
				expect(problems).toEqual([]);
				if (process.env.HOSTILE_VERBOSE) console.log(label, pathTargets.map((t) => t.label));
				// Operations on one record must have been found to carry its id in the path (the test cannot pass by finding none).
				// (Octopush deletes contacts by phone numbers and lists by name, both in the body.)
				const idInBody = suite.vendor === 'octopush' && (base.resource === 'contact' || base.resource === 'contactList');
				if (/^(get|update|delete|drop|getRecording|downloadPdf|correctBalance|setBalance)$/.test(String(base.operation)) && !idInBody) {
					expect(pathTargets.map((t) => t.label)).not.toEqual([]);
				}
			});
		}
	});
}
