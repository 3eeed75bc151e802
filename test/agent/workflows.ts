/**
 * The agent workflows, as a person builds them in the editor and puts in production: a Webhook → AI Agent
 * → Respond to Webhook (the caller gets the agent's reply) (prompt defined below) with an OpenAI Chat Model whose credential's Base URL points at the OpenAI stand-in, and one of
 * our nodes as its tool. The tool's parameters are left to the model the way the editor's "let the model
 * define this parameter" button writes them: `$fromAI('<display name>', ``, '<type>')`.
 */
import { NODE_TYPES, SANDBOX_CREDENTIALS } from '../../scripts/n8n/config';
import type { Workflow } from '../../scripts/n8n/examples';

export const OPENAI_CREDENTIAL = { id: 'openAiSandbox001', name: 'OpenAI (sandbox)' };

/** What the editor writes when the model is to define a parameter (key from the display name, no description). */
export function fromAI(key: string, type: 'string' | 'number' | 'boolean' = 'string'): string {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, '${type}') }}`;
}

/** The production webhook path of an agent workflow (the Webhook node's path is the full path). */
export function agentWebhookPath(workflow: Workflow): string {
	const trigger = workflow.nodes.find((node) => node.name === 'Webhook');
	return String(trigger?.parameters?.path);
}

function agentWorkflow(id: string, prompt: string, tool: { name: string; type: string; parameters: Record<string, unknown>; credentials: Record<string, unknown> }): Workflow {
	return {
		id,
		name: `agent: ${tool.name}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: { httpMethod: 'POST', path: `agent-${id}`, responseMode: 'responseNode', options: {} },
			},
			{ id: `${id}-respond`, name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [480, 0], parameters: { respondWith: 'firstIncomingItem', options: {} } },
			{
				id: `${id}-agent`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				// 2.2 runs the tools inside the agent (LangChain's tool calling). With 3.1, which hands tool calls to
				// n8n's engine, n8n 2.40.7 here gave the model an empty result ("") for every tool, n8n's own
				// Date & Time tool included, both under `n8n execute` and behind a webhook.
				typeVersion: 2.2,
				position: [240, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: `${id}-model`,
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				// 1.2 speaks the Chat Completions API (1.3 defaults to OpenAI's Responses API, which the stand-in does not play).
				typeVersion: 1.2,
				position: [160, 200],
				parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{ id: `${id}-tool`, typeVersion: 1, position: [360, 200], ...tool },
		] as never,
		connections: {
			Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'AI Agent': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: {},
		active: false,
	} as Workflow;
}

export const AGENT_WORKFLOWS = {
	octopushSendSms: agentWorkflow('agentOctopushSms', 'Text +33612345678 that the parcel arrives today.', {
		name: 'Send SMS',
		type: `${NODE_TYPES.octopush}Tool`,
		parameters: { resource: 'sms', operation: 'send', phoneNumber: fromAI('Phone_Number'), text: fromAI('Text'), options: { simulationMode: true } },
		credentials: { octopushApi: SANDBOX_CREDENTIALS.octopushApi },
	}),
	yetiGetAccount: agentWorkflow('agentYetiAccount', 'What is the balance of Yeti account 1?', {
		name: 'Get Account',
		type: `${NODE_TYPES.yetiSwitch}Tool`,
		parameters: { resource: 'account', operation: 'get', id: fromAI('Account_ID') },
		credentials: { yetiSwitchApi: SANDBOX_CREDENTIALS.yetiSwitchApi },
	}),
	ocambaGetManyAccounts: agentWorkflow('agentOcambaAccts', 'List two Ocamba accounts.', {
		name: 'List Accounts',
		type: `${NODE_TYPES.ocamba}Tool`,
		parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: fromAI('Limit', 'number') },
		credentials: { ocambaApi: SANDBOX_CREDENTIALS.ocambaApi },
	}),
};
