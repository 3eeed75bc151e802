/**
 * Parameter reads without paying for n8n's expression engine where the answer is already known.
 *
 * The commonest expression by far is a field of the incoming item dragged onto a parameter:
 * `{{ $json.name }}`. n8n evaluates each one by building a whole workflow data proxy and running the
 * expression (about 0.1 ms each; three mapped fields on 5,000 items is 1.5 s). A fixed value or a plain
 * `$json` field read gives the same answer read directly, so that is what happens here; anything else
 * (another expression, a field that is missing or not a plain string/number/boolean, an item index
 * n8n would complain about) goes through n8n's own getNodeParameter, so its answer and its errors
 * stay exactly n8n's.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

/** Returned when a value needs n8n's expression engine. */
const NEEDS_N8N: unique symbol = Symbol('needs n8n');

/** `={{ $json.a }}`, `={{ $json.a.b }}`, `={{ $json["first name"] }}`: nothing but a path into the item. */
const PLAIN_JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

const pathCache = new Map<string, string[] | null>();

/** The keys of a plain `$json` path expression, or null when the expression is anything else. */
export function plainJsonPath(expression: string): string[] | null {
	let keys = pathCache.get(expression);
	if (keys !== undefined) return keys;
	const match = PLAIN_JSON_PATH.exec(expression);
	keys = match ? [...match[1].matchAll(PATH_SEGMENT)].map((m) => m[1] ?? m[2] ?? m[3]) : null;
	// Parameters are few and fixed per workflow; the bound only guards against unbounded growth.
	if (pathCache.size < 1000) pathCache.set(expression, keys);
	return keys;
}

function readJsonPath(json: IDataObject | undefined, keys: string[]): unknown {
	let value: unknown = json;
	for (const key of keys) {
		// Own properties of plain data only: `constructor`, `length` of a string and the like are n8n's to answer.
		if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return NEEDS_N8N;
		value = (value as IDataObject)[key];
	}
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return NEEDS_N8N;
}

/**
 * What n8n's getParameterValue would give for a stored parameter value, when that is known without
 * evaluating anything: objects and arrays are copied with each value resolved, as n8n does.
 */
export function resolveWithoutEngine(value: unknown, json: IDataObject | undefined): unknown {
	if (typeof value === 'string') {
		if (value.charAt(0) !== '=') return value;
		const keys = plainJsonPath(value);
		return keys ? readJsonPath(json, keys) : NEEDS_N8N;
	}
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		for (const entry of value) {
			const resolved = resolveWithoutEngine(entry, json);
			if (resolved === NEEDS_N8N) return NEEDS_N8N;
			copy.push(resolved);
		}
		return copy;
	}
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		const resolved = resolveWithoutEngine(entry, json);
		if (resolved === NEEDS_N8N) return NEEDS_N8N;
		copy[key] = resolved as IDataObject[string];
	}
	return copy;
}

export function needsN8n(value: unknown): value is typeof NEEDS_N8N {
	return value === NEEDS_N8N;
}

function readStored(parameters: IDataObject, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/**
 * Makes this run's context answer fixed values and plain `$json` reads itself in getNodeParameter, and
 * copy the node once in getNode() instead of on every call (n8n deep-copies it, parameters and all,
 * each time). Installed on the context itself (n8n builds a fresh one for every run of a node), so
 * `this` stays n8n's own object for everything else; every other read is n8n's.
 */
export function withFastParameters(context: IExecuteFunctions): IExecuteFunctions {
	const n8nGetNodeParameter = context.getNodeParameter;
	const n8nGetNode = context.getNode;
	let node: INode | undefined;
	let items: INodeExecutionData[] | undefined;
	const getNode = () => (node ??= n8nGetNode.call(context));
	const writable = context as { -readonly [K in keyof IExecuteFunctions]: IExecuteFunctions[K] };
	writable.getNode = getNode;
	writable.getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: unknown) => {
		// Options (extractValue, ensureType, rawExpressions...) change what n8n returns: leave them to n8n.
		if (options === undefined && typeof itemIndex === 'number') {
			const stored = readStored(getNode().parameters as IDataObject, name);
			if (stored !== undefined) {
				items ??= context.getInputData();
				const item = items[itemIndex];
				if (item !== undefined) {
					const resolved = resolveWithoutEngine(stored, item.json);
					if (!needsN8n(resolved)) return resolved;
				}
			}
		}
		return n8nGetNodeParameter.call(context, name, itemIndex, fallback as never, options as never);
	}) as IExecuteFunctions['getNodeParameter'];
	return context;
}
