/**
 * What must survive inside the real n8n, not only in the test harness: an expired Yeti session token
 * (n8n's credential helper re-runs preAuthentication after the 401 and the request is retried with
 * the new token, which n8n stores), and an Ocamba 429 with Retry-After (waited out, then retried).
 * The sandboxes' fault switches create both.
 */
import type { YetiSandbox } from '../../sandbox/yeti';
import { nodeItems } from '../../scripts/n8n/examples';
import { recordedRequests, resetSandboxes, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, FIXTURES, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

let session: Session;

beforeAll(async () => {
	session = await openE2ESession('resilience');
	await session.n8n.importWorkflows([FIXTURES.ocambaGetAccount, FIXTURES.ocambaGetAccountShortWait, FIXTURES.yetiListContractors]);
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

const summary = () => recordedRequests(session.sandboxes).map((request) => `${request.vendor} ${request.method} ${request.path}`);

test('Yeti: the token n8n stored expires; n8n logs in again and the workflow still succeeds', async () => {
	const yeti = session.sandboxes.yeti as YetiSandbox;
	resetSandboxes(session.sandboxes);

	// First run: no token yet, so n8n logs in first and stores the token in the credential.
	const first = await session.n8n.execute(FIXTURES.yetiListContractors.id);
	scanRun('yeti first run', first.run, first.command.stdout + first.command.stderr);
	expect(first.error).toBeUndefined();
	expect(summary()).toEqual(['yeti POST /api/rest/admin/auth', 'yeti GET /api/rest/admin/contractors']);
	expect(yeti.logins).toBe(1);

	// Second run in a new n8n process: the stored token is reused, no login.
	yeti.clearRequests();
	const second = await session.n8n.execute(FIXTURES.yetiListContractors.id);
	expect(second.error).toBeUndefined();
	expect(summary()).toEqual(['yeti GET /api/rest/admin/contractors']);
	expect(yeti.logins).toBe(1);

	// Every token expires: the 401 makes n8n log in again and retry; the user sees only success.
	yeti.expireAllTokens();
	yeti.clearRequests();
	const renewed = await session.n8n.execute(FIXTURES.yetiListContractors.id);
	scanRun('yeti renewed run', renewed.run, renewed.command.stdout + renewed.command.stderr);
	expect(renewed.error).toBeUndefined();
	expect(summary()).toEqual([
		'yeti GET /api/rest/admin/contractors',
		'yeti POST /api/rest/admin/auth',
		'yeti GET /api/rest/admin/contractors',
	]);
	const [expired, , retried] = yeti.requests;
	expect(retried.headers.authorization).not.toBe(expired.headers.authorization);
	expect(yeti.logins).toBe(2);
	const items = nodeItems(renewed.run, 'List Contractors') ?? [];
	expect(items.length).toBe(5);
	expect(items[0]).toEqual(expect.objectContaining({ id: '1' }));
});

test('Ocamba: a 429 with Retry-After: 1 is waited out and retried; the workflow succeeds', async () => {
	resetSandboxes(session.sandboxes);
	session.sandboxes.ocamba.injectFault({
		method: 'GET',
		path: '/v2/ocamba/accounts/1000000',
		status: 429,
		headers: { 'Retry-After': '1' },
		body: { code: 429, title: 'Too many requests.', message: 'Rate limit exceeded. Slow down.', trace_id: 'e2e' },
	});
	const result = await session.n8n.execute(FIXTURES.ocambaGetAccount.id);
	scanRun('ocamba 429 run', result.run, result.command.stdout + result.command.stderr);
	expect(result.error).toBeUndefined();
	expect(summary()).toEqual(['ocamba GET /v2/ocamba/accounts/1000000', 'ocamba GET /v2/ocamba/accounts/1000000']);
	const [throttled, retried] = session.sandboxes.ocamba.requests;
	expect(retried.at - throttled.at).toBeGreaterThanOrEqual(950);
	expect(nodeItems(result.run, 'Get Account')).toEqual([expect.objectContaining({ id: '1000000', name: 'Default account' })]);
});

test('Ocamba: when the API keeps answering 429 beyond the wait budget the node fails with a clear message', async () => {
	resetSandboxes(session.sandboxes);
	session.sandboxes.ocamba.injectFault({
		method: 'GET',
		path: '/v2/ocamba/accounts/1000000',
		status: 429,
		times: Infinity,
		headers: { 'Retry-After': '1' },
		body: { code: 429, title: 'Too many requests.', message: 'Rate limit exceeded. Slow down.', trace_id: 'e2e' },
	});
	const started = Date.now();
	const result = await session.n8n.execute(FIXTURES.ocambaGetAccountShortWait.id);
	scanRun('ocamba persistent 429 run', result.run, result.command.stdout + result.command.stderr);
	expect(result.ok).toBe(false);
	expect(result.error).toMatch(/Get Account: .*(429|rate limit|too many)/i);
	// Waited within its 3 s budget (a few 1 s waits), then gave up: not the default 120 s.
	const attempts = session.sandboxes.ocamba.requests.length;
	expect(attempts).toBeGreaterThanOrEqual(2);
	expect(attempts).toBeLessThanOrEqual(5);
	expect(Date.now() - started).toBeLessThan(60_000);
});
