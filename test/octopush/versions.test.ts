/**
 * Node version 1.1 changes defaults (Purpose, Contact Delete's target); a workflow saved with
 * version 1 keeps doing exactly what it did (n8n stores only parameters that differ from their default).
 */
import type { IDataObject } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { useOctopush } from './helpers';

const t = useOctopush();

test('the node declares versions 1 and 1.1; new nodes get 1.1', () => {
	const { description } = new Octopush();
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
});

describe('Purpose', () => {
	const send = { resource: 'sms', operation: 'send', phoneNumber: '+33612345678', text: 'Your parcel arrives today' };

	test('version 1.1: a send with Purpose left alone goes out as alert (transactional)', async () => {
		await t.run(send);
		expect((t.sandbox.requests[0].body as IDataObject).purpose).toBe('alert');
	});

	test('version 1: a saved workflow that never touched Purpose still sends wholesale, as before', async () => {
		await t.run(send, [{}], { typeVersion: 1 });
		expect((t.sandbox.requests[0].body as IDataObject).purpose).toBe('wholesale');
		await t.run({ ...send, purpose: 'alert' }, [{}], { typeVersion: 1, executionId: 'exec-2' });
		expect((t.sandbox.requests[1].body as IDataObject).purpose).toBe('alert');
	});

	test('the choice says what marketing means for a message sent at night, where the user picks it', () => {
		const purposes = new Octopush().description.properties.filter((p) => p.name === 'purpose');
		const latest = purposes.find((p) => JSON.stringify(p.displayOptions).includes('gte'))!;
		expect(latest.default).toBe('alert');
		const marketing = latest.options!.find((o) => (o as { value: string }).value === 'wholesale') as { description: string };
		expect(marketing.description).toMatch(/20:00/);
		expect(marketing.description).toMatch(/STOP/);
	});
});

describe('Contact Delete', () => {
	const numbers = '+33611111111';

	test('version 1.1: "from a list" with a list name that came out empty is an error, nothing is deleted', async () => {
		const error = await t.fail({ resource: 'contact', operation: 'delete', phoneNumbers: numbers, deleteFrom: 'list', listName: '={{ $json.list }}' }, [{ list: '' }]);
		expect(error.message).toBe('"List Name" is empty [item 0]');
		expect(t.sandbox.requests).toHaveLength(0);
	});

	test('version 1.1: the default is "from a list" (the narrower delete); "from the account" sends no list name', async () => {
		const missing = await t.fail({ resource: 'contact', operation: 'delete', phoneNumbers: numbers });
		expect(missing.message).toBe('"List Name" is empty [item 0]');
		await t.run({ resource: 'contactList', operation: 'create', listName: 'VIP' });
		await t.run({ resource: 'contact', operation: 'delete', phoneNumbers: numbers, listName: 'VIP' });
		expect(t.sandbox.requestsTo('DELETE', '/v1/public/contact/delete')[0].body).toEqual({ phone_numbers: [numbers], list_name: 'VIP' });
		const { items } = await t.run({ resource: 'contact', operation: 'delete', phoneNumbers: numbers, deleteFrom: 'account', listName: 'ignored' });
		expect(t.sandbox.requestsTo('DELETE', '/v1/public/contact/delete')[1].body).toEqual({ phone_numbers: [numbers] });
		expect(items[0].json).toMatchObject({ deleted: true, deleted_from: 'account' });
	});

	test('version 1: an empty List Name still deletes from the account, as saved workflows expect', async () => {
		await t.run({ resource: 'contact', operation: 'delete', phoneNumbers: numbers }, [{}], { typeVersion: 1 });
		expect(t.sandbox.requests[0].body).toEqual({ phone_numbers: [numbers] });
	});
});
