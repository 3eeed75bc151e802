/**
 * Builds a curated resource (parameters + operations) from its catalogue route and a few hints:
 * create (required fields on top, the rest under "Additional Fields"), get, get many (Return All /
 * Limit, filters by field type, sort, include), update ("Update Fields": updatable fields only) and
 * delete — each only where the server allows it.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { YETI_ROUTES, YETI_ROUTES_BY_PATH, type YetiOperation, type YetiRoute } from '../../catalogue';
import { listRecords, outputRecord, recordPath, resourceDocument, secretValues, yetiRequest } from '../../transport';
import type { OperationModule, ResourceOperations } from '../../../shared/execute';
import { createValidator, type Validator } from '../../../shared/validation';
import { addSimplify } from './simplified';
import { addToBody, buildFilterQuery, camelCase, convertValue, fieldProperty, filterFieldOptions, humanize, OPERATOR_OPTIONS, writableFields, type FieldHints, type FieldSpec, type FilterRow, type WriteBody } from './fields';

export interface CuratedResourceDefinition {
	/** Parameter value of the resource, e.g. "account". */
	resource: string;
	displayName: string;
	/** How a person says one and several ("CDR"/"CDRs"); default: the display name in lower case, plural with s. */
	noun?: { one: string; many: string };
	/** Catalogue path, e.g. "accounts". */
	path: string;
	/**
	 * Fields shown on top besides what the server requires on create (route.required): kept where saved
	 * workflows have them. Shown as required only when the server requires them.
	 */
	top?: string[];
	/** Fields the node requires although the server does not, each with the reason beside it. */
	mustSet?: string[];
	hints?: Record<string, FieldHints>;
	/**
	 * The order attributes go out in (default: the server's creatable order). n8n sorts the fields of a
	 * collection by name when it saves a workflow, so the body would otherwise follow that.
	 */
	attributeOrder?: string[];
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

/** The route listing the records of a JSON:API type (invoice-templates live at /invoice-template). */
const ROUTE_BY_TYPE = new Map(YETI_ROUTES.filter((route) => !route.path.includes('/')).map((route) => [route.type, route]));
export function routeOfType(type: string): YetiRoute | undefined {
	return ROUTE_BY_TYPE.get(type);
}

/** Lists the target types that have a searchable admin route (the node registers one listSearch method per type). */
export function searchMethodName(type: string): string {
	return `search${camelCase(`-${type}`)}`;
}

export function isSearchable(type: string): boolean {
	return routeOfType(type)?.ops.includes('index') === true;
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

/**
 * The Sort By rows: a field the server can order by (route.sortable: fixed options for a resource,
 * or loaded for the route chosen in Other Admin Route) and a direction.
 */
export function sortProperty(fields: INodePropertyOptions[] | undefined, defaultOrder?: string): INodeProperties {
	const field: INodeProperties = fields
		? {
				displayName: 'Field',
				name: 'field',
				type: 'options',
				options: fields,
				default: '',
				description: `The field to sort by. Without a sort field the server's order applies: ${defaultOrder ?? 'id'}.`,
			}
		: {
				displayName: 'Field Name or ID',
				name: 'field',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getRouteSortFields', loadOptionsDependsOn: ['route'] },
				default: '',
				description:
					'A field the server can sort this route by (some routes cannot be sorted at all). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			};
	return {
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'fixedCollection',
		placeholder: 'Add Sort Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Fields to sort by, first one first',
		options: [
			{
				displayName: 'Sort Field',
				name: 'rule',
				values: [
					field,
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
				],
			},
		],
	};
}

export function sortFieldOptions(route: YetiRoute): INodePropertyOptions[] {
	return route.sortable.map((field) => ({ name: humanize(field), value: field }));
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
	// Only what the server can order by: payments have no id sort, active calls none at all.
	if (withList && route.sortable.length) options.push(sortProperty(sortFieldOptions(route), route.defaultSort));
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
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'Value to compare with, exactly as written (a comma is part of the value). For "one of", "none of" and "contains any": several values separated by commas; put a value that contains a comma in double quotes.',
							displayOptions: { hide: { field: [{ _cnd: { startsWith: 'e:' } }] } },
						},
						{
							displayName: 'Values Names or IDs',
							name: 'choices',
							type: 'multiOptions',
							typeOptions: { loadOptionsMethod: 'getFilterChoices', loadOptionsDependsOn: ['&field', 'route', 'resource'] },
							default: [],
							description:
								'The values this field takes, as the server names them (one for "equals"/"not equals", several for "one of"/"none of"). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
							displayOptions: { show: { field: [{ _cnd: { startsWith: 'e:' } }] } },
						},
					],
				},
			],
		},
	];
}

// ---------------------------------------------------------------------------- shared execution

/**
 * `sort` from the Sort By rows (or the text "-balance,name" of workflows saved before them): only
 * fields the server can order by — anything else is 400 code 114, and `sortable_fails` fields 500.
 */
function sortQuery(validate: Validator, route: YetiRoute, options: IDataObject): string | undefined {
	const rules = (options.sortBy as { rule?: Array<{ field?: unknown; direction?: unknown }> } | undefined)?.rule ?? [];
	const legacy = validate.text('Options › Sort', options.sort);
	const keys = [
		...rules.map((rule, index) => ({ where: `Options › Sort By › row ${index + 1} › Field`, field: validate.requiredText(`Options › Sort By › row ${index + 1} › Field`, rule.field), desc: rule.direction === 'desc' })),
		...(legacy ?? '')
			.split(',')
			.map((key) => key.trim())
			.filter(Boolean)
			.map((key) => ({ where: 'Options › Sort', field: key.replace(/^-/, ''), desc: key.startsWith('-') })),
	];
	for (const key of keys) {
		if (!route.sortable.includes(key.field)) {
			validate.fail(key.where, `"${key.field}" is not a field Yeti-Switch can sort ${route.path} by`, route.sortable.length ? `one of ${route.sortable.join(', ')}` : 'no sort field: this route cannot be sorted');
		}
	}
	return keys.length ? keys.map((key) => (key.desc ? `-${key.field}` : key.field)).join(',') : undefined;
}

/** The relationships the user asked to include, checked against the route. */
function includeList(validate: Validator, route: YetiRoute, include: unknown): string[] {
	if (include === undefined || include === null || include === '' || (Array.isArray(include) && !include.length)) return [];
	const names = Array.isArray(include) ? include.map(String) : String(include).split(',').map((s) => s.trim());
	for (const name of names) {
		if (!route.relationships.some((r) => r.name === name)) validate.fail('Options › Include Related Records', `has an unknown relationship "${name}"`, `one of ${route.relationships.map((r) => r.name).join(', ')}`);
	}
	return names;
}

/**
 * The query that brings every to-one relationship's id: the server sends a relationship's `data` only
 * where its resource declares it or when it is included (relationship_linkage, yeti-server-facts.md §1.5),
 * so the others are included — reduced to their ids (`fields[<type>]=id`) unless the user asked for
 * those records. To-many relationships without linkage can be large (an invoice's destinations):
 * they come only when asked for, and the output names them under `relationships-not-loaded`.
 */
export function relationshipQuery(route: YetiRoute, requested: string[]): IDataObject {
	const missing = route.relationships.filter((r) => r.kind === 'one' && !r.linkage && !requested.includes(r.name)).map((r) => r.name);
	const include = [...requested, ...missing];
	if (!include.length) return {};
	const qs: IDataObject = { include: include.join(',') };
	const wanted = new Set(requested.map((name) => route.relationships.find((r) => r.name === name)!.type));
	for (const name of missing) {
		const type = route.relationships.find((r) => r.name === name)!.type;
		if (!wanted.has(type) && type !== route.type && routeOfType(type)) qs[`fields[${type}]`] = 'id';
	}
	return qs;
}

export interface ListParameters {
	returnAll: boolean;
	limit: number;
	filters: FilterRow[];
	options: IDataObject;
}

export async function executeList(context: IExecuteFunctions, route: YetiRoute, itemIndex: number, parameters: ListParameters): Promise<IDataObject[]> {
	const validate = createValidator(context.getNode(), itemIndex);
	const qs: IDataObject = buildFilterQuery(validate, route, parameters.filters, context.getTimezone());
	const sort = sortQuery(validate, route, parameters.options);
	if (sort) qs.sort = sort;
	const requested = includeList(validate, route, parameters.options.include);
	Object.assign(qs, relationshipQuery(route, requested));
	const limit = parameters.returnAll ? 0 : (validate.number('Limit', parameters.limit, { integer: true, min: 1, required: true }) as number);
	return await listRecords(context, route, {
		returnAll: parameters.returnAll,
		limit,
		qs,
		raw: parameters.options.rawJsonApi === true,
		itemIndex,
		paginated: route.paginated,
		keepPartial: context.continueOnFail(),
		expand: new Set(requested),
	});
}

export async function executeGet(context: IExecuteFunctions, route: YetiRoute, itemIndex: number, id: unknown, options: IDataObject, noun: string): Promise<IDataObject> {
	const validate = createValidator(context.getNode(), itemIndex);
	const recordId = validate.pathId(`${humanize(noun)} ID`, id);
	const requested = includeList(validate, route, options.include);
	const qs = relationshipQuery(route, requested);
	const document = await yetiRequest(context, { method: 'GET', path: recordPath(route, recordId), qs: Object.keys(qs).length ? qs : undefined, itemIndex, what: `${noun} ${recordId}` });
	return outputRecord(document, options.rawJsonApi === true, new Set(requested));
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

/**
 * A 422 about a field the server has required only since some version (accounts' currency since
 * 1.14.72, dialpeers' and destinations' since 1.15.0): the user's move is to set it.
 */
function explainLaterRequirement(error: unknown, route: YetiRoute, labels: Record<string, string>): void {
	if (!(error instanceof NodeApiError) || String(error.httpCode) !== '422' || !route.requiredSince) return;
	const fields = ((error as unknown as { details?: { fields?: string[] } }).details?.fields ?? []).filter((field) => route.requiredSince![field]);
	if (!fields.length) return;
	const names = fields.map((field) => `"${labels[field] ?? humanize(field)}"`).join(' and ');
	const since = fields.map((field) => route.requiredSince![field]).join(', ');
	error.message = `${error.message} — set ${names}`;
	error.description = `Yeti-Switch ${since} and later require ${names} when creating ${route.path}: set ${names} (a currency code the server knows, such as USD; the list is under Other Admin Route → Currencies). Older servers do not know the field: leave it empty there.`;
}

export async function executeWrite(
	context: IExecuteFunctions,
	route: YetiRoute,
	itemIndex: number,
	body: WriteBody,
	options: { id?: string; noun: string; raw: boolean; labels?: Record<string, string> },
): Promise<IDataObject> {
	const document = resourceDocument(route.type, body.attributes, body.relationships, relationshipTypesOf(route), options.id ?? body.id);
	// Writes answer with the record: the same include brings the to-one ids the server would leave out.
	const qs = relationshipQuery(route, []);
	const query = Object.keys(qs).length ? qs : undefined;
	try {
		// Secrets sent (SIP passwords, RADIUS secrets...) are masked wherever an error would echo them.
		const secrets = secretValues(body.attributes);
		const response = options.id
			? await yetiRequest(context, { method: 'PATCH', path: recordPath(route, options.id), qs: query, body: document, itemIndex, what: `${options.noun} ${options.id}`, secrets })
			: await yetiRequest(context, { method: 'POST', path: route.path, qs: query, body: document, itemIndex, secrets });
		return outputRecord(response, options.raw, new Set());
	} catch (error) {
		if (!options.id) explainLaterRequirement(error, route, options.labels ?? {});
		// The transport raises only these two; anything else is a bug worth seeing as it is.
		throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

// ---------------------------------------------------------------------------- the builder

export interface BuiltResource {
	operationProperty: INodeProperties;
	properties: INodeProperties[];
	operations: ResourceOperations;
}

const OPERATION_VALUE: Record<YetiOperation, string> = { create: 'create', show: 'get', index: 'getAll', update: 'update', destroy: 'delete' };

/** "account"/"accounts", "CDR"/"CDRs": acronyms keep their capitals (n8n shows the action labels as written). */
export function nounOf(def: Pick<CuratedResourceDefinition, 'displayName' | 'noun'>): { one: string; many: string } {
	if (def.noun) return def.noun;
	const one = def.displayName
		.split(' ')
		.map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()))
		.join(' ');
	return { one, many: plural(one) };
}

/** A top-level field: required (with the server's reason) or, where the server requires it only since a version, optional with that said. */
/** Whether a top field must be set: the server requires it (in every version) or the definition does. */
function isRequired(field: FieldSpec, route: YetiRoute, def: CuratedResourceDefinition): boolean {
	return (route.required.includes(field.key) && !route.requiredSince?.[field.key]) || (def.mustSet ?? []).includes(field.key);
}

function topField(field: FieldSpec, route: YetiRoute, show: Show, def: CuratedResourceDefinition): INodeProperties {
	const required = isRequired(field, route, def);
	const since = route.requiredSince?.[field.key];
	const hinted: FieldSpec = since ? { ...field, hint: field.hint ?? `Required by Yeti-Switch ${since} and later; leave empty only for older servers` } : field;
	if (field.kind === 'relationship' && !field.many) return relationshipLocator(hinted, show, required);
	const hintDefault = def.hints?.[field.key]?.default;
	const extra: Partial<INodeProperties> = { required: required && field.type !== 'boolean', displayOptions: { show } };
	if (hintDefault !== undefined) extra.default = hintDefault;
	return fieldProperty(hinted, extra);
}

/** Resource value → route path, for the dropdowns that depend on the route (filter choices). */
export const CURATED_ROUTES: Record<string, string> = {};

export function buildCuratedResource(def: CuratedResourceDefinition): BuiltResource {
	const route = routeFor(def.path);
	CURATED_ROUTES[def.resource] = def.path;
	const noun = nounOf(def);
	const an = article(noun.one);
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
		description: `ID of the ${noun.one} to ${verb}`,
		displayOptions: { show: show(operation) },
	});

	for (const op of ['create', 'show', 'index', 'update', 'destroy'] as YetiOperation[]) {
		if (!route.ops.includes(op)) continue;
		const value = op === 'destroy' && def.destroy ? def.destroy.value : OPERATION_VALUE[op];
		const displayOperation = show(value);

		if (op === 'create') {
			const fields = writableFields(route, 'create', def.hints);
			// On top: what the server requires (route.required, from its code), then the definition's own.
			const onTop = new Set([...(def.top ?? []), ...route.required]);
			const top = fields.filter((f) => onTop.has(f.key)).sort((a, b) => order(onTop, a.key) - order(onTop, b.key));
			const optional = fields.filter((f) => !onTop.has(f.key));
			const labels = Object.fromEntries(fields.map((f) => [f.key, f.displayName.replace(/ ID$/, '')]));
			const attributeOrder = [...(def.attributeOrder ?? []), ...route.creatable];
			options.push({ name: 'Create', value, action: `Create ${an} ${noun.one}`, description: `Create ${an} ${noun.one}` });
			for (const field of top) properties.push(topField(field, route, displayOperation, def));
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
					for (const field of top) {
						const raw = readRelationshipParameter(this.getNodeParameter(camelCase(field.key), itemIndex, undefined));
						const converted = convertValue(validate, field, raw, this.getTimezone());
						const required = isRequired(field, route, def);
						if (required && (converted === undefined || converted === '')) validate.fail(field.displayName, 'is empty', field.kind === 'relationship' ? 'an ID' : 'a value');
						addToBody(body, field, converted === '' ? undefined : converted);
					}
					const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
					collect(validate, byParam, additional, body, 'Additional Fields', this.getTimezone());
					const opts = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					body.attributes = inOrder(body.attributes, attributeOrder);
					return await executeWrite(this, route, itemIndex, body, { noun: noun.one, raw: opts.rawJsonApi === true, labels });
				},
			};
		}

		if (op === 'show') {
			options.push({ name: 'Get', value, action: `Get ${an} ${noun.one}`, description: `Get one ${noun.one} by its ID` });
			properties.push(idProperty(value, 'get'), optionsCollection(displayOperation, route, false, true));
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					return await executeGet(this, route, itemIndex, this.getNodeParameter('id', itemIndex), this.getNodeParameter('options', itemIndex, {}) as IDataObject, noun.one);
				},
			};
		}

		if (op === 'index') {
			options.push({ name: 'Get Many', value, action: `Get many ${noun.many}`, description: `List ${noun.many}, with filters, sorting and pagination` });
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
			options.push({ name: 'Update', value, action: `Update ${an} ${noun.one}`, description: `Change fields of ${an} ${noun.one}` });
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
					collect(validate, byParam, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, body, 'Update Fields', this.getTimezone());
					if (!Object.keys(body.attributes).length && !Object.keys(body.relationships).length) {
						validate.fail('Update Fields', 'is empty', 'at least one field to change');
					}
					const opts = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					return await executeWrite(this, route, itemIndex, body, { id, noun: noun.one, raw: opts.rawJsonApi === true });
				},
			};
		}

		if (op === 'destroy') {
			const wordingDestroy = def.destroy ?? { value, name: 'Delete', action: `Delete ${an} ${noun.one}`, description: `Delete ${an} ${noun.one} by its ID` };
			options.push({ name: wordingDestroy.name, value, action: wordingDestroy.action, description: wordingDestroy.description });
			properties.push(idProperty(value, wordingDestroy.name.toLowerCase()));
			const flag = def.destroy ? 'dropped' : 'deleted';
			operations[value] = {
				description: [],
				async execute(this: IExecuteFunctions, itemIndex: number) {
					return await executeDelete(this, route, itemIndex, this.getNodeParameter('id', itemIndex), noun.one, flag);
				},
			};
		}
	}
	addSimplify(route, def.resource, properties, operations);
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

/** The attributes in the given order (keys not listed keep theirs, after the listed ones). */
function inOrder(attributes: IDataObject, order: string[]): IDataObject {
	const rank = (key: string) => {
		const at = order.indexOf(key);
		return at === -1 ? order.length : at;
	};
	return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => rank(a) - rank(b)));
}

function order(keys: Set<string>, key: string): number {
	return [...keys].indexOf(key);
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
function collect(validate: Validator, byParam: Map<string, FieldSpec>, values: IDataObject, body: WriteBody, collectionName: string, zone: string) {
	for (const [param, raw] of Object.entries(values ?? {})) {
		const field = byParam.get(param);
		if (!field) validate.fail(`${collectionName} › ${param}`, 'is not a field this operation accepts');
		addToBody(body, field!, convertValue(validate, field!, raw, zone));
	}
}

function article(noun: string) {
	return /^[aeiou]/i.test(noun) && !/^(uni|use)/i.test(noun) ? 'an' : 'a';
}

export function plural(noun: string) {
	if (/^[A-Z0-9]+$/.test(noun)) return `${noun}s`;
	if (noun.endsWith('s')) return noun;
	if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
	return `${noun}s`;
}
