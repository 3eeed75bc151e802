/** The OpenAI stand-in behaves as its header says: a scripted tool call, then an answer quoting the result. */
import { OPENAI_SANDBOX_KEY, createOpenAiSandbox, type OpenAiSandbox } from './openai';

let sandbox: OpenAiSandbox;
beforeAll(async () => {
	sandbox = createOpenAiSandbox();
	await sandbox.start();
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const tools = [{ type: 'function', function: { name: 'Send_SMS', description: 'Send an SMS in Octopush', parameters: { type: 'object', properties: { Phone_Number: { type: 'string' }, Text: { type: 'string' } }, required: ['Phone_Number', 'Text'] } } }];

async function chat(body: unknown, key = OPENAI_SANDBOX_KEY) {
	const response = await fetch(`${sandbox.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, text: await response.text() };
}

test('calls the planned tool with the planned arguments, then answers quoting the tool result', async () => {
	sandbox.plan = { tool: /SMS/, arguments: { Phone_Number: '+33612345678', Text: 'Hello' } };
	const first = JSON.parse((await chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'text Bob' }], tools })).text);
	expect(first.choices[0].finish_reason).toBe('tool_calls');
	const call = first.choices[0].message.tool_calls[0];
	expect(call.function).toEqual({ name: 'Send_SMS', arguments: JSON.stringify({ Phone_Number: '+33612345678', Text: 'Hello' }) });
	const second = JSON.parse(
		(await chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'text Bob' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"ticket":"T-1"}' }], tools })).text,
	);
	expect(second.choices[0].message.content).toBe('Done. The tool answered: {"ticket":"T-1"}');
	expect(sandbox.offeredTools.map((tool) => tool.name)).toEqual(['Send_SMS']);
});

test('a plan that misses a required argument of the schema is refused (400)', async () => {
	sandbox.plan = { tool: /SMS/, arguments: { Phone_Number: '+33612345678' } };
	const answer = await chat({ messages: [{ role: 'user', content: 'x' }], tools });
	expect(answer.status).toBe(400);
	expect(JSON.parse(answer.text).error.message).toContain('missing required ["Text"]');
});

test('streams when asked: one delta with the tool call, the finish reason, usage, [DONE]', async () => {
	sandbox.plan = { tool: /SMS/, arguments: { Phone_Number: '+1', Text: 'x' } };
	const answer = await chat({ messages: [{ role: 'user', content: 'x' }], tools, stream: true, stream_options: { include_usage: true } });
	const events = answer.text.trim().split('\n\n').map((line) => line.replace(/^data: /, ''));
	expect(events.at(-1)).toBe('[DONE]');
	const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
	expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, function: { name: 'Send_SMS' } });
	expect(chunks[1].choices[0].finish_reason).toBe('tool_calls');
	expect(chunks[2].usage.total_tokens).toBeGreaterThan(0);
});

test('a wrong API key is refused as OpenAI does (401), and /v1/models lists the model', async () => {
	expect((await chat({ messages: [{ role: 'user', content: 'x' }] }, 'sk-wrong')).status).toBe(401);
	const models = await fetch(`${sandbox.url}/v1/models`, { headers: { authorization: `Bearer ${OPENAI_SANDBOX_KEY}` } });
	expect(((await models.json()) as { data: Array<{ id: string }> }).data[0].id).toBe('gpt-4o-mini');
});
