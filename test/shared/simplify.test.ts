/**
 * The shared Simplify switch (nodes/shared/simplify.ts): the view, the shaping, and the defaults n8n gives
 * the switch in the normal node and in its AI-tool variant — read through n8n-workflow's own
 * getNodeParameters, the function n8n uses to fill in defaults when it loads a saved workflow.
 */
import type { INode, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { MAX_SIMPLIFIED_FIELDS, simplifiedView, simplifyProperties, simplifyRecord, withSimplify } from '../../nodes/shared/simplify';
import { toolVariant } from '../harness/tool-variant';

describe('simplifiedView', () => {
	test('keeps at most 10 fields, each named once', () => {
		expect(() => simplifiedView([])).toThrow('1 to 10 fields, not 0');
		expect(() => simplifiedView(Array.from({ length: 11 }, (_, i) => `f${i}`))).toThrow('1 to 10 fields, not 11');
		expect(() => simplifiedView(['id', ['id', 'data.id']])).toThrow('names a field twice');
		expect(simplifiedView(Array.from({ length: MAX_SIMPLIFIED_FIELDS }, (_, i) => `f${i}`)).fields).toHaveLength(10);
	});
});

describe('simplifyRecord', () => {
	const view = simplifiedView(['id', 'name', ['postbacks', 'feeds.postbacks'], ['provider_name', 'provider.name'], 'missing']);

	test('outputs the view\'s fields in its order, nested ones flattened, absent ones left out', () => {
		const record = { update_time: 't', name: 'Shop', secret: 'x', id: '7', feeds: { postbacks: 'https://p.example' }, provider: 'not an object' };
		const simplified = simplifyRecord(record, view);
		expect(simplified).toEqual({ id: '7', name: 'Shop', postbacks: 'https://p.example' });
		expect(Object.keys(simplified)).toEqual(['id', 'name', 'postbacks']);
	});

	test('keeps null values (a field that is set to nothing is still a field)', () => {
		expect(simplifyRecord({ id: '1', name: null, feeds: { postbacks: null } }, view)).toEqual({ id: '1', name: null, postbacks: null });
	});

	test('passes the entry of a failed page (Continue On Fail) through unchanged', () => {
		const failure = { error: 'Service unavailable', httpCode: '503', failedPage: 2, receivedBeforeFailure: 1000 };
		expect(simplifyRecord(failure, view)).toBe(failure);
	});
});

/** The parameters n8n stores and fills in for a node of this type (name decides the variant). */
function resolvedParameters(properties: INodeProperties[], typeName: string, parameters: Record<string, unknown>) {
	const description = { name: typeName, properties } as never;
	const node = { typeVersion: 1, parameters } as unknown as INode;
	return NodeHelpers.getNodeParameters(properties, parameters as never, true, false, node, description) ?? {};
}

describe('simplifyProperties: the defaults of the two variants', () => {
	const view = simplifiedView(['id', 'name']);
	const properties: INodeProperties[] = [
		{ displayName: 'Operation', name: 'operation', type: 'options', options: [{ name: 'Get', value: 'get' }, { name: 'Create', value: 'create' }], default: 'get' },
		...simplifyProperties({ operation: ['get'] }, view),
	];

	test('the normal node: off by default, so a saved workflow keeps its output', () => {
		expect(resolvedParameters(properties, 'ocamba', { operation: 'get' })).toEqual({ operation: 'get', simplify: false });
	});

	test('the AI-tool variant: on by default', () => {
		expect(resolvedParameters(properties, 'ocambaTool', { operation: 'get' })).toEqual({ operation: 'get', simplify: true });
	});

	test('a value set by the user wins in both variants; operations without the switch have none', () => {
		expect(resolvedParameters(properties, 'ocambaTool', { operation: 'get', simplify: false })).toEqual({ operation: 'get', simplify: false });
		expect(resolvedParameters(properties, 'ocamba', { operation: 'get', simplify: true })).toEqual({ operation: 'get', simplify: true });
		expect(resolvedParameters(properties, 'ocamba', { operation: 'create' })).toEqual({ operation: 'create' });
	});

	test('named, worded and listed as n8n\'s UX guidelines say', () => {
		const [normal, tool] = simplifyProperties({ operation: ['get'] }, simplifiedView(['id', 'name', 'status']), 'A note');
		expect(normal).toMatchObject({ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: false });
		expect(normal.description).toBe('Whether to return a simplified version of the response instead of the raw data: only id, name and status. A note.');
		expect(tool.description).toBe(
			'Whether to return a simplified version of the response instead of the raw data: only id, name and status. A note. On by default for an AI agent, which then gets a compact answer.',
		);
		const [single] = simplifyProperties({ operation: ['get'] }, simplifiedView(['id']));
		expect(single.description).toBe('Whether to return a simplified version of the response instead of the raw data: only id');
	});

	test('withSimplify puts the switch just before the Options collection', () => {
		const options: INodeProperties = { displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] };
		const names = withSimplify([properties[0], options], { operation: ['get'] }, view).map((p) => p.name);
		expect(names).toEqual(['operation', 'simplify', 'simplify', 'options']);
		expect(withSimplify([properties[0]], { operation: ['get'] }, view).map((p) => p.name)).toEqual(['operation', 'simplify', 'simplify']);
	});
});

/** Every resource/operation pair of a node that offers Simplify, read from its description. */
function operationsWithSimplify(node: INodeType): Array<{ resource: string; operation: string; route?: string }> {
	const found: Array<{ resource: string; operation: string; route?: string }> = [];
	for (const property of node.description.properties.filter((p) => p.name === 'simplify' && p.default === false)) {
		const show = property.displayOptions?.show ?? {};
		for (const resource of (show.resource ?? []) as string[]) {
			for (const operation of (show.operation ?? []) as string[]) found.push({ resource, operation, route: (show.route as string[] | undefined)?.[0] });
		}
	}
	return found;
}

describe.each([
	['Ocamba', new Ocamba()],
	['Octopush', new Octopush()],
	['Yeti Switch', new YetiSwitch()],
])('%s: every operation with Simplify, in both variants', (_name, node) => {
	const offered = operationsWithSimplify(node);
	const tool = toolVariant(node);

	test('offers it on some operations, each with one switch per variant', () => {
		expect(offered.length).toBeGreaterThan(2);
		const switches = node.description.properties.filter((p) => p.name === 'simplify');
		expect(switches.filter((p) => p.default === true)).toHaveLength(switches.length / 2);
		for (const property of switches) {
			expect(property.displayOptions?.show?.['@tool']).toEqual([property.default]);
			expect(property.description).toMatch(/^Whether to return a simplified version of the response instead of the raw data: only id|^Whether to return a simplified version of the response instead of the raw data: only (api_login|phone_number|callback_url_for_deliveries)/);
		}
	});

	test('off by default in the normal node, on in the tool variant', () => {
		for (const { resource, operation, route } of offered) {
			const parameters = { resource, operation, ...(route ? { route } : {}) };
			expect([resource, operation, route, resolvedParameters(node.description.properties, node.description.name, parameters).simplify]).toEqual([resource, operation, route, false]);
			expect([resource, operation, route, resolvedParameters(tool.description.properties, tool.description.name, parameters).simplify]).toEqual([resource, operation, route, true]);
		}
	});
});
