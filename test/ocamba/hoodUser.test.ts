/** Hood User → Send SMS (docs.ocamba.com/api/hood/v1.0/create-users-by_id-send-sms). */
import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { loadOptions } from '../harness/run-node';
import { TOKEN, jsonHeaders, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();
/** Seeded by the sandbox: a user with a mobile number, and one without. */
const ADA = '2000001';
const GRACE = '2000002';

async function smsIntegration(name = 'Mitto SMS', status = 'active') {
	const created = await t.api('POST', '/v1/hood/integrations', { name, provider_id: '1004', settings: { api_key: 'mitto-sms-secret', sender_name: 'Shop' }, status });
	t.sandbox.clearRequests();
	return created.body.id as string;
}

const send = (parameters: Record<string, unknown>) => ({ resource: 'hoodUser', operation: 'sendSms', userId: ADA, ...parameters });

test('sends the documented body and outputs what was sent', async () => {
	const integrationId = await smsIntegration();
	const items = await t.run(send({ integrationId, content: 'Hello from Ocamba! Link 1: ${URL_0} Link 2: ${URL_1}', shortenLinks: { link: [{ placeholder: 'URL_0', url: 'https://ocamba.com', expiresIn: 17 }, { placeholder: 'URL_1', url: 'https://google.com' }] } }));
	expect(t.sandbox.requests).toHaveLength(1);
	const [request] = t.sandbox.requests;
	expect(request).toMatchObject({ method: 'POST', url: `/v1/hood/users/${ADA}/send-sms` });
	expect(jsonHeaders(request)).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
	expect(request.body).toEqual({
		integration_id: integrationId,
		content: 'Hello from Ocamba! Link 1: ${URL_0} Link 2: ${URL_1}',
		shorten_links: [
			{ placeholder: 'URL_0', url: 'https://ocamba.com', expires_in: 17 },
			{ placeholder: 'URL_1', url: 'https://google.com' },
		],
	});
	expect(t.sandbox.sentSms).toEqual([expect.objectContaining({ userId: ADA, to: '+33612345678', integrationId })]);
	// 27 + 23 + 9 + 23 characters as Ocamba counts them.
	expect(items[0].json).toEqual({ sent: true, userId: ADA, integrationId, characters: 82 });
});

test('plain text without links sends no shorten_links', async () => {
	const integrationId = await smsIntegration();
	await t.run(send({ integrationId, content: 'Your code is 1234' }));
	expect(t.sandbox.requests[0].body).toEqual({ integration_id: integrationId, content: 'Your code is 1234' });
});

test.each([
	['an empty text', { content: '   ' }, '"Content" is empty [item 0]'],
	['321 characters', { content: 'x'.repeat(321) }, '"Content" is too long: Ocamba counts 321 characters (placeholders as at least 23) [item 0]'],
	['a short placeholder counted as 23', { content: `${'x'.repeat(300)}\${U}`, shortenLinks: { link: [{ placeholder: 'U', url: 'https://a.example' }] } }, '"Content" is too long: Ocamba counts 323 characters (placeholders as at least 23) [item 0]'],
	['a placeholder without its link', { content: 'Go: ${URL_0}' }, '"Content" has the placeholder ${URL_0} without a Shorten Links row [item 0]'],
	['a link whose placeholder is not in the text', { content: 'Hi', shortenLinks: { link: [{ placeholder: 'URL_0', url: 'https://a.example' }] } }, '"Shorten Links › Link 1 › Placeholder" "URL_0" is not in the content [item 0]'],
	['a link that is not a URL', { content: 'Go: ${A}', shortenLinks: { link: [{ placeholder: 'A', url: 'ocamba.com' }] } }, '"Shorten Links › Link 1 › URL" is not a web address: "ocamba.com" [item 0]'],
	['a placeholder used twice', { content: '${A} and ${A}', shortenLinks: { link: [{ placeholder: 'A', url: 'https://a.example' }] } }, '"Content" uses a placeholder more than once (2 placeholders for 1 links) [item 0]'],
	['no integration', { integrationId: '' }, '"SMS Integration Name or ID" is empty [item 0]'],
])('%s is refused before anything is sent', async (_what, parameters, message) => {
	const error = await t.fail(send({ integrationId: '1165', content: 'Hi', ...parameters }));
	expect(error.message).toBe(message);
	expect(t.sandbox.requests).toHaveLength(0);
});

test('Ocamba\'s refusals are errors as for the other Hood calls; with Continue On Fail the other items go on', async () => {
	const integrationId = await smsIntegration();
	const missing = await t.fail(send({ integrationId, content: 'Hi', userId: '42' }));
	expect(missing.message).toBe('Ocamba: not found (404): User 42 not found.');
	const items = await t.run(send({ integrationId, content: 'Hi', userId: '={{ $json.user }}' }), [{ user: ADA }, { user: GRACE }, { user: ADA }], { continueOnFail: true });
	expect(items.map((i) => i.json.sent ?? i.json.error)).toEqual([true, `Ocamba rejected the request (400): User ${GRACE} has no mobile phone number.`, true]);
	expect(t.sandbox.sentSms).toHaveLength(2);
});

test('a send whose answer is lost is not sent again, and says it may have gone', async () => {
	const integrationId = await smsIntegration();
	t.sandbox.injectFault({ method: 'POST', path: `/v1/hood/users/${ADA}/send-sms`, status: 502, body: { code: 502, title: 'Bad gateway.' } });
	const error = await t.fail(send({ integrationId, content: 'Once only' }));
	expect(t.sandbox.requests).toHaveLength(1);
	expect(error.description).toMatch(/may or may not have been carried out/);
});

test('the integration dropdown lists the account\'s SMS integrations, live', async () => {
	const sms = await smsIntegration('Mitto SMS');
	const paused = await smsIntegration('Old Mitto', 'inactive');
	await t.api('POST', '/v1/hood/integrations', { name: 'Mail', provider_id: '1003', settings: { api_key: 'SG.x', default_sender_name: 'n', default_sender_email: 'a@b.c' } });
	t.sandbox.clearRequests();
	const options = await loadOptions(new Ocamba(), 'getSmsIntegrations', { resource: 'hoodUser', operation: 'sendSms' }, { ocambaApi: { apiToken: TOKEN, baseUrl: t.url } });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/v1/hood/integrations', query: { type: 'sms', sort: 'id', page: '1,1000' } });
	expect(options).toEqual([
		{ name: `Mitto SMS (Mitto, ID ${sms})`, value: sms },
		{ name: `Old Mitto (Mitto, ID ${paused}, inactive)`, value: paused },
	]);
});
