/**
 * The judge the demo and the e2e suite share (scripts/n8n/examples.ts), on hand-made runs: what it
 * accepts and, above all, what it rejects. Also the readers of n8n's CLI output and webhook paths.
 */
import type { ExecutionRun } from '../../scripts/n8n/cli';
import { extractJson } from '../../scripts/n8n/cli';
import { checkOutput, checkRequests, subsetMismatch, type VendorRequest } from '../../scripts/n8n/examples';
import { leakedSecrets, webhookPathOf } from '../../scripts/n8n/session';
import { OCAMBA_SANDBOX_TOKEN } from '../../sandbox/ocamba';

function request(partial: Partial<VendorRequest> & Pick<VendorRequest, 'vendor' | 'method' | 'url'>): VendorRequest {
	const path = partial.url.split('?')[0];
	const query = Object.fromEntries(new URLSearchParams(partial.url.split('?')[1] ?? ''));
	return { path, query, headers: {}, rawBody: '', body: undefined, at: 0, ...partial };
}

const created = request({
	vendor: 'ocamba',
	method: 'POST',
	url: '/v2/ocamba/accounts',
	headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
	rawBody: '{"name":"new account","status":"active"}',
	body: { name: 'new account', status: 'active' },
});
const listed = request({ vendor: 'yeti', method: 'GET', url: '/api/rest/admin/contractors/a%20b?page%5Bsize%5D=5' });

describe('checkRequests', () => {
	const expected = { vendor: 'ocamba' as const, method: 'POST', path: '/v2/ocamba/accounts', headers: { 'Content-Type': 'application/json' }, body: { name: 'new account', status: 'active' } };

	test('accepts the exact request, header names in any case', () => {
		expect(checkRequests({ requests: [expected], exactRequests: true }, [created])).toEqual([]);
	});

	test('compares the body exactly: an extra, missing or differently typed key fails', () => {
		expect(checkRequests({ requests: [{ ...expected, body: { name: 'new account' } }] }, [created])).not.toEqual([]);
		expect(checkRequests({ requests: [{ ...expected, body: { ...expected.body, extra: 1 } }] }, [created])).not.toEqual([]);
		expect(checkRequests({ requests: [{ ...expected, body: { name: 'new account', status: 1 } }] }, [created])).not.toEqual([]);
	});

	test('headers and query are subsets; values must match', () => {
		expect(checkRequests({ requests: [{ ...expected, headers: { 'content-type': 'text/plain' } }] }, [created])[0]).toMatch(/content-type/i);
		const yeti = { vendor: 'yeti' as const, method: 'GET', path: '/api/rest/admin/contractors/a b' };
		expect(checkRequests({ requests: [{ ...yeti, query: { 'page[size]': 5 } }] }, [listed])).toEqual([]);
		expect(checkRequests({ requests: [{ ...yeti, query: { 'page[size]': 6 } }] }, [listed])).not.toEqual([]);
	});

	test('exactRequests rejects an extra or a missing request; without it, others may come in between', () => {
		expect(checkRequests({ requests: [expected], exactRequests: true }, [created, listed])).toEqual(['unexpected request #2: yeti GET /api/rest/admin/contractors/a%20b?page%5Bsize%5D=5']);
		expect(checkRequests({ requests: [expected], exactRequests: true }, [])).toEqual(['missing request #1: ocamba POST /v2/ocamba/accounts']);
		const yeti = { vendor: 'yeti' as const, method: 'GET', path: '/api/rest/admin/contractors/a b' };
		expect(checkRequests({ requests: [expected, yeti] }, [listed, created, listed])).toEqual([]);
		// Order matters.
		expect(checkRequests({ requests: [yeti, expected] }, [created, listed])).not.toEqual([]);
	});

	test('the vendor is part of the request', () => {
		expect(checkRequests({ requests: [{ ...expected, vendor: 'octopush' }], exactRequests: true }, [created])[0]).toMatch(/vendor/);
	});
});

describe('checkOutput and subsetMismatch', () => {
	const run = {
		data: { resultData: { runData: { Node: [{ data: { main: [[{ json: { id: '1', nested: { a: 1, b: [1, 2] } } }, { json: { id: '2' } }]] } }] } } },
	} as unknown as ExecutionRun;

	test('counts items and compares the first as a subset', () => {
		expect(checkOutput({ node: 'Node', items: 2, output: { nested: { b: [1, 2] } } }, run)).toEqual([]);
		expect(checkOutput({ node: 'Node', items: 1 }, run)).toEqual(['node "Node" output 2 item(s), expected 1']);
		expect(checkOutput({ node: 'Node', output: { nested: { a: '1' } } }, run)[0]).toMatch(/nested\.a: expected "1", got 1/);
		expect(checkOutput({ node: 'Other' }, run)).toEqual(['node "Other" did not run']);
	});

	test('arrays must have the same length', () => {
		expect(subsetMismatch([1], [1, 2])).toMatch(/expected 1 elements/);
		expect(subsetMismatch({ a: null }, { a: null })).toBeUndefined();
		expect(subsetMismatch({ a: null }, {})).toMatch(/a: expected null, got nothing/);
	});
});

test('extractJson finds the run n8n printed among its log lines', () => {
	const stdout = ['n8n Task Broker ready on 127.0.0.1, port 5679', 'Registered runner "JS Task Runner"', '{', '  "data": { "resultData": { "runData": {} } }', '}', ''].join('\n');
	expect(extractJson(stdout)).toEqual({ data: { resultData: { runData: {} } } });
	expect(extractJson('no json here')).toBeUndefined();
	// A log line written in the middle of the document (the task runner shares stdout).
	const interleaved = ['{', '  "data": {', 'Registered runner "JS Task Runner" (abc)', '    "resultData": { "runData": {} }', '  }', '}'].join('\n');
	expect(extractJson(interleaved)).toEqual({ data: { resultData: { runData: {} } } });
});

test('webhook paths follow n8n: <webhookId>/<path>, full paths as given', () => {
	const workflow = { id: 'wf', name: 'w', connections: {}, nodes: [{ name: 'Octopush Trigger', type: 't', webhookId: 'abc' }, { name: 'No Id', type: 't' }] };
	expect(webhookPathOf(workflow, 'Octopush Trigger', { path: 'octopush' })).toBe('abc/octopush');
	expect(webhookPathOf(workflow, 'Octopush Trigger', { path: 'x', isFullPath: true })).toBe('x');
	expect(webhookPathOf(workflow, 'No Id', { path: 'octopush' })).toBe('wf/no%20id/octopush');
});

test('leakedSecrets finds sandbox secrets and JWTs in execution data', () => {
	const clean = { data: { resultData: { runData: { N: [{ data: { main: [[{ json: { ok: true } }]] } }] } } } } as unknown as ExecutionRun;
	expect(leakedSecrets(clean)).toEqual([]);
	const withToken = JSON.parse(JSON.stringify(clean).replace('"ok":true', `"ok":"Bearer ${OCAMBA_SANDBOX_TOKEN}"`));
	expect(leakedSecrets(withToken)).toHaveLength(1);
	const withJwt = JSON.parse(JSON.stringify(clean).replace('"ok":true', '"ok":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9abcdefgh.c2lnbmF0dXJlLXZhbHVl"'));
	expect(leakedSecrets(withJwt)).toHaveLength(1);
});
