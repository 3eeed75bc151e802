/**
 * What several Ocamba operations share: id parameters, the Get Many parameters (Return All / Limit,
 * search, sort, field filters in Ocamba's `field=[op:]value` form) and how they become a query.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator, encodePathSegment, type Validator } from '../../shared/validation';

export const ACCOUNT_STATUS_OPTIONS = [
	{ name: 'Active', value: 'active' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Daily Limit', value: 'daily-limit' },
	{ name: 'Hourly Limit', value: 'hourly-limit' },
	{ name: 'Inactive', value: 'inactive' },
	{ name: 'Lifetime Limit', value: 'lifetime-limit' },
	{ name: 'Monthly Limit', value: 'monthly-limit' },
	{ name: 'Paused', value: 'paused' },
	{ name: 'Rejected', value: 'rejected' },
	{ name: 'Verification', value: 'verification' },
];
export const ACCOUNT_STATUSES = ACCOUNT_STATUS_OPTIONS.map((o) => o.value);

export const CONTACT_TYPE_OPTIONS = [
	{ name: 'Email', value: 'email' },
	{ name: 'Mobile', value: 'mobile' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'SIP', value: 'sip' },
	{ name: 'Skype', value: 'skype' },
	{ name: 'Website', value: 'website' },
];
export const CONTACT_TYPES = CONTACT_TYPE_OPTIONS.map((o) => o.value);

export const INTEGRATION_STATUS_OPTIONS = [
	{ name: 'Active', value: 'active' },
	{ name: 'Inactive', value: 'inactive' },
];

export function show(resource: string, operations: string[], extra: Record<string, unknown[]> = {}) {
	return { show: { resource: [resource], operation: operations, ...extra } };
}

export function idProperty(name: string, displayName: string, resource: string, operations: string[], description: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', description, displayOptions: show(resource, operations) };
}

/** Reads an id parameter, refusing empty values and objects, encoded for the URL path. */
export function readPathId(context: IExecuteFunctions, validate: Validator, name: string, field: string, itemIndex: number): string {
	return encodePathSegment(validate.pathId(field, context.getNodeParameter(name, itemIndex, '')));
}

export function validatorFor(context: IExecuteFunctions, itemIndex: number): Validator {
	return createValidator(context.getNode(), itemIndex);
}

const OPERATOR_OPTIONS = [
	{ name: 'Equals (Eq)', value: 'eq' },
	{ name: 'Greater Than (Gt)', value: 'gt' },
	{ name: 'Greater Than or Equal (Gte)', value: 'gte' },
	{ name: 'In List (In)', value: 'in', description: 'Value is a comma-separated list' },
	{ name: 'Is (Is)', value: 'is', description: 'For example "null"' },
	{ name: 'Is Not (Isn)', value: 'isn', description: 'For example "null"' },
	{ name: 'Less Than (Lt)', value: 'lt' },
	{ name: 'Less Than or Equal (Lte)', value: 'lte' },
	{ name: 'Not Equals (Neq)', value: 'neq' },
	{ name: 'Not In List (Nin)', value: 'nin', description: 'Value is a comma-separated list' },
	{ name: 'Range (R)', value: 'r', description: 'Value is "from,to"' },
	{ name: 'Range, From Included (Rf)', value: 'rf', description: 'Value is "from,to"' },
	{ name: 'Range, To Included (Rl)', value: 'rl', description: 'Value is "from,to"' },
	{ name: 'Range, Ends Excluded (Rr)', value: 'rr', description: 'Value is "from,to"' },
];
const OPERATORS = OPERATOR_OPTIONS.map((o) => o.value);
const RANGE_OPERATORS = ['r', 'rf', 'rl', 'rr'];
/** Query keys Ocamba uses for other things; a field filter may not take them. */
const RESERVED_KEYS = ['page', 'sort', 'q', 'q_fields', 'fields', 'view'];

/** Return All / Limit and the list options, for one resource's Get Many. */
export function listProperties(resource: string, extraFilters: INodeProperties[] = []): INodeProperties[] {
	const displayOptions = show(resource, ['getAll']);
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: show(resource, ['getAll'], { returnAll: [false] }),
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: [
				...extraFilters,
				{
					displayName: 'Field Filters',
					name: 'conditions',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Field Filter',
					default: {},
					description: 'Ocamba field filters, sent as field=operator:value (for example create_time, operator Range, value 2024-01-01,2024-12-31)',
					options: [
						{
							displayName: 'Condition',
							name: 'condition',
							values: [
								{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'create_time', description: 'The field to filter on, as Ocamba names it' },
								{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATOR_OPTIONS, default: 'eq' },
								{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value; for lists and ranges, separate values with commas' },
							],
						},
					],
				},
				{
					displayName: 'Search',
					name: 'search',
					type: 'string',
					default: '',
					description: 'Only records whose name contains this text (Ocamba\'s q parameter)',
				},
				{
					displayName: 'Search In Fields',
					name: 'searchFields',
					type: 'string',
					default: '',
					placeholder: 'name',
					description: 'Comma-separated fields the search looks in (default: the name)',
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Fields',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'id,name,status',
					description: 'Comma-separated fields to return (all fields when empty)',
				},
				{
					displayName: 'Sort',
					name: 'sort',
					type: 'string',
					default: '',
					placeholder: '-create_time,name',
					description: 'Comma-separated fields to sort by; a leading minus sorts descending (for example -create_time)',
				},
			],
		},
	];
}

function setFilter(validate: Validator, qs: IDataObject, field: string, value: string, label: string) {
	if (qs[field] !== undefined) validate.fail(label, `filters "${field}" more than once`, 'one condition per field');
	qs[field] = value;
}

/** A filter the operation offers itself (a status or type dropdown): its label, value and allowed values. */
export interface FixedFilter {
	label: string;
	value: unknown;
	allowed: readonly string[];
}

/** Builds the list query; `fixed` are the operation's own filters (e.g. status, type). */
export function readListQuery(context: IExecuteFunctions, itemIndex: number, fixed: Record<string, FixedFilter> = {}) {
	const validate = validatorFor(context, itemIndex);
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [field, filter] of Object.entries(fixed)) {
		// One value or a list (multi-select); an expression may hand over anything, so each is checked.
		const values = (Array.isArray(filter.value) ? filter.value : [filter.value])
			.map((value) => validate.oneOf(filter.label, value, filter.allowed))
			.filter((value): value is string => value !== undefined);
		if (values.length === 0) continue;
		setFilter(validate, qs, field, values.length === 1 ? values[0] : `in:${values.join(',')}`, filter.label);
	}
	const search = validate.text('Filters › Search', filters.search);
	if (search !== undefined) qs.q = search;
	const searchFields = validate.text('Filters › Search In Fields', filters.searchFields);
	if (searchFields !== undefined) qs.q_fields = searchFields.replace(/\s+/g, '');
	const conditions = ((filters.conditions as IDataObject)?.condition ?? []) as IDataObject[];
	conditions.forEach((condition, index) => {
		const label = `Filters › Field Filters › Condition ${index + 1}`;
		const field = validate.requiredText(`${label} › Field`, condition.field);
		if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field) || RESERVED_KEYS.includes(field)) {
			validate.fail(`${label} › Field`, `is not a field name Ocamba can filter on: "${field}"`, `a field name such as status or create_time (not ${RESERVED_KEYS.join(', ')})`);
		}
		const operator = validate.oneOf(`${label} › Operator`, condition.operator ?? 'eq', OPERATORS, { required: true })!;
		// Numbers from expressions are fine; empty values only make sense for is/isn ("null").
		const raw = typeof condition.value === 'number' ? String(condition.value) : condition.value;
		const value = validate.requiredText(`${label} › Value`, raw);
		if (RANGE_OPERATORS.includes(operator) && value.split(',').length !== 2) {
			validate.fail(`${label} › Value`, `must be two values "from,to" for a range, got "${value}"`, 'for example 2024-01-01,2024-12-31');
		}
		// "eq" is Ocamba's default; it is written out when the value itself looks like "op:..." so it
		// is not read as an operator.
		const needsPrefix = operator !== 'eq' || /^[a-z]+:/.test(value);
		setFilter(validate, qs, field, needsPrefix ? `${operator}:${value}` : value, `${label} › Field`);
	});
	const fields = validate.text('Options › Fields', options.fields);
	if (fields !== undefined) qs.fields = fields.replace(/\s+/g, '');
	const sort = validate.text('Options › Sort', options.sort);
	if (sort !== undefined) {
		const compactSort = sort.replace(/\s+/g, '');
		if (!/^-?[A-Za-z_][A-Za-z0-9_.]*(,-?[A-Za-z_][A-Za-z0-9_.]*)*$/.test(compactSort)) {
			validate.fail('Options › Sort', `is not a sort Ocamba understands: "${sort}"`, 'comma-separated field names, each optionally prefixed with - (for example -id,name)');
		}
		qs.sort = compactSort;
	}
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (validate.number('Limit', context.getNodeParameter('limit', itemIndex, 50), { required: true, integer: true, min: 1 }) as number);
	return { qs, returnAll, limit };
}
