/** Account Contact operations: /v2/ocamba/accounts/{account_id}/contacts. */
import { jsonHeaders, TOKEN, useOcambaSandbox } from './helpers';

const t = useOcambaSandbox();
const base = { resource: 'accountContact', accountId: '1000000' };

test('create POSTs {type, value} and outputs the contact with its account', async () => {
	const items = await t.run({ ...base, operation: 'create', type: 'mobile', value: '+33612345678' });
	expect(t.sandbox.requests).toHaveLength(1);
	const [request] = t.sandbox.requests;
	expect(request).toMatchObject({ method: 'POST', url: '/v2/ocamba/accounts/1000000/contacts' });
	expect(jsonHeaders(request)).toEqual({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
	expect(request.rawBody).toBe('{"type":"mobile","value":"+33612345678"}');
	expect(items[0].json).toEqual({ account_id: '1000000', id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'mobile', value: '+33612345678' });
});

test('an empty contact value fails before any request', async () => {
	const error = await t.fail({ ...base, operation: 'create', type: 'email', value: ' ' });
	expect(error.message).toBe('"Value" is empty [item 0]');
	expect(t.sandbox.requests).toHaveLength(0);
});

test('get, update, delete one contact', async () => {
	const added = await t.api('POST', '/v2/ocamba/accounts/1000000/contacts', { type: 'skype', value: 'live:someone' });
	const id = added.body.id as string;
	t.sandbox.clearRequests();

	const got = await t.run({ ...base, operation: 'get', contactId: id });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', url: `/v2/ocamba/accounts/1000000/contacts/${id}` });
	expect(got[0].json).toEqual({ id, type: 'skype', value: 'live:someone' });

	t.sandbox.clearRequests();
	const updated = await t.run({ ...base, operation: 'update', contactId: id, updateFields: { value: 'live:other' } });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'PATCH', url: `/v2/ocamba/accounts/1000000/contacts/${id}`, rawBody: '{"value":"live:other"}' });
	expect(updated[0].json).toEqual({ id, account_id: '1000000', updated: true, value: 'live:other' });
	expect((await t.api('GET', `/v2/ocamba/accounts/1000000/contacts/${id}`)).body).toEqual({ id, type: 'skype', value: 'live:other' });

	t.sandbox.clearRequests();
	const nothing = await t.fail({ ...base, operation: 'update', contactId: id, updateFields: {} });
	expect(nothing.message).toBe('"Update Fields" has nothing to change [item 0]');
	expect(t.sandbox.requests).toHaveLength(0);

	const deleted = await t.run({ ...base, operation: 'delete', contactId: id });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'DELETE', url: `/v2/ocamba/accounts/1000000/contacts/${id}` });
	expect(deleted[0].json).toEqual({ id, account_id: '1000000', deleted: true });
	expect((await t.api('GET', `/v2/ocamba/accounts/1000000/contacts/${id}`)).status).toBe(404);
});

test('get many lists the contacts of one account, with type filter and limit', async () => {
	for (const value of ['+331', '+332', '+333']) await t.api('POST', '/v2/ocamba/accounts/1000000/contacts', { type: 'phone', value });
	t.sandbox.clearRequests();
	const all = await t.run({ ...base, operation: 'getAll', returnAll: true });
	expect(t.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/v2/ocamba/accounts/1000000/contacts', query: { page: '1,1000' } });
	expect(all.map((i) => i.json.value).sort()).toEqual(['+331', '+332', '+333', 'billing@example.com']);
	t.sandbox.clearRequests();
	const phones = await t.run({ ...base, operation: 'getAll', returnAll: false, limit: 2, filters: { type: ['phone'] } });
	expect(t.sandbox.requests[0].query).toEqual({ type: 'phone', page: '1,2' });
	expect(phones.map((i) => i.json.type)).toEqual(['phone', 'phone']);
});

test('the account id is encoded and a missing account is a clear 404', async () => {
	const error = await t.fail({ resource: 'accountContact', accountId: '../accounts', operation: 'getAll', returnAll: true });
	expect(t.sandbox.requests[0].path).toBe('/v2/ocamba/accounts/..%2Faccounts/contacts');
	expect(error.message).toBe('Ocamba: not found (404): Account ../accounts not found.');
});
