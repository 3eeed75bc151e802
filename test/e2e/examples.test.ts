/**
 * Every example workflow (examples/*.json) run in the real n8n (`n8n execute --id`, the packed
 * package installed as a community package) against freshly reset sandboxes, judged by its
 * examples/<name>.expect.json: the requests the sandboxes received in order (method, path, query and
 * header subsets, the body deep-equal), exactRequests, the node's item count and first item.
 * Each is then executed a second time on the same sandboxes (it must run again and again).
 * Trigger examples are activated in a started n8n and sent their callback.
 */
import { VENDORS, checkOutput, checkRequests, loadExamples, type Example } from '../../scripts/n8n/examples';
import { runExample, runTriggerExample, type ExampleResult, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, openE2ESession, scanRun } from './helpers';

jest.setTimeout(E2E_TIMEOUT);

const examples = loadExamples();
const headless = examples.filter((example) => !example.expect?.trigger);
const triggers = examples.filter((example) => example.expect?.trigger);

let session: Session;

beforeAll(async () => {
	session = await openE2ESession('examples');
	await session.n8n.importWorkflows(examples.map((example) => example.workflow));
	for (const example of triggers) await session.n8n.publishWorkflow(example.workflow.id);
}, E2E_TIMEOUT);

afterAll(async () => {
	await session?.close();
});

function explain(result: ExampleResult): string {
	const requests = result.requests.map((r) => `    ${r.vendor} ${r.method} ${r.url} ${r.rawBody ? r.rawBody.slice(0, 300) : ''}`).join('\n');
	return `${result.example.name}:\n  ${result.problems.join('\n  ')}\n  requests received:\n${requests || '    (none)'}`;
}

/** The same run judged against a slightly wrong expectation must fail: the check above is live. */
function expectJudgeCanFail(result: ExampleResult) {
	const expectation = result.example.expect;
	if (!expectation) return;
	const [first, ...rest] = expectation.requests ?? [];
	if (first) {
		const wrongPath = { ...expectation, requests: [{ ...first, path: `${first.path}/not-this` }, ...rest] };
		expect(checkRequests(wrongPath, result.requests)).not.toEqual([]);
		if (first.body !== undefined && first.body !== null && typeof first.body === 'object') {
			const wrongBody = { ...expectation, requests: [{ ...first, body: { ...(first.body as object), unexpected: true } }, ...rest] };
			expect(checkRequests(wrongBody, result.requests)).not.toEqual([]);
		}
	}
	if (expectation.exactRequests && result.requests.length) {
		expect(checkRequests({ ...expectation, requests: (expectation.requests ?? []).slice(0, -1) }, result.requests)).not.toEqual([]);
	}
	if (expectation.node && expectation.items !== undefined) {
		expect(checkOutput({ ...expectation, items: expectation.items + 1 }, result.run)).not.toEqual([]);
	}
	if (expectation.node && expectation.output) {
		expect(checkOutput({ ...expectation, output: { ...expectation.output, notInTheOutput: 'x' } }, result.run)).not.toEqual([]);
	}
}

test('examples/ holds at least one workflow per vendor, each with its expect file', () => {
	const vendorsCovered = new Set(examples.map((example) => example.name.split('-')[0]));
	expect(VENDORS.filter((vendor) => !vendorsCovered.has(vendor))).toEqual([]);
	expect(examples.filter((example) => !example.expect).map((example) => example.name)).toEqual([]);
});

const byName = (list: Example[]) => list.map((example) => [example.name, example] as const);

describe('headless examples (n8n execute)', () => {
	if (headless.length === 0) test.todo('no headless example yet');
	else
		test.each(byName(headless))('%s', async (_name, example) => {
			const result = await runExample(session, example);
			scanRun(example.name, result.run, result.processOutput);
			// Problems listed together so one failure says everything that differs.
			expect(result.problems.length ? explain(result) : '').toBe('');
			expect(result.status).toBe('passed');
			expectJudgeCanFail(result);

			// Executed again on the same sandboxes, as a person presses Execute twice in `npm start` (which keeps
			// the data): an example runs again and again (once, a fixed external id made the second run fail).
			const again = await session.n8n.execute(example.workflow.id);
			scanRun(`${example.name} (again)`, again.run, again.command.stdout + again.command.stderr);
			expect(again.ok ? '' : `second run: ${again.error}`).toBe('');
		});
});

describe('trigger examples (activated in a running n8n)', () => {
	if (triggers.length === 0) test.todo('no trigger example yet');
	else {
		beforeAll(async () => {
			await session.n8n.start();
			await session.n8n.ensureOwner();
		}, E2E_TIMEOUT);
		test.each(byName(triggers))('%s', async (_name, example) => {
			const result = await runTriggerExample(session, example);
			scanRun(example.name, result.run);
			expect(result.problems.length ? explain(result) : '').toBe('');
			expectJudgeCanFail(result);
		});
	}
});
