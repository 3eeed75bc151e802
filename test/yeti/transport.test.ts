/** The JSON:API helpers of the transport on their own: error messages, documents, flattening. */
import { describeJsonApiError, flatten, relationshipId, resourceDocument, yetiProfile } from '../../nodes/YetiSwitch/transport';

test('errors[] become one message naming each field from its pointer', () => {
	const body = {
		errors: [
			{ title: 'has already been taken', detail: 'external-id - has already been taken', code: '100', status: '422', source: { pointer: '/data/attributes/external-id' } },
			{ title: 'must exist', detail: 'contractor - must exist', code: '100', status: '422', source: { pointer: '/data/relationships/contractor' } },
		],
	};
	expect(yetiProfile.describeError(422, body)).toEqual({
		message: 'external-id: has already been taken; contractor: must exist',
		description: undefined,
		details: { code: ['100', '100'], fields: ['external-id', 'contractor'] },
	});
	// The body may arrive as text (content type application/vnd.api+json).
	expect(yetiProfile.describeError(400, JSON.stringify({ errors: [{ title: 'Param not allowed', detail: 'balance is not allowed.', code: '105', status: '400' }] }))?.message).toBe('balance is not allowed.');
	expect(yetiProfile.describeError(401, '')).toBeUndefined();
	expect(yetiProfile.describeError(502, '<html>Bad Gateway</html>')).toBeUndefined();
	expect(describeJsonApiError({ detail: 'name - can\'t be blank', source: { pointer: '/data/attributes/name' } })).toBe('name: can\'t be blank');
});

test('documents: type, dasherized attributes, relationships with their type; data.id only on updates', () => {
	expect(resourceDocument('accounts', { name: 'A' }, { contractor: '4', 'invoice-template': null }, { contractor: 'contractors', 'invoice-template': 'invoice-templates' })).toEqual({
		data: { type: 'accounts', attributes: { name: 'A' }, relationships: { contractor: { data: { type: 'contractors', id: 4 } }, 'invoice-template': { data: null } } },
	});
	expect(resourceDocument('pops', { name: 'B' }, {}, {}, '7')).toEqual({ data: { type: 'pops', id: '7', attributes: { name: 'B' } } });
	expect(relationshipId('12')).toBe(12);
	expect(relationshipId('1*abc')).toBe('1*abc');
});

test('flatten: id, attributes, <rel>-id / <rel>-ids, never overwriting an attribute; a relationship sent without ids is named, not dropped', () => {
	expect(
		flatten({
			id: '9',
			type: 'x',
			attributes: { name: 'N', 'gateway-id': 77 },
			relationships: { gateway: { data: { type: 'gateways', id: '3' } }, pop: { data: null }, codecs: { data: [{ type: 'codecs', id: '1' }] }, node: {}, rates: { links: { related: '/x/9/rates' } } as never },
		}),
	).toEqual({ id: '9', name: 'N', 'gateway-id': 77, 'relationship-gateway-id': '3', 'pop-id': null, 'codecs-ids': ['1'], 'relationships-not-loaded': ['node', 'rates'] });
});

test('error codes of the facts table get a hint: 116 type mismatch, 114 sort, 107 filter value', () => {
	const hint = (code: string) => yetiProfile.describeError(400, { errors: [{ title: 't', detail: 'd', code, status: '400' }] })?.description;
	expect(hint('116')).toBe('A related record was given with the wrong type.');
	expect(hint('114')).toBe('The server cannot sort this route by that field.');
	expect(hint('107')).toContain('filter values');
});

test('secrets the server sends back are hidden in outputs; empty ones, look-alikes and a new customer token are not', () => {
	const radius = flatten({ id: '1', type: 'radius-auth-profiles', attributes: { name: 'Main', secret: 'radius-s3cret', server: '192.0.2.1' } });
	expect(radius).toEqual({ name: 'Main', secret: '__hidden__', server: '192.0.2.1', id: '1' });
	const gateway = flatten({ id: '2', type: 'gateways', attributes: { 'auth-user': 'trunk', 'auth-password': 'p4ss', 'incoming-auth-password': '', 'incoming-auth-allow-jwt': true } });
	expect(gateway).toMatchObject({ 'auth-user': 'trunk', 'auth-password': '__hidden__', 'incoming-auth-password': '', 'incoming-auth-allow-jwt': true });
	// A type the catalogue does not know is checked by attribute name all the same.
	expect(flatten({ id: '3', type: 'future-things', attributes: { 'api-key': 'k-123', key: '380' } })).toEqual({ 'api-key': '__hidden__', key: '380', id: '3' });
	expect(flatten({ id: '4', type: 'payments', attributes: { 'private-notes': 'paid late', amount: '5.0' } })).toMatchObject({ 'private-notes': 'paid late' });
	// The token is what creating a customer token is for.
	expect(flatten({ id: '5', type: 'customer-tokens', attributes: { token: 'eyJhbGciOi.fresh', 'expires-at': '2030-01-01' } })).toMatchObject({ token: 'eyJhbGciOi.fresh' });
});
