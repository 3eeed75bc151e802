/**
 * A local stand-in for an OpenAI-compatible chat API, so n8n's AI Agent can be tested with our nodes
 * as tools and no real model. It speaks the shapes of OpenAI's API reference
 * (https://platform.openai.com/docs/api-reference/chat/create, .../models/list, .../chat-streaming):
 * `GET /v1/models`; `POST /v1/chat/completions`, answered as JSON or, when the request says
 * `stream: true`, as server-sent `chat.completion.chunk` events ending in `data: [DONE]`.
 *
 * It plays a model that follows a script a test sets (`plan`): to the agent's first call it answers
 * with a call of the tool whose name matches the plan, with the plan's arguments, checked against the
 * JSON schema the agent sent for that tool (a required argument the plan lacks, or one the schema does
 * not know, is answered 400 so the test sees the schema was not what it expected). To the next call,
 * which carries the tool's result, it answers in words quoting that result. Every call is recorded,
 * so a test can read what the agent showed the model (tool names, descriptions, schemas).
 */
import type { FastifyReply } from 'fastify';

import { Sandbox, parseJsonBody, type SandboxOptions } from './core';

/** The API key the sandbox credential carries; anything else is refused as OpenAI does (401). */
export const OPENAI_SANDBOX_KEY = 'sk-sandbox-0123456789abcdef';
export const OPENAI_SANDBOX_MODEL = 'gpt-4o-mini';

export interface ToolPlan {
	/** Which of the tools the agent offers to call (matched against the tool's function name). */
	tool: RegExp;
	/** The arguments of the call, by the property names of the tool's schema. */
	arguments: Record<string, unknown>;
}

export interface OfferedTool {
	name: string;
	description?: string;
	parameters?: { type?: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

interface ChatRequest {
	model?: string;
	messages?: ChatMessage[];
	tools?: Array<{ type: string; function: OfferedTool }>;
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
}

/** The words of the final answer; a test finds the tool's result after them. */
export const FINAL_ANSWER_PREFIX = 'Done. The tool answered:';

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

export class OpenAiSandbox extends Sandbox {
	plan: ToolPlan | undefined;
	/** Every chat request, parsed, in order. */
	readonly completions: ChatRequest[] = [];
	private counter = 0;

	constructor(options: SandboxOptions = {}) {
		super('openai', options);
		this.onReset(() => {
			this.plan = undefined;
			this.completions.length = 0;
		});
		this.routes();
	}

	/** The tools the agent offered in its latest call. */
	get offeredTools(): OfferedTool[] {
		return (this.completions.at(-1)?.tools ?? []).map((tool) => tool.function);
	}

	private refuse(reply: FastifyReply, status: number, message: string, code: string | null = null) {
		// OpenAI's error shape: { error: { message, type, param, code } }.
		return reply.code(status).header('content-type', 'application/json').send({ error: { message, type: 'invalid_request_error', param: null, code } });
	}

	private routes() {
		this.app.addHook('preHandler', async (request, reply) => {
			if (request.url.startsWith('/__sandbox')) return;
			if (request.headers.authorization !== `Bearer ${OPENAI_SANDBOX_KEY}`) {
				return this.refuse(reply, 401, 'Incorrect API key provided.', 'invalid_api_key');
			}
		});

		this.app.get('/v1/models', async () => ({
			object: 'list',
			data: [{ id: OPENAI_SANDBOX_MODEL, object: 'model', created: 1721172741, owned_by: 'system' }],
		}));

		this.app.post('/v1/chat/completions', async (request, reply) => {
			let body: ChatRequest;
			try {
				body = (parseJsonBody(request.body) ?? {}) as ChatRequest;
			} catch {
				return this.refuse(reply, 400, 'We could not parse the JSON body of your request.');
			}
			this.completions.push(body);
			const messages = body.messages ?? [];
			if (!messages.length) return this.refuse(reply, 400, "'messages' is a required property");
			const last = messages[messages.length - 1];

			let message: Record<string, unknown>;
			let finishReason: 'stop' | 'tool_calls';
			if (last.role === 'tool') {
				message = { role: 'assistant', content: `${FINAL_ANSWER_PREFIX} ${textOf(last.content)}` };
				finishReason = 'stop';
			} else if (this.plan && body.tools?.length) {
				const offered = body.tools.map((tool) => tool.function);
				const tool = offered.find((candidate) => this.plan!.tool.test(candidate.name));
				if (!tool) return this.refuse(reply, 400, `no offered tool matches ${this.plan.tool}; offered: ${offered.map((t) => t.name).join(', ')}`);
				const properties = tool.parameters?.properties ?? {};
				const missing = (tool.parameters?.required ?? []).filter((name) => !(name in this.plan!.arguments));
				const unknown = Object.keys(this.plan.arguments).filter((name) => !(name in properties));
				if (missing.length || unknown.length) {
					return this.refuse(reply, 400, `tool ${tool.name}: missing required ${JSON.stringify(missing)}, not in its schema ${JSON.stringify(unknown)}`);
				}
				message = {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_${++this.counter}`, type: 'function', function: { name: tool.name, arguments: JSON.stringify(this.plan.arguments) } }],
				};
				finishReason = 'tool_calls';
			} else {
				message = { role: 'assistant', content: 'There is nothing I can do without a tool.' };
				finishReason = 'stop';
			}

			const id = `chatcmpl-sandbox${++this.counter}`;
			const created = Math.floor(Date.now() / 1000);
			const model = body.model ?? OPENAI_SANDBOX_MODEL;
			const usage = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 };
			if (!body.stream) {
				return { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage };
			}
			// Streaming: the message in one delta (tool call arguments complete), then the finish reason.
			const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
				`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
			const { role, content, tool_calls } = message as { role: string; content: string | null; tool_calls?: Array<Record<string, unknown>> };
			const delta = tool_calls ? { role, content: null, tool_calls: tool_calls.map((call, index) => ({ index, ...call })) } : { role, content };
			let events = chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]);
			events += chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]);
			if (body.stream_options?.include_usage) events += chunk([], { usage });
			events += 'data: [DONE]\n\n';
			return reply.code(200).header('content-type', 'text/event-stream').header('cache-control', 'no-cache').send(events);
		});
	}
}

export function createOpenAiSandbox(options: SandboxOptions = {}): OpenAiSandbox {
	return new OpenAiSandbox(options);
}
