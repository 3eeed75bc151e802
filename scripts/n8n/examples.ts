/**
 * The example workflows (`examples/<vendor>-<what>.json`) and what their `.expect.json` says must
 * happen when one runs against freshly reset sandboxes; the checks are shared by `npm run demo`
 * and the end-to-end suite so both judge an example the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { basename, join } from 'path';
import type { RecordedRequest } from '../../sandbox/core';
import type { ExecutionRun } from './cli';
import { NODE_TYPES, PACKAGE_NAME, REPO_ROOT } from './config';

export type Vendor = 'ocamba' | 'octopush' | 'yeti';
export const VENDORS: Vendor[] = ['ocamba', 'octopush', 'yeti'];

export interface ExpectedRequest {
	vendor: Vendor;
	method: string;
	/** Decoded path. */
	path: string;
	/** Subset of the query (values compared as strings). */
	query?: Record<string, unknown>;
	/** Subset of the headers (names case-insensitive, values exact). */
	headers?: Record<string, string>;
	/** The whole body, compared deep-equal (a string is compared with the raw body). */
	body?: unknown;
}

export interface WebhookDelivery {
	method?: string;
	/** Path below the webhook URL's node path, when the trigger has several. */
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface ExampleExpectation {
	requests?: ExpectedRequest[];
	exactRequests?: boolean;
	node?: string;
	items?: number;
	output?: Record<string, unknown>;
	/** A trigger workflow: activated in a running n8n instead of `n8n execute`. */
	trigger?: boolean;
	/** For triggers: what to POST to the webhook (default: an Octopush delivery report). */
	webhook?: WebhookDelivery;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	/** File name without .json, e.g. "ocamba-create-account". */
	name: string;
	file: string;
	workflow: Workflow;
	expect?: ExampleExpectation;
	expectFile?: string;
}

/** examples/ of this repository (N8N_EXAMPLES_DIR points the tooling at another folder). */
export const EXAMPLES_DIR = process.env.N8N_EXAMPLES_DIR || join(REPO_ROOT, 'examples');

/** Every example workflow, sorted by name; a malformed file is reported, never skipped. */
export function loadExamples(dir = EXAMPLES_DIR): Example[] {
	if (!existsSync(dir)) return [];
	const files = readdirSync(dir)
		.filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json'))
		.sort();
	return files.map((file) => {
		const path = join(dir, file);
		const name = basename(file, '.json');
		let workflow: Workflow;
		try {
			workflow = JSON.parse(readFileSync(path, 'utf8'));
		} catch (error) {
			throw new Error(`examples/${file} is not valid JSON: ${(error as Error).message}`);
		}
		const expectFile = join(dir, `${name}.expect.json`);
		let expect: ExampleExpectation | undefined;
		if (existsSync(expectFile)) {
			try {
				expect = JSON.parse(readFileSync(expectFile, 'utf8'));
			} catch (error) {
				throw new Error(`examples/${name}.expect.json is not valid JSON: ${(error as Error).message}`);
			}
		}
		return { name, file: path, workflow, expect, expectFile: expect ? expectFile : undefined };
	});
}

/** Problems with the workflow file itself (what `n8n execute` would fail on less clearly). */
export function checkWorkflowShape(example: Example): string[] {
	const problems: string[] = [];
	const { workflow } = example;
	if (typeof workflow.id !== 'string' || !/^[A-Za-z0-9]{16}$/.test(workflow.id)) {
		problems.push(`workflow id must be a 16-character alphanumeric string (found ${JSON.stringify(workflow.id)})`);
	}
	if (!Array.isArray(workflow.nodes)) return [...problems, 'workflow has no nodes array'];
	const isTrigger = Boolean(example.expect?.trigger);
	if (!isTrigger && !workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')) {
		problems.push('workflow must start with a Manual Trigger (n8n-nodes-base.manualTrigger) so `n8n execute` can run it');
	}
	const ours = workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
	if (ours.length === 0) problems.push(`workflow uses none of our nodes (${Object.values(NODE_TYPES).join(', ')})`);
	const node = example.expect?.node;
	if (node && !workflow.nodes.some((n) => n.name === node)) problems.push(`expect.node "${node}" is not a node of the workflow`);
	return problems;
}

/** The node the demo reports on: the expect file's, else the last of our nodes. */
export function mainNode(example: Example): WorkflowNode | undefined {
	const named = example.expect?.node;
	if (named) return example.workflow.nodes.find((node) => node.name === named);
	const ours = example.workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
	return ours[ours.length - 1];
}

/** "resource: operation" of a node, as the editor's subtitle shows it. */
/** The nodes after the Manual Trigger, in the order a simple chain of connections runs them. */
export function nodeChain(example: Example): WorkflowNode[] {
	const { nodes, connections } = example.workflow;
	const order: WorkflowNode[] = [];
	let current = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	while (current) {
		const next = (connections[current.name] as { main?: Array<Array<{ node: string }>> } | undefined)?.main?.[0]?.[0]?.node;
		current = nodes.find((n) => n.name === next);
		if (current) order.push(current);
	}
	return order;
}

export function operationOf(node: WorkflowNode | undefined): string {
	if (!node) return '-';
	const { resource, operation, event, events } = node.parameters ?? {};
	if (node.type === NODE_TYPES.octopushTrigger) return `trigger${events ? `: ${JSON.stringify(events)}` : event ? `: ${String(event)}` : ''}`;
	return [resource, operation].filter((part) => typeof part === 'string').join(': ') || '-';
}

/** Which vendors' credentials an example uses. */
export function credentialTypesOf(example: Example): string[] {
	const types = new Set<string>();
	for (const node of example.workflow.nodes) for (const type of Object.keys(node.credentials ?? {})) types.add(type);
	return [...types];
}

/** Items a node output in its last run (all main outputs together). */
export function nodeItems(run: ExecutionRun | undefined, nodeName: string): Array<Record<string, unknown>> | undefined {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return undefined;
	const last = runs[runs.length - 1];
	return (last.data?.main ?? []).flatMap((output) => (output ?? []).map((item) => item.json));
}

// ------------------------------------------------------------------ comparison

/**
 * `{"$matches": "<regular expression>"}` in an expectation stands for any string it matches: a value
 * that changes from run to run (a name made unique with the time, so an example can run again and
 * again against the same server).
 */
function isMatcher(value: unknown): value is { $matches: string } {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { $matches?: unknown }).$matches === 'string';
}

/** Whether `actual` is what `expected` describes (`expected` may hold matchers). */
function deepEqual(a: unknown, b: unknown): boolean {
	if (isMatcher(a)) return typeof b === 'string' && new RegExp(a.$matches).test(b);
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		return a.length === other.length && a.every((value, index) => deepEqual(value, other[index]));
	}
	const aKeys = Object.keys(a as object);
	const bKeys = Object.keys(b as object);
	if (aKeys.length !== bKeys.length) return false;
	return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as never)[key], (b as never)[key]));
}

/**
 * Where `actual` does not contain `expected` (objects: every expected key, recursively; arrays:
 * same length, element-wise subset; others: equal). Undefined when it does.
 */
export function subsetMismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
	if (isMatcher(expected)) return deepEqual(expected, actual) ? undefined : `${path || 'value'}: expected a string matching /${expected.$matches}/, got ${show(actual)}`;
	if (expected !== null && typeof expected === 'object') {
		if (Array.isArray(expected)) {
			if (!Array.isArray(actual)) return `${path || 'value'}: expected an array, got ${show(actual)}`;
			if (actual.length !== expected.length) return `${path || 'value'}: expected ${expected.length} elements, got ${actual.length}`;
			for (let index = 0; index < expected.length; index++) {
				const mismatch = subsetMismatch(expected[index], actual[index], `${path}[${index}]`);
				if (mismatch) return mismatch;
			}
			return undefined;
		}
		if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
			return `${path || 'value'}: expected an object, got ${show(actual)}`;
		}
		for (const [key, value] of Object.entries(expected)) {
			const mismatch = subsetMismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
			if (mismatch) return mismatch;
		}
		return undefined;
	}
	return deepEqual(expected, actual) ? undefined : `${path || 'value'}: expected ${show(expected)}, got ${show(actual)}`;
}

function show(value: unknown): string {
	const text = JSON.stringify(value);
	if (text === undefined) return 'nothing';
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function decodePath(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

export interface VendorRequest extends RecordedRequest {
	vendor: Vendor;
}

/** All vendors' recorded requests in the order they arrived. */
export function mergeRequests(byVendor: Record<Vendor, RecordedRequest[]>): VendorRequest[] {
	return VENDORS.flatMap((vendor) => byVendor[vendor].map((request) => ({ ...request, vendor })))
		.map((request, index) => ({ request, index }))
		.sort((a, b) => a.request.at - b.request.at || a.index - b.index)
		.map(({ request }) => request);
}

export function describeRequest(request: { vendor: string; method: string; path: string; url?: string }): string {
	return `${request.vendor} ${request.method} ${request.url ?? request.path}`;
}

/** Why a recorded request is not the expected one, or undefined when it is. */
export function requestMismatch(expected: ExpectedRequest, actual: VendorRequest): string | undefined {
	if (expected.vendor !== actual.vendor) return `vendor: expected ${expected.vendor}, got ${actual.vendor}`;
	if (expected.method.toUpperCase() !== actual.method) return `method: expected ${expected.method}, got ${actual.method}`;
	if (expected.path !== decodePath(actual.path)) return `path: expected ${expected.path}, got ${decodePath(actual.path)}`;
	for (const [key, value] of Object.entries(expected.query ?? {})) {
		const got = actual.query[key];
		const want = Array.isArray(value) ? value.map(String) : String(value);
		if (!deepEqual(want, got)) return `query ${key}: expected ${show(want)}, got ${show(got)}`;
	}
	for (const [name, value] of Object.entries(expected.headers ?? {})) {
		const got = actual.headers[name.toLowerCase()];
		if (got !== value) return `header ${name}: expected ${show(value)}, got ${show(got)}`;
	}
	if (expected.body !== undefined) {
		if (typeof expected.body === 'string') {
			if (expected.body !== actual.rawBody) return `body: expected ${show(expected.body)}, got ${show(actual.rawBody)}`;
		} else if (!deepEqual(expected.body, actual.body)) {
			return `body: expected exactly ${show(expected.body)}, got ${show(actual.body ?? actual.rawBody)}`;
		}
	}
	return undefined;
}

/**
 * Problems with the requests the sandboxes saw: the expected ones must appear in order (with
 * exactRequests, as the only ones).
 */
export function checkRequests(expect: ExampleExpectation, recorded: VendorRequest[]): string[] {
	const expected = expect.requests ?? [];
	const problems: string[] = [];
	if (expect.exactRequests) {
		const count = Math.max(expected.length, recorded.length);
		for (let index = 0; index < count; index++) {
			const want = expected[index];
			const got = recorded[index];
			if (!want) problems.push(`unexpected request #${index + 1}: ${describeRequest(got)}`);
			else if (!got) problems.push(`missing request #${index + 1}: ${describeRequest(want)}`);
			else {
				const mismatch = requestMismatch(want, got);
				if (mismatch) problems.push(`request #${index + 1} (${describeRequest(got)}): ${mismatch}`);
			}
		}
		return problems;
	}
	// In order, others allowed in between: match each expected request to the next fitting one.
	let cursor = 0;
	for (const [index, want] of expected.entries()) {
		let found = -1;
		let closest: string | undefined;
		for (let at = cursor; at < recorded.length; at++) {
			const mismatch = requestMismatch(want, recorded[at]);
			if (!mismatch) {
				found = at;
				break;
			}
			if (!closest && recorded[at].vendor === want.vendor && recorded[at].method === want.method.toUpperCase() && decodePath(recorded[at].path) === want.path) {
				closest = `${describeRequest(recorded[at])}: ${mismatch}`;
			}
		}
		if (found === -1) {
			problems.push(`expected request #${index + 1} ${describeRequest(want)} was not received${closest ? ` (closest: ${closest})` : ''}`);
		} else {
			cursor = found + 1;
		}
	}
	return problems;
}

/** Problems with what the expected node output. */
export function checkOutput(expect: ExampleExpectation, run: ExecutionRun | undefined): string[] {
	if (!expect.node) return [];
	const items = nodeItems(run, expect.node);
	if (!items) return [`node "${expect.node}" did not run`];
	const problems: string[] = [];
	if (expect.items !== undefined && items.length !== expect.items) {
		problems.push(`node "${expect.node}" output ${items.length} item(s), expected ${expect.items}`);
	}
	if (expect.output) {
		if (!items[0]) problems.push(`node "${expect.node}" output no item to compare with the expected output`);
		else {
			const mismatch = subsetMismatch(expect.output, items[0]);
			if (mismatch) problems.push(`node "${expect.node}" first item: ${mismatch}`);
		}
	}
	return problems;
}

/** The delivery report POSTed to a trigger example when its expect file names none (vendor-specs/octopush.md). */
export const DEFAULT_DELIVERY_REPORT = {
	channel: 'sms',
	message_id: 'sms_5f1a8e3c2b9d4',
	number: '+33600000000',
	status: 'DELIVERED',
	delivery_date: '2026-11-24 09:30:00',
	meta_data: '',
};
