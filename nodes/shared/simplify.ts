/**
 * n8n's "Simplify" switch (n8n's UX guidelines for nodes, "Simplifying output fields": an operation whose
 * records have more than 10 fields offers Simplify, which outputs at most 10 chosen fields, most used first,
 * nested ones flattened). Each operation names its fields once, in a SimplifiedView; the switch's
 * description lists them, so what the editor says and what the node outputs cannot drift apart.
 *
 * Defaults, so that saved workflows keep their output:
 * - the normal node: off. n8n stores no parameter equal to its default, so a new switch that defaulted to
 *   on would silently reshape every saved workflow's output;
 * - the AI-tool variant (n8n makes `<name>Tool` from every `usableAsTool` node): on, so an agent gets a
 *   compact answer instead of dozens of fields. The two are told apart by the `@tool` display condition,
 *   which n8n-workflow evaluates as "the node type's name ends in Tool" (getPropertyValues in
 *   node-helpers; n8n's own HTTP Request tool uses it the same way), on 1.x and 2.x alike.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from './validation';

/** The most fields a simplified record has (n8n's UX guidelines). */
export const MAX_SIMPLIFIED_FIELDS = 10;

/** A field of the simplified record: a key of the record, or [output key, dotted path] for a nested value. */
export type SimplifiedField = string | readonly [output: string, path: string];

export interface SimplifiedView {
	/** Output key and where its value comes from, in output order. */
	readonly fields: ReadonlyArray<readonly [output: string, path: readonly string[]]>;
}

/** A view of at most 10 fields, in the order given (put the ones users route on first). */
export function simplifiedView(fields: readonly SimplifiedField[]): SimplifiedView {
	if (fields.length === 0 || fields.length > MAX_SIMPLIFIED_FIELDS) {
		throw new Error(`A simplified view has 1 to ${MAX_SIMPLIFIED_FIELDS} fields, not ${fields.length}`);
	}
	const entries = fields.map((field) => (typeof field === 'string' ? ([field, [field]] as const) : ([field[0], field[1].split('.')] as const)));
	const outputs = entries.map(([output]) => output);
	if (new Set(outputs).size !== outputs.length) throw new Error(`A simplified view names a field twice: ${outputs.join(', ')}`);
	return { fields: entries };
}

/** "id, name, status and create_time": the output keys as the description lists them. */
export function simplifiedFieldList(view: SimplifiedView): string {
	const names = view.fields.map(([output]) => output);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}

/**
 * The Simplify switch for the operations in `show`: one property for the normal node (off by default) and
 * one for the AI-tool variant (on by default). They share the name `simplify`, so the operation reads one
 * value whichever variant runs. The description is n8n's own sentence, then the fields kept; `note` adds a
 * sentence, without its final period (e.g. how Simplify treats another option).
 */
export function simplifyProperties(show: NonNullable<IDisplayOptions['show']>, view: SimplifiedView, note?: string): INodeProperties[] {
	// One sentence ends without a period, several with one (n8n's rule for parameter descriptions).
	const sentences = (...list: Array<string | undefined>) => {
		const kept = list.filter(Boolean);
		return `${kept.join('. ')}${kept.length > 1 ? '.' : ''}`;
	};
	const fields = `only ${simplifiedFieldList(view)}`;
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description: sentences(`Whether to return a simplified version of the response instead of the raw data: ${fields}`, note),
			displayOptions: { show: { ...show, '@tool': [false] } },
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: sentences(`Whether to return a simplified version of the response instead of the raw data: ${fields}`, note, 'On by default for an AI agent, which then gets a compact answer'),
			displayOptions: { show: { ...show, '@tool': [true] } },
		},
	];
}

/** Whether the node runs as an AI agent's tool (n8n's `<name>Tool` variant of a `usableAsTool` node). */
export function isToolRun(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * Whether Simplify is on for this item. A workflow saved without the parameter gets the default of the
 * variant that runs (n8n fills it in when it loads the workflow; the fallback covers callers that do not).
 */
export function simplifyRequested(context: IExecuteFunctions, itemIndex: number): boolean {
	const value = context.getNodeParameter('simplify', itemIndex, isToolRun(context));
	return createValidator(context.getNode(), itemIndex).boolean('Simplify', value) ?? isToolRun(context);
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entry Get Many adds under Continue On Fail when a later page failed (shared/pagination.ts,
 * PageFailure): it is a message, not a record, and passes through unchanged.
 */
function isPageFailure(record: IDataObject): boolean {
	return typeof record.error === 'string' && typeof record.failedPage === 'number';
}

/** The record reduced to the view's fields. A field the record does not have is left out, never invented. */
export function simplifyRecord(record: IDataObject, view: SimplifiedView): IDataObject {
	if (isPageFailure(record)) return record;
	const simplified: IDataObject = {};
	for (const [output, path] of view.fields) {
		let value: unknown = record;
		for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
		if (value !== undefined) simplified[output] = value as IDataObject[string];
	}
	return simplified;
}

/** The output reduced to the view's fields, record by record. */
export function simplifyRecords<T extends IDataObject | IDataObject[]>(output: T, view: SimplifiedView): T {
	return (Array.isArray(output) ? output.map((record) => simplifyRecord(record, view)) : simplifyRecord(output, view)) as T;
}

/**
 * Reads Simplify for this item now and returns what shapes the operation's output. A write reads it
 * before its request, so a bad value (an expression giving "yes") is refused with nothing sent.
 */
export function simplifier(context: IExecuteFunctions, itemIndex: number, view: SimplifiedView): <T extends IDataObject | IDataObject[]>(output: T) => T {
	const on = simplifyRequested(context, itemIndex);
	return (output) => (on ? simplifyRecords(output, view) : output);
}

/**
 * A read's output, simplified when Simplify is on for this item: one call on the output of an operation
 * that offers the switch (simplifyProperties in its description). Writes use simplifier().
 */
export function simplifyOutput<T extends IDataObject | IDataObject[]>(context: IExecuteFunctions, itemIndex: number, output: T, view: SimplifiedView): T {
	return simplifier(context, itemIndex, view)(output);
}

/**
 * An operation's properties with the Simplify switch added where n8n's own nodes put it: just before the
 * Options collection, or last when there is none.
 */
export function withSimplify(properties: INodeProperties[], show: NonNullable<IDisplayOptions['show']>, view: SimplifiedView, note?: string): INodeProperties[] {
	const at = properties.findIndex((property) => property.name === 'options' && property.type === 'collection');
	const switches = simplifyProperties(show, view, note);
	return at === -1 ? [...properties, ...switches] : [...properties.slice(0, at), ...switches, ...properties.slice(at)];
}
