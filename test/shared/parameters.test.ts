/**
 * The parameter fast path (nodes/shared/parameters.ts) must answer exactly what n8n's own
 * getNodeParameter answers, value or error, for every shape of parameter and item; and it must
 * actually take the fast path for fixed values and plain `{{ $json.field }}` mappings.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { Ocamba } from '../../nodes/Ocamba/Ocamba.node';
import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { plainJsonPath, withFastParameters } from '../../nodes/shared/parameters';
import { createExecuteContext } from '../harness/run-node';
import { testNodeDescription } from '../harness/test-node';

const properties: INodeProperties[] = [
	{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		default: {},
		options: [
			{ displayName: 'A', name: 'a', type: 'string', default: '' },
			{ displayName: 'B', name: 'b', type: 'number', default: 0 },
		],
	},
];

class ParameterProbe implements INodeType {
	description: INodeTypeDescription = testNodeDescription('parameterProbe', { properties });
}

const item: IDataObject = {
	name: 'Ada',
	zero: 0,
	no: false,
	empty: '',
	nothing: null,
	list: [1, 2],
	nested: { city: 'Paris', deeper: { code: 75 } },
	'first name': 'Ada L.',
	price: 12.5,
};

/** Each stored value is read for item 0 through both paths. */
const storedValues: Array<[string, unknown]> = [
	['fixed text', 'hello'],
	['fixed number', 42],
	['fixed zero', 0],
	['fixed false', false],
	['fixed empty', ''],
	['$json string', '={{ $json.name }}'],
	['$json no spaces', '={{$json.name}}'],
	['$json number 0', '={{ $json.zero }}'],
	['$json decimal', '={{ $json.price }}'],
	['$json false', '={{ $json.no }}'],
	['$json empty string', '={{ $json.empty }}'],
	['$json null', '={{ $json.nothing }}'],
	['$json missing', '={{ $json.missing }}'],
	['$json array', '={{ $json.list }}'],
	['$json object', '={{ $json.nested }}'],
	['$json nested', '={{ $json.nested.city }}'],
	['$json deeper', '={{ $json.nested.deeper.code }}'],
	['$json through a missing key', '={{ $json.missing.city }}'],
	['$json bracket double', '={{ $json["first name"] }}'],
	["$json bracket single", "={{ $json['first name'] }}"],
	['$json property of a string', '={{ $json.name.length }}'],
	['$json constructor', '={{ $json.constructor }}'],
	['$json __proto__', '={{ $json.__proto__ }}'],
	['template around', '=Dear {{ $json.name }}'],
	['method call', '={{ $json.name.toUpperCase() }}'],
	['arithmetic', '={{ $json.zero + 1 }}'],
	['expression without braces', '=just text'],
	['two mappings', '={{ $json.name }}{{ $json.zero }}'],
	['other node', "={{ $('Start').item.json.name }}"],
];

function contextFor(value: unknown, items: IDataObject[] = [item]) {
	const parameters = { value, additionalFields: { a: '={{ $json.name }}', b: 7 } } as INodeParameters;
	return createExecuteContext({ nodeType: new ParameterProbe(), parameters, items }).context;
}

function outcome(read: () => unknown): { value?: unknown; error?: string } {
	try {
		return { value: read() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** The fast context, and how often it handed a read to n8n. */
function fastWithCounter(context: ReturnType<typeof contextFor>) {
	const original = context.getNodeParameter;
	const writable = context as unknown as { getNodeParameter: typeof original };
	let handedToN8n = 0;
	writable.getNodeParameter = ((...args: Parameters<typeof original>) => {
		handedToN8n += 1;
		return original.apply(context, args);
	}) as typeof original;
	const fast = withFastParameters(context);
	return { fast, handedToN8n: () => handedToN8n };
}

describe('parameter fast path: same answers as n8n', () => {
	test.each(storedValues)('%s', (_label, stored) => {
		const expected = outcome(() => contextFor(stored).getNodeParameter('value', 0));
		const { fast } = fastWithCounter(contextFor(stored));
		expect(outcome(() => fast.getNodeParameter('value', 0))).toEqual(expected);
	});

	test('collections, fixed collections and resource locators: a copy with each value resolved', () => {
		const stored = {
			a: '={{ $json.name }}',
			b: 7,
			rows: { row: [{ key: 'x', value: '={{ $json.nested.city }}' }, { key: 'y', value: 3 }] },
			locator: { __rl: true, mode: 'id', value: '={{ $json.zero }}' },
			none: null,
		};
		const expected = contextFor(stored).getNodeParameter('value', 0);
		const { fast, handedToN8n } = fastWithCounter(contextFor(stored));
		const got = fast.getNodeParameter('value', 0) as IDataObject;
		expect(got).toEqual(expected);
		expect(handedToN8n()).toBe(0);
		// A copy: changing it leaves the node's parameters alone, as with n8n.
		(got.rows as IDataObject).row = [];
		expect((fast.getNodeParameter('value', 0) as IDataObject).rows).toEqual((expected as IDataObject).rows);
	});

	test('a collection with one value n8n must evaluate goes to n8n whole', () => {
		const stored = { a: '={{ $json.name }}', b: '={{ $json.zero + 1 }}' };
		const expected = contextFor(stored).getNodeParameter('value', 0);
		const { fast, handedToN8n } = fastWithCounter(contextFor(stored));
		expect(fast.getNodeParameter('value', 0)).toEqual(expected);
		expect(expected).toEqual({ a: 'Ada', b: 1 });
		expect(handedToN8n()).toBe(1);
	});

	test('dotted paths into a collection, fallbacks, missing parameters, items that do not exist', () => {
		const pairs: Array<[string, number, unknown]> = [
			['additionalFields.a', 0, undefined],
			['additionalFields.b', 0, undefined],
			['additionalFields.c', 0, 'fallback'],
			['notAParameter', 0, 'fallback'],
			['notAParameter', 0, undefined],
			['value', 5, undefined],
		];
		for (const [name, itemIndex, fallback] of pairs) {
			const expected = outcome(() => contextFor('={{ $json.name }}').getNodeParameter(name, itemIndex, fallback));
			const { fast } = fastWithCounter(contextFor('={{ $json.name }}'));
			expect({ name, itemIndex, ...outcome(() => fast.getNodeParameter(name, itemIndex, fallback)) }).toEqual({ name, itemIndex, ...expected });
		}
	});

	test('each item gets its own value', () => {
		const items = [{ name: 'first' }, { name: 'second' }, { other: 1 }];
		const expected = items.map((_, i) => outcome(() => contextFor('={{ $json.name }}', items).getNodeParameter('value', i)));
		const { fast } = fastWithCounter(contextFor('={{ $json.name }}', items));
		expect(items.map((_, i) => outcome(() => fast.getNodeParameter('value', i)))).toEqual(expected);
		expect(expected.map((e) => e.value)).toEqual(['first', 'second', undefined]);
	});

	test('options (extractValue, rawExpressions) are always n8n\'s', () => {
		const locator = { __rl: true, mode: 'id', value: '={{ $json.name }}' };
		const expected = contextFor(locator).getNodeParameter('value', 0, undefined, { extractValue: true });
		const { fast, handedToN8n } = fastWithCounter(contextFor(locator));
		expect(fast.getNodeParameter('value', 0, undefined, { extractValue: true })).toEqual(expected);
		expect(fast.getNodeParameter('value', 0, undefined, { rawExpressions: true })).toEqual(locator);
		expect(handedToN8n()).toBe(2);
	});

	test('getNode() gives what n8n gives, copied once per run', () => {
		const context = contextFor('x');
		const n8nNode = context.getNode();
		const fast = withFastParameters(context);
		expect(fast.getNode()).toEqual(n8nNode);
		expect(fast.getNode()).toBe(fast.getNode());
	});
});

describe('parameter fast path: taken where it should be', () => {
	test.each([
		['fixed text', 'hello'],
		['fixed number', 42],
		['$json string', '={{ $json.name }}'],
		['$json nested', '={{ $json.nested.deeper.code }}'],
		['$json bracket', '={{ $json["first name"] }}'],
	])('%s: answered without n8n', (_label, stored) => {
		const { fast, handedToN8n } = fastWithCounter(contextFor(stored));
		fast.getNodeParameter('value', 0);
		expect(handedToN8n()).toBe(0);
	});

	test.each([
		['template', '=Dear {{ $json.name }}'],
		['missing field', '={{ $json.missing }}'],
		['object value', '={{ $json.nested }}'],
		['null value', '={{ $json.nothing }}'],
	])('%s: handed to n8n', (_label, stored) => {
		const { fast, handedToN8n } = fastWithCounter(contextFor(stored));
		fast.getNodeParameter('value', 0);
		expect(handedToN8n()).toBe(1);
	});

	test('plainJsonPath reads only paths', () => {
		expect(plainJsonPath('={{ $json.a.b }}')).toEqual(['a', 'b']);
		expect(plainJsonPath('={{ $json["a b"].c }}')).toEqual(['a b', 'c']);
		expect(plainJsonPath('={{ $json.a() }}')).toBeNull();
		expect(plainJsonPath('={{ $json }}')).toBeNull();
		expect(plainJsonPath('={{ $json.a }} ')).toBeNull();
	});
});

test('no parameter of our nodes asks n8n for more than resolving (validateType, resource mappers, filters)', () => {
	// Those make n8n's getNodeParameter validate or convert after resolving, which the fast path does not.
	const offending: string[] = [];
	const visit = (node: string, list: INodeProperties[] | undefined, path: string) => {
		for (const property of list ?? []) {
			const here = `${node}${path}.${property.name}`;
			if (property.validateType || property.type === 'resourceMapper' || property.type === 'filter') offending.push(here);
			const options = property.options as Array<INodeProperties | { name: string; values?: INodeProperties[] }> | undefined;
			for (const option of options ?? []) {
				if (typeof option !== 'object' || option === null) continue;
				if ('type' in option) visit(node, [option as INodeProperties], here);
				else if ('values' in option) visit(node, option.values, here);
			}
		}
	};
	for (const nodeType of [new Ocamba(), new Octopush(), new YetiSwitch()]) visit(nodeType.description.name, nodeType.description.properties, '');
	expect(offending).toEqual([]);
});
