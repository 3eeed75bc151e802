/**
 * Hostile values through every kind of Ocamba field (via expressions, as real workflows pass them):
 * each case ends in a correct request or in a NodeOperationError naming the field and the item,
 * and no request ever carries "undefined", "null" or "[object Object]".
 */
import type { IDataObject } from 'n8n-workflow';

import { useOcambaSandbox } from './helpers';
import { SEED_INTEGRATIONS } from './seeds';

const t = useOcambaSandbox();
const smtp = SEED_INTEGRATIONS.find((s) => s.slug === 'custom-smtp')!;

interface Case {
	title: string;
	parameters: IDataObject;
	value: unknown;
	/** The error message expected, or the check of the request sent. */
	error?: RegExp;
	sent?: (request: { url: string; body: unknown }) => void;
}

const v = '={{ $json.v }}';
const createAccount = (over: IDataObject) => ({ resource: 'account', operation: 'create', name: 'ok', ...over });

const cases: Case[] = [
	{ title: 'empty name', parameters: createAccount({ name: v }), value: '', error: /^"Name" is empty \[item 0\]$/ },
	{ title: 'whitespace name', parameters: createAccount({ name: v }), value: ' \t ', error: /^"Name" is empty \[item 0\]$/ },
	{ title: 'null name', parameters: createAccount({ name: v }), value: null, error: /^"Name" is empty \[item 0\]$/ },
	{ title: 'object name', parameters: createAccount({ name: v }), value: { a: 1 }, error: /^"Name" must be text, got an object \[item 0\]$/ },
	{ title: 'list name', parameters: createAccount({ name: v }), value: ['a'], error: /^"Name" must be text, got a list \[item 0\]$/ },
	{ title: 'number name is sent as text', parameters: createAccount({ name: v }), value: 42, sent: (r) => expect(r.body).toEqual({ name: '42', status: 'active' }) },
	{ title: 'non-Latin and emoji name', parameters: createAccount({ name: v }), value: 'Магазин 東京 🚀', sent: (r) => expect((r.body as IDataObject).name).toBe('Магазин 東京 🚀') },
	{ title: 'very long name', parameters: createAccount({ name: v }), value: 'x'.repeat(5000), sent: (r) => expect(((r.body as IDataObject).name as string).length).toBe(5000) },
	{ title: 'unknown status', parameters: createAccount({ status: v }), value: 'ACTIVE', error: /^"Status" has an unknown value "ACTIVE" \[item 0\]$/ },
	{ title: 'number status', parameters: createAccount({ status: v }), value: 5, error: /^"Status" has an unknown value "5" \[item 0\]$/ },
	{ title: 'null contact value', parameters: createAccount({ contacts: { contact: [{ type: 'email', value: v }] } }), value: null, error: /^"Contacts › Contact 1 › Value" is empty \[item 0\]$/ },
	{ title: 'object contact value', parameters: createAccount({ contacts: { contact: [{ type: 'email', value: v }] } }), value: { e: 'x' }, error: /^"Contacts › Contact 1 › Value" must be text/ },
	{ title: 'unknown contact type', parameters: createAccount({ contacts: { contact: [{ type: v, value: 'x' }] } }), value: 'fax', error: /^"Contacts › Contact 1 › Type" has an unknown value "fax"/ },
	{ title: 'empty id', parameters: { resource: 'account', operation: 'get', accountId: v }, value: '', error: /^"Account ID" is empty \[item 0\]$/ },
	{ title: 'object id', parameters: { resource: 'account', operation: 'delete', accountId: v }, value: { id: 1 }, error: /^"Account ID" must be text/ },
	{ title: 'number id', parameters: { resource: 'account', operation: 'get', accountId: v }, value: 1000000, sent: (r) => expect(r.url).toBe('/v2/ocamba/accounts/1000000') },
	{ title: 'id with ? and #', parameters: { resource: 'integration', operation: 'get', integrationId: v }, value: 'a?b#c', sent: (r) => expect(r.url).toBe('/v1/hood/integrations/a%3Fb%23c') },
	// URLs normalise "%2E%2E" like "..", so such an id is refused rather than sent.
	{ title: 'id "..", never the parent path', parameters: { resource: 'accountContact', operation: 'get', accountId: '1000000', contactId: v }, value: '..', error: /^"Contact ID" cannot be "\.\."/ },
	{ title: 'negative limit', parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: v }, value: -1, error: /^"Limit" must be at least 1, got -1 \[item 0\]$/ },
	{ title: 'fractional limit', parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: v }, value: 1.5, error: /^"Limit" must be a whole number/ },
	{ title: 'limit as text', parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: v }, value: 'ten', error: /^"Limit" is not a number: "ten"/ },
	{ title: 'limit as a numeric string', parameters: { resource: 'account', operation: 'getAll', returnAll: false, limit: v }, value: '3', sent: (r) => expect(r.url).toBe('/v2/ocamba/accounts?sort=id&page=1%2C3') },
	{ title: 'filter value null', parameters: { resource: 'account', operation: 'getAll', filters: { conditions: { condition: [{ field: 'name', operator: 'eq', value: v }] } } }, value: null, error: /Condition 1 › Value" is empty/ },
	{ title: 'filter field with a space', parameters: { resource: 'account', operation: 'getAll', filters: { conditions: { condition: [{ field: v, operator: 'eq', value: 'x' }] } } }, value: 'na me', error: /Condition 1 › Field" is not a field name/ },
	{ title: 'object as the type filter', parameters: { resource: 'integration', operation: 'getAll', filters: { type: v } }, value: { t: 'sms' }, error: /^"Filters › Type" must be text, got an object/ },
	{ title: 'unknown status in the status filter', parameters: { resource: 'account', operation: 'getAll', filters: { status: v } }, value: ['active', 'asleep'], error: /^"Filters › Status" has an unknown value "asleep"/ },
	{ title: 'sort with a bad character', parameters: { resource: 'account', operation: 'getAll', options: { sort: v } }, value: 'name;drop', error: /^"Options › Sort" is not a sort/ },
	{ title: 'settings JSON that is a list', parameters: { resource: 'integration', operation: 'create', name: 'x', provider: 'other', providerId: '1006', settingsJson: v }, value: '[1]', error: /^"Settings \(JSON\)" must be a JSON object, got a list/ },
	{ title: 'settings JSON null', parameters: { resource: 'integration', operation: 'create', name: 'x', provider: 'other', providerId: '1006', settingsJson: v }, value: 'null', error: /^"Settings \(JSON\)" must be a JSON object, got null/ },
	{ title: 'empty provider id', parameters: { resource: 'integration', operation: 'create', name: 'x', provider: 'other', providerId: v, settingsJson: '{"a":"b"}' }, value: '', error: /^"Provider Name or ID" is empty/ },
	{ title: 'negative port', parameters: { resource: 'integration', operation: 'create', name: 'x', ...smtp.parameters, smtpPort: v }, value: '-1', error: /^"Port" is not a port number: "-1"/ },
	{ title: 'fractional port', parameters: { resource: 'integration', operation: 'create', name: 'x', ...smtp.parameters, smtpPort: v }, value: 587.5, error: /^"Port" is not a port number: "587.5"/ },
	{ title: 'object as a secret setting', parameters: { resource: 'integration', operation: 'create', name: 'x', ...smtp.parameters, smtpPassword: v }, value: { p: 1 }, error: /^"Password" must be text/ },
	{ title: 'empty recipient', parameters: { resource: 'integration', operation: 'sendTest', integrationSource: 'existing', integrationId: '1', recipient: v }, value: '  ', error: /^"Recipient" is empty/ },
];

test.each(cases)('$title', async ({ parameters, value, error, sent }) => {
	const result = await t.run(parameters, [{ v: value as IDataObject }]).then(
		() => undefined,
		(e) => e as Error & { context?: IDataObject },
	);
	for (const request of t.sandbox.requests) {
		expect(request.url + request.rawBody).not.toMatch(/undefined|\[object Object\]|\bnull\b/);
	}
	if (error) {
		expect(result).toBeDefined();
		expect(result!.constructor.name).toBe('NodeOperationError');
		expect(result!.message).toMatch(error);
		expect(result!.context?.itemIndex).toBe(0);
		expect(t.sandbox.requests).toHaveLength(0);
	} else {
		expect(t.sandbox.requests.length).toBeGreaterThan(0);
		sent!({ url: t.sandbox.requests[0].url, body: t.sandbox.requests[0].body });
	}
});
