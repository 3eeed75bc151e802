/**
 * The Yeti node as a new user meets it in the editor (issue 17): action labels, subtitles and the
 * name n8n gives a new node read as a person says them — "Get many CDRs", not "Get many cdrs" or
 * "getAll: cdr" — while the parameter values stay what saved workflows hold.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';

const node = new YetiSwitch();

function subtitleOf(parameters: Record<string, string>): unknown {
	const instance = { id: '1', name: 'Node', type: 'test.yetiSwitch', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({ nodes: [instance], connections: {}, active: false, nodeTypes: { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) } as never });
	return workflow.expression.getParameterValue(String(node.description.subtitle), null, 0, 0, 'Node', [], 'internal', {});
}

const operations: Array<{ resource: string; option: INodePropertyOptions }> = node.description.properties
	.filter((p: INodeProperties) => p.name === 'operation' && p.type === 'options')
	.flatMap((p) => ((p.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) => (p.options as INodePropertyOptions[]).map((option) => ({ resource, option }))));

test('every operation of every resource has an action label (n8n names a new node after it)', () => {
	expect(operations.length).toBeGreaterThan(60);
	expect(operations.filter(({ option }) => !option.action).map(({ resource, option }) => `${resource}:${String(option.value)}`)).toEqual([]);
});

test('action labels keep acronyms: "Get a CDR", "Get many CDRs", "Download a CDR export"', () => {
	const action = (resource: string, value: string) => operations.find((o) => o.resource === resource && o.option.value === value)?.option.action;
	expect(action('cdr', 'get')).toBe('Get a CDR');
	expect(action('cdr', 'getAll')).toBe('Get many CDRs');
	expect(action('cdrExport', 'download')).toBe('Download a CDR export');
	expect(action('customersAuth', 'create')).toBe('Create a customers auth');
	expect(action('account', 'getAll')).toBe('Get many accounts');
	expect(operations.filter(({ option }) => /\bcdrs?\b/.test(String(option.action)))).toEqual([]);
});

test('the subtitle shows the action, never the internal values ("getAll: contractor", "create: customersAuth")', () => {
	for (const { resource, option } of operations.filter((o) => o.resource !== 'adminRoute')) {
		expect(subtitleOf({ resource, operation: String(option.value) })).toBe(option.action);
	}
	expect(subtitleOf({ resource: 'contractor', operation: 'getAll' })).toBe('Get many contractors');
	expect(subtitleOf({ resource: 'customersAuth', operation: 'create' })).toBe('Create a customers auth');
});

test('Other Admin Route: the subtitle names the route; the operation options are fixed, with actions', () => {
	expect(subtitleOf({ resource: 'adminRoute', operation: 'getAll', route: 'timezones' })).toBe('Get many records of /timezones');
	expect(subtitleOf({ resource: 'adminRoute', operation: 'create', route: 'pops' })).toBe('Create a record in /pops');
	const adminOperations = operations.filter((o) => o.resource === 'adminRoute');
	expect(adminOperations.map((o) => o.option.action)).toEqual(['Get many records of an admin route', 'Get a record of an admin route', 'Create a record on an admin route', 'Update a record of an admin route', 'Delete a record of an admin route']);
});
