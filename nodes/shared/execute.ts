/**
 * How every node of ours turns input items into output items: one operation call per item (or one
 * call for all items, for batch operations), up to N in flight, output in input order, every output
 * item paired to its input, and "Continue On Fail" turning a failed item into an error item while
 * the others go on.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isOutcomeUnknown } from './http';
import { readRequestSettings } from './options';
import { withFastParameters } from './parameters';

/** What an operation may return for one item: JSON, several JSONs, or full items (binary). */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

export interface OperationModule {
	description: INodeProperties[];
	/** Runs the operation for one item. */
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<OperationResult>;
	/** Runs the operation once for all items (batching); must pair every output item itself. */
	executeAll?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
}

export type ResourceOperations = Record<string, OperationModule>;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Pairs an operation's result with the item it came from. */
export function toOutputItems(context: IExecuteFunctions, result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	const itemData = { item: itemIndex };
	// Plain JSON becomes `{ json, pairedItem }` directly, the shape constructExecutionMetaData gives, without
	// its two intermediate objects per item (a Return All of 100,000 records made 300,000 of them).
	if (!list.some(isExecutionData)) return list.map((entry) => ({ json: entry as IDataObject, pairedItem: itemData }));
	const items = list.map((entry) => (isExecutionData(entry) ? entry : { json: entry as IDataObject }));
	return context.helpers.constructExecutionMetaData(items, { itemData });
}

/** The JSON of a failed item under Continue On Fail: the message, and facts that help, never secrets. */
export function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const { description, httpCode } = error as Error & { description?: string | null; httpCode?: string | null };
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	const details = (error as Error & { details?: IDataObject }).details;
	if (details) json.details = details;
	if (isOutcomeUnknown(error)) json.outcomeUnknown = true;
	return json;
}

/** Makes sure the error names its item and is one n8n shows well. */
export function attachItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = error.context ?? {};
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = (error as Error)?.message ?? String(error);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/**
 * Runs `handler` for every input item, `concurrency` at a time, output in input order. With Continue
 * On Fail each failure becomes that item's output. Without it, the first failure stops the run: no
 * item is started after it, the items already in flight finish, and the error (for the lowest failed
 * item) says which items were carried out, with their output, so nothing done is lost and a re-run
 * needs no guessing (see stoppedRunError).
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<OperationResult>,
	concurrency = readRequestSettings(context).concurrency,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = context.continueOnFail();
	/** Failed items (without Continue On Fail), by index: once there is one, no item is started. */
	const failures = new Map<number, Error>();
	let next = 0;

	const runItem = async (itemIndex: number) => {
		try {
			results[itemIndex] = toOutputItems(context, await handler(itemIndex), itemIndex);
		} catch (error) {
			const named = attachItemIndex(context, error, itemIndex);
			if (continueOnFail) results[itemIndex] = [{ json: errorJson(named), pairedItem: { item: itemIndex } }];
			else failures.set(itemIndex, named);
		}
	};
	const worker = async () => {
		while (next < items.length && failures.size === 0) await runItem(next++);
	};
	const workers = Math.min(Math.max(1, concurrency), Math.max(1, items.length));
	if (workers > 1) {
		// The first item goes alone, so a login (preAuthentication with an empty token) happens once,
		// not once per parallel request, and announced rate limits are learned before the burst.
		next = 1;
		await runItem(0);
	}
	await Promise.all(Array.from({ length: workers }, worker));
	if (failures.size > 0) throw stoppedRunError(failures, results, items.length);
	return results.length === 1 ? results[0] : results.flat();
}

/** "item 3", "items 0–2 and 4–8": indexes (ascending) as the ranges a user can filter by. */
export function itemList(indexes: number[]): string {
	const ranges: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		ranges.push(j === i ? String(indexes[i]) : `${indexes[i]}–${indexes[j]}`);
		i = j;
	}
	const text = ranges.length > 1 ? `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}` : ranges[0] ?? '';
	return `${indexes.length === 1 ? 'item' : 'items'} ${text}`;
}

function capitalized(text: string): string {
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Output of carried-out items kept in the error up to this size (the editor and the execution store it). */
const MAX_KEPT_OUTPUT_CHARS = 1_000_000;

/**
 * The error of a run stopped by a failure: the lowest failed item's own error, its description
 * extended with what happened to every item, and the output of the items carried out in its
 * `context.data` — which n8n's editor shows under the error's details ("Error data") and keeps in
 * the execution, so those results can be copied or read by an error workflow.
 */
function stoppedRunError(failures: Map<number, Error>, results: INodeExecutionData[][], itemCount: number): Error {
	const failed = [...failures.keys()].sort((a, b) => a - b);
	const error = failures.get(failed[0])! as Error & { description?: string | null; context?: IDataObject };
	if (itemCount <= 1) return error;
	const carriedOut: number[] = [];
	const notStarted: number[] = [];
	for (let index = 0; index < itemCount; index++) {
		if (results[index]) carriedOut.push(index);
		else if (!failures.has(index)) notStarted.push(index);
	}
	const unsure = failed.filter((index) => isOutcomeUnknown(failures.get(index)));
	const output = carriedOut.flatMap((item) => results[item].map((entry) => ({ item, json: entry.json })));
	const keepOutput = JSON.stringify(output).length <= MAX_KEPT_OUTPUT_CHARS;

	const sentences = [`The node stopped at item ${failed[0]} and started no item after it.`];
	sentences.push(
		carriedOut.length
			? `Carried out: ${itemList(carriedOut)} (${carriedOut.length}; ${keepOutput ? 'their output is in this error\'s details, under "Error data"' : 'their output was too large to keep here'}).`
			: 'No other item was carried out.',
	);
	for (const index of failed.slice(1)) sentences.push(`Item ${index} failed too: ${failures.get(index)!.message}`);
	if (unsure.length) sentences.push(`${capitalized(itemList(unsure))} may or may not have been carried out: check ${unsure.length === 1 ? 'it' : 'them'} before running ${unsure.length === 1 ? 'it' : 'them'} again.`);
	if (notStarted.length) sentences.push(`Not started: ${itemList(notStarted)}.`);
	const remaining = [...failed, ...notStarted].sort((a, b) => a - b);
	if (carriedOut.length) sentences.push(`To finish, run only ${itemList(remaining)} again: running all items again would repeat the ${carriedOut.length} carried out.`);

	error.description = [error.description, sentences.join(' ')].filter(Boolean).join(' ');
	const summary: IDataObject = { stoppedAt: failed[0], carriedOut, failed, notStarted };
	if (unsure.length) summary.outcomeUnknown = unsure;
	if (keepOutput) summary.output = output;
	const context = (error.context ??= {});
	context.data = context.data === undefined ? summary : { ...summary, errorData: context.data as IDataObject };
	return error;
}

/** The node's execute(): picks the operation module and runs it per item or for all items. */
export async function routeOperation(
	context: IExecuteFunctions,
	resources: Record<string, ResourceOperations>,
): Promise<INodeExecutionData[][]> {
	// Operations read their parameters per item: fixed values and plain `{{ $json.field }}` mappings
	// are answered without n8n's expression engine (same values, see parameters.ts).
	withFastParameters(context);
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	if (module.executeAll) return [await module.executeAll.call(context, context.getInputData())];
	const execute = module.execute!;
	return [await runForEachItem(context, async (itemIndex) => await execute.call(context, itemIndex))];
}
