/**
 * Issue 17, agent suite: n8n's AI Agent (with an OpenAI Chat Model whose Base URL points at the OpenAI
 * stand-in, sandbox/openai.ts) using our nodes as tools, run in the real n8n. The stand-in answers the
 * agent's first call with a call of our tool (by the name and schema the agent sent) and the next with
 * an answer quoting the tool's result. Each test asserts that the vendor sandbox received exactly the
 * request the tool call asked for, that the agent's answer carries the tool's result, and what the agent
 * showed the model (tool name, description, parameter schema).
 */
import { FINAL_ANSWER_PREFIX, OPENAI_SANDBOX_KEY, createOpenAiSandbox, type OfferedTool, type OpenAiSandbox } from '../../sandbox/openai';
import { recordedRequests, resetSandboxes, type Session } from '../../scripts/n8n/session';
import { E2E_TIMEOUT, openE2ESession, scanRun } from '../e2e/helpers';
import { AGENT_WORKFLOWS, OPENAI_CREDENTIAL, agentWebhookPath } from './workflows';

jest.setTimeout(E2E_TIMEOUT);

let session: Session;
let openai: OpenAiSandbox;

beforeAll(async () => {
	openai = createOpenAiSandbox();
	await openai.start();
	session = await openE2ESession('agent');
	await session.n8n.importCredentials([{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: OPENAI_SANDBOX_KEY, url: `${openai.url}/v1` } }]);
	await session.n8n.importWorkflows(Object.values(AGENT_WORKFLOWS));
	for (const workflow of Object.values(AGENT_WORKFLOWS)) await session.n8n.publishWorkflow(workflow.id);
	// In production: `n8n execute` (the CLI) hands the agent an empty tool result (n8n's own tools too), so
	// the agents run in a started n8n, called through their webhooks as an app would.
	await session.n8n.start({ timeoutMs: 300_000 });
	// n8n registers published workflows' webhooks after it reports ready: wait until each one answers
	// (with no script the stand-in only says it has nothing to do; the sandboxes are reset before each test).
	for (const workflow of Object.keys(AGENT_WORKFLOWS) as Array<keyof typeof AGENT_WORKFLOWS>) await waitForWebhook(workflow);
	// Importing, publishing and starting n8n: minutes on a busy machine.
}, 600_000);

function webhookUrl(workflow: keyof typeof AGENT_WORKFLOWS): string {
	return `http://127.0.0.1:${session.n8n.port}/webhook/${agentWebhookPath(AGENT_WORKFLOWS[workflow])}`;
}

async function waitForWebhook(workflow: keyof typeof AGENT_WORKFLOWS, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		const response = await fetch(webhookUrl(workflow), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		last = `${response.status} ${(await response.text()).slice(0, 300)}`;
		if (response.status === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`the webhook of ${workflow} never answered 200; last answer: ${last}`);
}

afterAll(async () => {
	await session?.close();
	await openai?.stop();
});

beforeEach(() => {
	resetSandboxes(session.sandboxes);
	openai.reset();
});

/** Calls an agent workflow's webhook; returns the agent's answer (the Webhook answers with it). */
async function runAgent(workflow: keyof typeof AGENT_WORKFLOWS): Promise<string> {
	const response = await fetch(webhookUrl(workflow), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const text = await response.text();
	scanRun(`agent ${workflow}`, undefined, text);
	if (response.status !== 200) throw new Error(`the agent webhook answered ${response.status}: ${text.slice(0, 500)}\nstand-in calls: ${openai.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	return String((JSON.parse(text) as { output?: unknown }).output ?? '');
}

function offered(name: string): OfferedTool {
	const tool = openai.offeredTools.find((candidate) => candidate.name === name);
	if (!tool) throw new Error(`the agent offered no tool "${name}" (offered: ${openai.offeredTools.map((t) => t.name).join(', ')})`);
	return tool;
}

test('Octopush Send SMS as a tool: the SMS the model asked for is sent (simulation) and the answer quotes the ticket', async () => {
	openai.plan = { tool: /^Send_SMS$/, arguments: { Phone_Number: '+33612345678', Text: 'Your parcel arrives today.' } };
	const answer = await runAgent('octopushSendSms');

	const sends = recordedRequests(session.sandboxes).filter((request) => request.vendor === 'octopush' && request.method === 'POST');
	expect(sends.map((request) => request.path)).toEqual(['/v1/public/sms-campaign/send']);
	expect(sends[0].body).toMatchObject({ recipients: [{ phone_number: '+33612345678' }], text: 'Your parcel arrives today.', simulation_mode: true });
	// The ticket Octopush gave the campaign, quoted from the tool's result.
	expect(answer.startsWith(FINAL_ANSWER_PREFIX)).toBe(true);
	expect(answer).toMatch(/sms_[0-9a-f]{12}/);

	const tool = offered('Send_SMS');
	expect(tool.description).toBe('Send an SMS in Octopush');
	expect(tool.parameters?.required?.sort()).toEqual(['Phone_Number', 'Text']);
	expect(tool.parameters?.properties?.Phone_Number?.type).toBe('string');
});

test('Yeti Get Account as a tool: the account the model asked for is read and the answer quotes it', async () => {
	openai.plan = { tool: /^Get_Account$/, arguments: { Account_ID: '1' } };
	const answer = await runAgent('yetiGetAccount');

	const reads = session.sandboxes.yeti.requests.filter((request) => !request.path.endsWith('/auth'));
	expect(reads.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/rest/admin/accounts/1']);
	expect(answer).toContain('Acme main');
	expect(answer).toContain('250.5');
	// Compact: Simplify is on by default for a tool, so fields such as the capacities stay out.
	expect(answer).not.toContain('origination-capacity');

	const tool = offered('Get_Account');
	expect(tool.description).toBe('Get an account in Yeti Switch');
	expect(tool.parameters?.required).toEqual(['Account_ID']);
});

test('Ocamba Get Many Accounts as a tool: the list is read with the limit the model chose and the answer quotes it', async () => {
	openai.plan = { tool: /^List_Accounts$/, arguments: { Limit: 2 } };
	const answer = await runAgent('ocambaGetManyAccounts');

	const reads = session.sandboxes.ocamba.requests.filter((request) => request.method === 'GET');
	expect(reads.length).toBeGreaterThan(0);
	expect(reads[0].path).toBe('/v2/ocamba/accounts');
	// Ocamba pages as page=<page>,<size> (docs/ocamba.md): the model's limit of 2 is one page of two.
	expect(reads[0].query).toMatchObject({ page: '1,2' });
	expect(answer).toContain('Default account');
	expect(answer).not.toContain('company_id');

	const tool = offered('List_Accounts');
	expect(tool.description).toBe('Get many accounts in Ocamba');
	expect(tool.parameters?.properties?.Limit?.type).toBe('number');
});
