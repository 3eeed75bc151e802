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
 * Runs `handler` for every input item, `concurrency` at a time. Without Continue On Fail the first
 * failure (lowest item index) stops the run; with it, each failure becomes that item's output.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<OperationResult>,
	concurrency = readRequestSettings(context).concurrency,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = context.continueOnFail();
	let next = 0;
	const state: { failure?: { index: number; error: Error } } = {};

	const runItem = async (itemIndex: number) => {
		try {
			results[itemIndex] = toOutputItems(context, await handler(itemIndex), itemIndex);
		} catch (error) {
			const named = attachItemIndex(context, error, itemIndex);
			if (continueOnFail) {
				results[itemIndex] = [{ json: errorJson(named), pairedItem: { item: itemIndex } }];
			} else {
				// Another worker may have failed meanwhile; the lowest item index is reported.
				const earlier = state.failure as { index: number } | undefined;
				if (!earlier || itemIndex < earlier.index) state.failure = { index: itemIndex, error: named };
			}
		}
	};
	const worker = async () => {
		while (next < items.length && !state.failure) await runItem(next++);
	};
	const workers = Math.min(Math.max(1, concurrency), Math.max(1, items.length));
	if (workers > 1) {
		// The first item goes alone, so a login (preAuthentication with an empty token) happens once,
		// not once per parallel request, and announced rate limits are learned before the burst.
		next = 1;
		await runItem(0);
	}
	await Promise.all(Array.from({ length: workers }, worker));
	if (state.failure) throw state.failure.error;
	return results.length === 1 ? results[0] : results.flat();
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
