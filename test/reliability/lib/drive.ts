/**
 * Drives a node's operations from its own description: which resource/operation pairs exist, which
 * parameters an operation shows, hostile values for each kind of parameter, and the judgement of
 * what happened (a clean request, a NodeOperationError naming the field and item before any request,
 * or a defect). Shared by the hostile-input and path-injection suites.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError } from 'n8n-workflow';

import type { RecordedRequest } from '../../../sandbox/core';

export interface OperationRef {
	resource: string;
	operation: string;
}

export const key = (op: OperationRef) => `${op.resource}:${op.operation}`;

/** Every resource/operation pair the node offers, read from its Resource and Operation options. */
export function operationsOf(nodeType: INodeType): OperationRef[] {
	const properties = nodeType.description.properties;
	const resource = properties.find((p) => p.name === 'resource');
	const resources = (resource?.options ?? []).map((o) => (o as { value: string }).value);
	const result: OperationRef[] = [];
	for (const value of resources) {
		for (const property of properties.filter((p) => p.name === 'operation')) {
			const shown = property.displayOptions?.show?.resource as string[] | undefined;
			if (shown && !shown.includes(value)) continue;
			// Operations loaded at run time (a generic route picker): one entry the suites must cover with variants.
			const method = property.typeOptions?.loadOptionsMethod;
			if (method && !property.options?.length) result.push({ resource: value, operation: `(${method})` });
			for (const option of property.options ?? []) result.push({ resource: value, operation: (option as { value: string }).value });
		}
	}
	return result;
}

/** The node's parameters with defaults, as the editor stores them. */
export function resolveParameters(nodeType: INodeType, parameters: INodeParameters): INodeParameters {
	const resolved = NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, null, nodeType.description);
	return { ...(resolved ?? {}), ...parameters } as INodeParameters;
}

export interface FuzzTarget {
	/** Where the value goes: ['name'], ['additionalFields', 'companyName'], ['callbacks', 'values', 'url']. */
	path: string[];
	property: INodeProperties;
	/** The display names along the path, for reports. */
	label: string;
	/** Set when the value sits inside a fixedCollection entry. */
	group?: { collection: INodeProperties; group: INodePropertyCollection };
}

const NOT_FUZZED = new Set(['resource', 'operation', 'requestOptions']);
const NOT_FUZZED_TYPES = new Set(['fixedCollection', 'collection', 'notice', 'hidden', 'button', 'callout', 'credentials', 'curlImport', 'credentialsSelect']);

/** The parameters an operation shows (and the fields inside its collections), for a given base. */
export function fuzzTargets(nodeType: INodeType, parameters: INodeParameters): FuzzTarget[] {
	const values = resolveParameters(nodeType, parameters);
	const targets: FuzzTarget[] = [];
	for (const property of nodeType.description.properties) {
		if (NOT_FUZZED.has(property.name) || (NOT_FUZZED_TYPES.has(property.type) && property.type !== 'collection' && property.type !== 'fixedCollection')) continue;
		if (!NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, nodeType.description)) continue;
		if (property.type === 'collection') {
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (NOT_FUZZED_TYPES.has(option.type)) continue;
				targets.push({ path: [property.name, option.name], property: option, label: `${property.displayName} → ${option.displayName}` });
			}
		} else if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				for (const option of group.values ?? []) {
					if (NOT_FUZZED_TYPES.has(option.type)) continue;
					targets.push({
						path: [property.name, group.name, option.name],
						property: option,
						label: `${property.displayName} → ${group.displayName} → ${option.displayName}`,
						group: { collection: property, group },
					});
				}
			}
		} else {
			targets.push({ path: [property.name], property, label: property.displayName });
		}
	}
	return targets;
}

/** What kind of value a parameter holds, judged by its type and what its name says. */
export function category(property: INodeProperties): string {
	const name = `${property.name} ${property.displayName}`.toLowerCase();
	const hint =
		[/phone|recipient|mobile|sender/, /mail/, /url|callback|webhook|website|link/, /amount|price|balance|credit|quantity|count/, /json|settings|attributes|variables|filter/, /password|secret|token/].findIndex((r) => r.test(name));
	return `${property.type}:${hint}`;
}

/**
 * Top-level parameters are all kept; inside one collection, one field per category is enough (a node
 * with 100 optional number fields reads them all the same way), which keeps the suites fast.
 */
export function sampleTargets(targets: FuzzTarget[]): FuzzTarget[] {
	const seen = new Set<string>();
	return targets.filter((target) => {
		if (target.path.length === 1) return true;
		const id = `${target.path[0]}|${category(target.property)}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

/** Every display name a node's parameters use, at any depth (an error must name one of them). */
export function fieldNames(nodeType: INodeType): string[] {
	const names = new Set<string>();
	const visit = (properties: Array<INodeProperties | INodePropertyCollection>) => {
		for (const property of properties) {
			names.add(property.displayName);
			const nested = (property as INodeProperties).options ?? (property as INodePropertyCollection).values;
			if (Array.isArray(nested)) {
				const children = (nested as unknown[]).filter((o) => typeof o === 'object' && o !== null && 'displayName' in o && ('type' in o || 'values' in o));
				visit(children as Array<INodeProperties | INodePropertyCollection>);
			}
		}
	};
	visit(nodeType.description.properties);
	return [...names].filter((name) => name.length > 1);
}

/** Puts a value at a target's path in a copy of the parameters. */
export function withValue(nodeType: INodeType, parameters: INodeParameters, target: FuzzTarget, value: unknown): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as INodeParameters;
	const [top, second, third] = target.path;
	if (target.path.length === 1) {
		copy[top] = value as never;
	} else if (target.path.length === 2) {
		copy[top] = { ...((copy[top] as IDataObject) ?? {}), [second]: value } as never;
	} else {
		// A fixedCollection entry: keep the base's entry if there is one, else the group's defaults.
		const collection = ((copy[top] as IDataObject) ?? {}) as IDataObject;
		const multiple = target.group?.collection.typeOptions?.multipleValues === true;
		const existing = collection[second];
		const baseEntry = (Array.isArray(existing) ? existing[0] : existing) as IDataObject | undefined;
		const defaults = Object.fromEntries((target.group?.group.values ?? []).map((v) => [v.name, v.default]));
		const entry = { ...defaults, ...(baseEntry ?? {}), [third]: value };
		collection[second] = multiple ? [entry, ...(Array.isArray(existing) ? existing.slice(1) : [])] : entry;
		copy[top] = collection as never;
	}
	void nodeType;
	return copy;
}

export interface HostileValue {
	label: string;
	value: unknown;
}

const LONG = 'x'.repeat(5000);
const UNICODE = 'Zoë Ñandú 日本語 مرحبا 🚀👩‍👩‍👧';

/** Hostile values for one parameter, chosen by its type and (for text) what its name says it holds. */
export function hostileValuesFor(property: INodeProperties): HostileValue[] {
	const values = hostileValuesByType(property);
	if (!property.typeOptions?.password) return values;
	// Password values are registered as secrets: keep them distinct from other fields' hostile values.
	return values.map((v) => (typeof v.value === 'string' && v.value.trim().length > 0 && !v.value.startsWith('=') ? { ...v, value: `${v.value}#pw` } : v));
}

function hostileValuesByType(property: INodeProperties): HostileValue[] {
	const expression = (code: string, label: string): HostileValue => ({ label, value: `={{ ${code} }}` });
	const common = [expression('null', 'null (expression)'), expression('{ "a": 1 }', 'an object (expression)'), expression('["a", "b"]', 'a list (expression)')];
	const name = `${property.name} ${property.displayName}`.toLowerCase();
	switch (property.type) {
		case 'number':
			return [
				expression('"12"', 'number given as text "12"'),
				expression('"abc"', 'text "abc" for a number'),
				{ label: 'negative -5', value: -5 },
				{ label: 'fractional 1.5', value: 1.5 },
				{ label: 'huge 1e21', value: 1e21 },
				expression('NaN', 'NaN'),
				...common,
			];
		case 'boolean':
			return [expression('"yes"', 'text "yes" for a boolean'), expression('"true"', 'text "true" for a boolean'), ...common];
		case 'options':
			return [{ label: 'unknown option', value: 'no-such-option' }, { label: 'empty', value: '' }, ...common];
		case 'multiOptions':
			return [{ label: 'unknown option in list', value: ['no-such-option'] }, expression('"text"', 'text for a list'), ...common];
		case 'json':
			return [
				{ label: 'invalid JSON', value: '{"a": ' },
				{ label: 'JSON list', value: '[1, 2]' },
				{ label: 'JSON text', value: '"just text"' },
				{ label: 'empty', value: '' },
				...common,
			];
		case 'dateTime':
			return [{ label: 'not a date', value: 'next tuesday-ish' }, { label: 'empty', value: '' }, ...common];
		case 'resourceLocator':
			return [
				{ label: 'empty id', value: { __rl: true, mode: 'id', value: '' } },
				{ label: 'whitespace id', value: { __rl: true, mode: 'id', value: '   ' } },
				{ label: 'unicode id', value: { __rl: true, mode: 'id', value: UNICODE } },
				{ label: 'object id', value: { __rl: true, mode: 'id', value: '={{ { "a": 1 } }}' } },
				...common,
			];
		default: {
			const values: HostileValue[] = [
				{ label: 'empty', value: '' },
				{ label: 'whitespace', value: '   \t ' },
				{ label: 'very long (5000)', value: LONG },
				{ label: 'non-Latin and emoji', value: UNICODE },
				expression('42', 'number 42 for text'),
				...common,
			];
			if (/phone|number|recipient|mobile|sender/.test(name)) {
				values.push({ label: 'malformed phone "12ab"', value: '12ab' }, { label: 'phone too short "+1"', value: '+1' }, { label: 'phone with letters', value: '+33 6 CALL ME' });
			}
			if (/mail/.test(name)) values.push({ label: 'malformed e-mail "a@"', value: 'a@' }, { label: 'e-mail without domain dot', value: 'name@localhost' });
			if (/url|callback|webhook|website|link/.test(name)) values.push({ label: 'malformed URL', value: 'htp:/nowhere' }, { label: 'javascript: URL', value: 'javascript:alert(1)' });
			if (/amount|price|balance|credit|quantity|count/.test(name)) values.push({ label: 'negative amount text', value: '-10' }, { label: 'fractional amount text', value: '0.005' });
			if (/json|settings|attributes|body|filter/.test(name)) values.push({ label: 'invalid JSON text', value: '{"a": ' });
			return values;
		}
	}
}

export type Verdict =
	| { kind: 'sent'; requests: number }
	| { kind: 'refused'; message: string }
	| { kind: 'api-error'; message: string; status?: string }
	| { kind: 'defect'; problems: string[] };

/** Problems in what reached the sandbox: undefined, [object Object], NaN, nulls the API does not want. */
export function requestProblems(requests: RecordedRequest[], options: { allowNullAt?: RegExp } = {}): string[] {
	const problems: string[] = [];
	for (const request of requests) {
		const where = `${request.method} ${request.path}`;
		let decodedUrl = request.url;
		try {
			decodedUrl = decodeURIComponent(request.url);
		} catch {
			// Keep the raw form.
		}
		for (const [pattern, what] of [
			[/\bundefined\b/, 'undefined'],
			[/\[object Object\]/, '[object Object]'],
			[/\bNaN\b/, 'NaN'],
		] as const) {
			if (pattern.test(decodedUrl)) problems.push(`${where}: URL carries ${what} (${request.url.slice(0, 120)})`);
			if (pattern.test(request.rawBody)) problems.push(`${where}: body carries ${what}`);
		}
		for (const [name, value] of Object.entries(request.query)) {
			for (const v of Array.isArray(value) ? value : [value]) if (v === 'null') problems.push(`${where}: query ${name}=null`);
		}
		const visit = (value: unknown, path: string) => {
			if (value === null) {
				if (!options.allowNullAt?.test(path)) problems.push(`${where}: body has null at ${path}`);
				return;
			}
			if (typeof value !== 'object') return;
			for (const [k, v] of Object.entries(value as object)) visit(v, `${path}.${k}`);
		};
		if (request.body !== undefined) visit(request.body, '$');
	}
	return problems;
}

/**
 * Judges one run: a clean request, a vendor refusal of a clean request, or a NodeOperationError that
 * names a field and the item before anything was sent. Anything else is a defect.
 */
export function judge(options: {
	outcome: { items?: INodeExecutionData[]; error?: unknown };
	requests: RecordedRequest[];
	fieldNames: string[];
	itemIndex?: number;
	allowNullAt?: RegExp;
}): Verdict {
	const { outcome, requests } = options;
	const itemIndex = options.itemIndex ?? 0;
	const problems = requestProblems(requests, { allowNullAt: options.allowNullAt });
	const error = outcome.error as (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
	if (!error) {
		const items = outcome.items ?? [];
		items.forEach((item, i) => {
			if (!item.pairedItem) problems.push(`output item ${i} has no pairedItem`);
			if (typeof item.json !== 'object' || item.json === null) problems.push(`output item ${i} has no JSON`);
		});
		return problems.length ? { kind: 'defect', problems } : { kind: 'sent', requests: requests.length };
	}
	const text = `${error.message} ${error.description ?? ''}`;
	if (/\bundefined\b|\[object Object\]|Cannot read propert|is not a function|is not iterable/.test(text)) {
		problems.push(`error text looks like a crash: ${error.message}`);
	}
	if (error instanceof NodeOperationError) {
		// A check that needs the vendor's data (e.g. the wallet's balance) may read first; nothing may be changed.
		const writes = requests.filter((r) => r.method !== 'GET');
		if (writes.length) problems.push(`NodeOperationError after ${writes.length} write request(s) were sent: ${error.message}`);
		if (error.context?.itemIndex !== itemIndex && !text.includes(`item ${itemIndex}`)) problems.push(`error does not name the item: ${error.message}`);
		const lower = text.toLowerCase();
		if (!options.fieldNames.some((name) => lower.includes(name.toLowerCase()))) problems.push(`error names no field: ${error.message}`);
		return problems.length ? { kind: 'defect', problems } : { kind: 'refused', message: error.message };
	}
	if (error instanceof NodeApiError) {
		// 414/431: the server refused the URL or headers before routing (so the sandbox recorded nothing).
		if (!requests.length && !['414', '431'].includes(String(error.httpCode))) problems.push(`NodeApiError without any request: ${error.message}`);
		return problems.length ? { kind: 'defect', problems } : { kind: 'api-error', message: error.message, status: error.httpCode ?? undefined };
	}
	problems.push(`unhandled ${(error as Error)?.constructor?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`);
	return { kind: 'defect', problems };
}
