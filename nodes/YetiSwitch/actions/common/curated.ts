/**
 * Builds a curated resource (parameters + operations) from its catalogue route and a few hints:
 * create (required fields on top, the rest under "Additional Fields"), get, get many (Return All /
 * Limit, filters by field type, sort, include), update ("Update Fields": updatable fields only) and
 * delete — each only where the server allows it.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;

import { YETI_ROUTES_BY_PATH, type YetiOperation, type YetiRoute } from '../../catalogue';
import { listRecords, outputRecord, recordPath, resourceDocument, yetiRequest } from '../../transport';
import type { OperationModule, ResourceOperations } from '../../../shared/execute';
import { createValidator, type Validator } from '../../../shared/validation';
import { addToBody, buildFilterQuery, camelCase, convertValue, fieldProperty, filterFieldOptions, humanize, OPERATOR_OPTIONS, writableFields, type FieldHints, type FieldSpec, type FilterRow, type WriteBody } from './fields';

export interface CuratedResourceDefinition {
	/** Parameter value of the resource, e.g. "account". */
	resource: string;
	displayName: string;
	/** Catalogue path, e.g. "accounts". */
	path: string;
	/** Fields required on create, shown on top (API keys). */
	required?: string[];
	hints?: Record<string, FieldHints>;
	/** The destroy operation's value and wording (default delete). */
	destroy?: { value: string; name: string; action: string; description: string };
	/** More operations (Account's balance, Invoice's PDF...). */
	extra?: Array<{ option: INodePropertyOptions; module: OperationModule }>;
}

export function routeFor(path: string): YetiRoute {
	const route = YETI_ROUTES_BY_PATH[path];
	if (!route) throw new Error(`Yeti catalogue has no route ${path}`);
	return route;
}

/** Lists the target types that have a searchable admin route (the node registers one listSearch method per type). */
export function searchMethodName(type: string): string {
	return `search${camelCase(`-${type}`)}`;
}

export function isSearchable(type: string): boolean {
	const route = YETI_ROUTES_BY_PATH[type];
	return !!route && route.ops.includes('index');
}

function relationshipLocator(field: FieldSpec, show: Show, required: boolean): INodeProperties {
	const searchable = field.target && isSearchable(field.target);
	return {
		displayName: field.displayName.replace(/ ID$/, ''),
		name: camelCase(field.key),
		type: 'resourceLocator',
		default: { mode: searchable ? 'list' : 'id', value: '' },
		required,
		description: field.description,
		displayOptions: { show },
		modes: [
			...(searchable
				? [{ displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod: searchMethodName(field.target!), searchable: true } }]
				: []),
			{ displayName: 'By ID', name: 'id', type: 'string' as const, placeholder: 'e.g. 4', validation: [{ type: 'regex' as const, properties: { regex: '^[^/?#]+$', errorMessage: 'Not a valid ID' } }] },
		],
	};
}

export function readRelationshipParameter(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && '__rl' in value) return (value as unknown as { value: unknown }).value;
	return value;
}

function optionsCollection(show: Show, route: YetiRoute, withList: boolean, withInclude: boolean): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Raw JSON:API',
			name: 'rawJsonApi',
			type: 'boolean',
			default: false,
			description: 'Whether to output the records exactly as the server sent them (ID, type, attributes, relationships) instead of one flat item per record',
		},
	];
	const relationships = route.relationships.map((r) => ({ name: humanize(r.name), value: r.name }));
	if (withInclude && relationships.length) {
		options.push({
			displayName: 'Include Related Records',
			name: 'include',
			type: 'multiOptions',
			options: relationships,
			default: [],
			description: 'Related records to fetch in the same request; each appears in the output under the relationship name',
		});
	}
	if (withList) {
		options.push({
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: 'e.g. -created-at,name',
			description: `Fields to sort by, separated by commas; a leading minus sorts descending. Default: ${route.defaultSort ?? 'id'}.`,
		});
	}
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options };
}

export function listProperties(show: Show, route: YetiRoute, filterFieldSource: { options?: INodePropertyOptions[]; loadOptionsMethod?: string }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			placeholder: 'Add Filter',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Only records matching all of these conditions. The operators available depend on the field type (shown beside each field).',
			displayOptions: { show },
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						filterFieldSource.options
							? { displayName: 'Field', name: 'field', type: 'options', options: filterFieldSource.options, default: '', description: 'The field to filter on' }
							: {
									displayName: 'Field Name or ID',
									name: 'field',
									type: 'options',
									typeOptions: { loadOptionsMethod: filterFieldSource.loadOptionsMethod, loadOptionsDependsOn: ['route'] },
									default: '',
									description: 'The field to filter on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
								},
						{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATOR_OPTIONS, default: 'eq' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value to compare with; several values separated by commas for "one of", "none of" and "contains any"' },
					],
				},
			],
		},
	];
}

// ---------------------------------------------------------------------------- shared execution

function checkSort(validate: Validator, route: YetiRoute, sort: unknown): string | undefined {
	const text = validate.text('Options › Sort', sort);
	if (text === undefined) return undefined;
	const keys = text.split(',').map((s) => s.trim()).filter(Boolean);
	for (const key of keys) {
		const field = key.replace(/^-/, '');
		if (field !== 'id' && !route.attributes.includes(field)) {
			validate.fail('Options › Sort', `has an unknown field "${field}"`, `fields of ${route.path}: id, ${route.attributes.join(', ')}`);
		}
	}
	return keys.join(',');
}

export interface ListParameters {
	returnAll: boolean;
	limit: number;
	filters: FilterRow[];
	options: IDataObject;
}

export async function executeList(context: IExecuteFunctions, route: YetiRoute, itemIndex: number, parameters: ListParameters): Promise<IDataObject[]> {
	const validate = createValidator(context.getNode(), itemIndex);
	const qs: IDataObject = buildFilterQuery(validate, route, parameters.filters);
	const sort = checkSort(validate, route, parameters.options.sort);
	if (sort) qs.sort = sort;
	const include = includeList(validate, route, parameters.options.include);
	if (include) qs.include = include;
	const limit = parameters.returnAll ? 0 : (validate.number('Limit', parameters.limit, { integer: true, min: 1, required: true }) as number);
	return await listRecords(context, route, { returnAll: parameters.returnAll, limit, qs, raw: parameters.options.rawJsonApi === true, itemIndex, paginated: route.paginated, keepPartial: context.continueOnFail() });
}

function includeList(validate: Validator, route: YetiRoute, include: unknown): string | undefined {
	if (include === undefined || include === null || include === '' || (Array.isArray(include) && !include.length)) return undefined;
	const names = Array.isArray(include) ? include.map(String) : String(include).split(',').map((s) => s.trim());
	for (const name of names) {
		if (!route.relationships.some((r) => r.name === name)) validate.fail('Options › Include Related Records', `has an unknown relationship "${name}"`, `one of ${route.relationships.map((r) => r.name).join(', ')}`);
	}
	return names.join(',');
}

export async function executeGet(context: IExecuteFunctions, route: YetiRoute, itemIndex: number, id: unknown, options: IDataObject, noun: string): Promise<IDataObject> {
	const validate = createValidator(context.getNode(), itemIndex);
	const recordId = validate.pathId(`${humanize(noun)} ID`, id);
	const include = includeList(validate, route, options.include);
	const document = await yetiRequest(context, { method: 'GET', path: recordPath(route, recordId), qs: include ? { include } : undefined, itemIndex, what: `${noun} ${recordId}` });
	return outputRecord(document, options.rawJsonApi === true);
}

export async function executeDelete(context: IExecuteFunctions, route: YetiRoute, itemIndex: number, id: unknown, noun: string, flag = 'deleted'): Promise<IDataObject> {
	const validate = createValidator(context.getNode(), itemIndex);
	const recordId = validate.pathId(`${humanize(noun)} ID`, id);
	await yetiRequest(context, { method: 'DELETE', path: recordPath(route, recordId), expect: 'jsonOrNone', itemIndex, what: `${noun} ${recordId}` });
	return { id: recordId, [flag]: true };
}

// Per route, computed once (the create path runs once per item).
const relationshipTypes = new Map<string, Record<string, string>>();
function relationshipTypesOf(route: YetiRoute): Record<string, string> {
	let types = relationshipTypes.get(route.path);
	if (!types) {
		types = Object.fromEntries(route.relationships.map((r) => [r.name, r.type]));
		relationshipTypes.set(route.path, types);
	}
	return types;
}

export async function executeWrite(
	context: IExecuteFunctions,
	route: YetiRoute,
	itemIndex: number,
	body: WriteBody,
	options: { id?: string; noun: string; raw: boolean },
): Promise<IDataObject> {
	const document = resourceDocument(route.type, body.attributes, body.relationships, relationshipTypesOf(route), options.id);
	const response = options.id
		? await yetiRequest(context, { method: 'PATCH', path: recordPath(route, options.id), body: document, itemIndex, what: `${options.noun} ${options.id}` })
		: await yetiRequest(context, { method: 'POST', path: route.path, body: document, itemIndex });
	return outputRecord(response, options.raw);
}

// ---------------------------------------------------------------------------- the builder

export interface BuiltResource {
	operationProperty: INodeProperties;
	properties: INodeProperties[];
	operations: ResourceOperations;
}

const OPERATION_WORDING: Record<YetiOperation, { value: string; verb: string }> = {
	create: { value: 'create', verb: 'Create' },
	show: { value: 'get', verb: 'Get' },
	index: { value: 'getAll', verb: 'Get Many' },
	update: { value: 'update', verb: 'Update' },
	destroy: { value: 'delete', verb: 'Delete' },
};

export function buildCuratedResource(def: CuratedResourceDefinition): BuiltResource {
	const route = routeFor(def.path);
	const noun = def.displayName.toLowerCase();
	const resourceShow = { resource: [def.resource] };
	const show = (operation: string) => ({ ...resourceShow, operation: [operation] });
	const options: INodePropertyOptions[] = [];
	const properties: INodeProperties[] = [];
	const operations: ResourceOperations = {};
	const idProperty = (operation: string, verb: string): INodeProperties => ({
		displayName: `${def.displayName} ID`,
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12',
		description: `ID of the ${noun} to ${verb}`,
		displayOptions: { show: show(operation) },
	});

	for (const op of ['create', 'show', 'index', 'update', 'destroy'] as YetiOperation[]) {
		if (!route.ops.includes(op)) continue;
		const wording = OPERATION_WORDING[op];
		const value = op === 'destroy' && def.destroy ? def.destroy.value : wording.value;
		const displayOperation = show(value);

		if (op === 'create') {
			const fields = writableFields(route, 'create', def.hints);
			const required = fields.filter((f) => def.required?.includes(f.key));
			const optional = fields.filter((f) => !def.required?.includes(f.key));
			options.push({ name: 'Create', value, action: `Create ${article(noun)} ${noun}`, description: `Create ${article(noun)} ${noun}` });
			for (const field of required) {
				properties.push(field.kind === 'relationship' && !field.many ? relationshipLocator(field, displayOperation, true) : fieldProperty(field, { required: true, displayOptions: { show: displayOperation } }));
			}
			if (optional.length) {
				properties.push({
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					displayOptions: { show: displayOperation },
					options: optional.map((f) => fieldProperty(f)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
				});
			}
			properties.push(optionsCollection(displayOperation, route, false, false));
			const byParam = new Map(optional.map((f) => [camelCase(f.key), f]));
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					const validate = createValidator(this.getNode(), itemIndex);
					const body: WriteBody = { attributes: {}, relationships: {} };
					for (const field of required) {
						const raw = readRelationshipParameter(this.getNodeParameter(camelCase(field.key), itemIndex));
						const value = convertValue(validate, field, raw);
						if (value === undefined || value === '') validate.fail(field.displayName, 'is empty', field.kind === 'relationship' ? 'an ID' : 'a value');
						addToBody(body, field, value);
					}
					const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
					collect(validate, byParam, additional, body, 'Additional Fields');
					const opts = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					return await executeWrite(this, route, itemIndex, body, { noun, raw: opts.rawJsonApi === true });
				},
			};
		}

		if (op === 'show') {
			options.push({ name: 'Get', value, action: `Get ${article(noun)} ${noun}`, description: `Get one ${noun} by its ID` });
			properties.push(idProperty(value, 'get'), optionsCollection(displayOperation, route, false, true));
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					return await executeGet(this, route, itemIndex, this.getNodeParameter('id', itemIndex), this.getNodeParameter('options', itemIndex, {}) as IDataObject, noun);
				},
			};
		}

		if (op === 'index') {
			options.push({ name: 'Get Many', value, action: `Get many ${plural(noun)}`, description: `List ${plural(noun)}, with filters, sorting and pagination` });
			properties.push(...listProperties(displayOperation, route, { options: filterFieldOptions(route) }), optionsCollection(displayOperation, route, true, true));
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					return await executeList(this, route, itemIndex, readListParameters(this, itemIndex));
				},
			};
		}

		if (op === 'update') {
			const fields = writableFields(route, 'update', def.hints);
			options.push({ name: 'Update', value, action: `Update ${article(noun)} ${noun}`, description: `Change fields of ${article(noun)} ${noun}` });
			properties.push(idProperty(value, 'update'), {
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show: displayOperation },
				options: fields.map((f) => fieldProperty(f)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
			});
			properties.push(optionsCollection(displayOperation, route, false, false));
			const byParam = new Map(fields.map((f) => [camelCase(f.key), f]));
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					const validate = createValidator(this.getNode(), itemIndex);
					const id = validate.pathId(`${def.displayName} ID`, this.getNodeParameter('id', itemIndex));
					const body: WriteBody = { attributes: {}, relationships: {} };
					collect(validate, byParam, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, body, 'Update Fields');
					if (!Object.keys(body.attributes).length && !Object.keys(body.relationships).length) {
						validate.fail('Update Fields', 'is empty', 'at least one field to change');
					}
					const opts = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					return await executeWrite(this, route, itemIndex, body, { id, noun, raw: opts.rawJsonApi === true });
				},
			};
		}

		if (op === 'destroy') {
			const wordingDestroy = def.destroy ?? { value, name: 'Delete', action: `Delete ${article(noun)} ${noun}`, description: `Delete ${article(noun)} ${noun} by its ID` };
			options.push({ name: wordingDestroy.name, value, action: wordingDestroy.action, description: wordingDestroy.description });
			properties.push(idProperty(value, wordingDestroy.name.toLowerCase()));
			const flag = def.destroy ? 'dropped' : 'deleted';
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					return await executeDelete(this, route, itemIndex, this.getNodeParameter('id', itemIndex), noun, flag);
				},
			};
		}
	}
	for (const extra of def.extra ?? []) {
		options.push(extra.option);
		properties.push(...extra.module.description);
		operations[String(extra.option.value)] = extra.module;
	}
	options.sort((a, b) => a.name.localeCompare(b.name));
	const firstOperation = options.find((o) => o.value === 'getAll') ?? options[0];
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: resourceShow },
		options,
		default: String(firstOperation.value),
	};
	return { operationProperty, properties, operations };
}

export function readListParameters(context: IExecuteFunctions, itemIndex: number): ListParameters {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as { filter?: FilterRow[] };
	return {
		returnAll: context.getNodeParameter('returnAll', itemIndex, false) as boolean,
		limit: context.getNodeParameter('limit', itemIndex, 50) as number,
		filters: filters.filter ?? [],
		options: context.getNodeParameter('options', itemIndex, {}) as IDataObject,
	};
}

/** Adds every set field of a collection to the body; a key the operation does not accept is refused before any request. */
function collect(validate: Validator, byParam: Map<string, FieldSpec>, values: IDataObject, body: WriteBody, collectionName: string) {
	for (const [param, raw] of Object.entries(values ?? {})) {
		const field = byParam.get(param);
		if (!field) validate.fail(`${collectionName} › ${param}`, 'is not a field this operation accepts');
		addToBody(body, field!, convertValue(validate, field!, raw));
	}
}

function article(noun: string) {
	return /^[aeiou]/i.test(noun) && !/^(uni|use)/i.test(noun) ? 'an' : 'a';
}

export function plural(noun: string) {
	if (noun.endsWith('s')) return noun;
	if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
	return `${noun}s`;
}
