/**
 * "Other Admin Route": every route of the catalogue without a hand-written screen. The user picks the
 * route; the operations offered are the ones that route allows; attributes come as key/value rows or
 * JSON and relationships as name + id rows, checked against the route's creatable / updatable fields
 * before anything is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { YETI_ROUTES, YETI_ROUTES_BY_PATH, type YetiOperation, type YetiRoute } from '../../catalogue';
import { assertOperationAllowed, isSecretAttribute } from '../../transport';
import type { ResourceOperations } from '../../../shared/execute';
import { createValidator, type Validator } from '../../../shared/validation';
import { executeDelete, executeGet, executeList, executeWrite, listProperties, readListParameters, sortProperty } from '../common/curated';
import { addToBody, convertValue, writableFields, type FieldSpec, type WriteBody } from '../common/fields';
import { adminRouteSimplifyProperties, simplifyYetiOutput, YETI_SIMPLIFIED, yetiSimplifier } from '../common/simplified';

/** Routes reachable here: every top-level admin route (the account balance extras have their own operations). */
export const GENERIC_ROUTES = YETI_ROUTES.filter((route) => !route.path.includes('/'));

export const OPERATION_OF: Record<YetiOperation, { value: string; name: string; action: string; description: string }> = {
	index: { value: 'getAll', name: 'Get Many', action: 'Get many records of an admin route', description: 'List records, with filters, sorting and pagination' },
	show: { value: 'get', name: 'Get', action: 'Get a record of an admin route', description: 'Get one record by its ID' },
	create: { value: 'create', name: 'Create', action: 'Create a record on an admin route', description: 'Create a record' },
	update: { value: 'update', name: 'Update', action: 'Update a record of an admin route', description: 'Change fields of a record' },
	destroy: { value: 'delete', name: 'Delete', action: 'Delete a record of an admin route', description: 'Delete a record by its ID' },
};
const YETI_OP_OF: Record<string, YetiOperation> = Object.fromEntries(Object.entries(OPERATION_OF).map(([op, o]) => [o.value, op as YetiOperation]));

const show = { resource: ['adminRoute'] };

/** A row for a secret attribute: a row's Value cannot become a password field by the name chosen, so secrets have their own rows. */
const SECRET_ROW = {
	displayName: 'Secret Attribute',
	name: 'secretAttribute',
	values: [
		{
			displayName: 'Name or ID',
			name: 'name',
			type: 'options' as const,
			typeOptions: { loadOptionsMethod: 'getRouteSecretAttributes', loadOptionsDependsOn: ['route', 'operation'] },
			default: '',
			description:
				'For passwords and secrets (e.g. password of API accesses, auth-password of gateways and registrations, secret of RADIUS profiles); the secret ones are listed first. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Secret Value', name: 'value', type: 'string' as const, typeOptions: { password: true }, default: '', description: 'Masked in the editor; hidden as __hidden__ in outputs' },
	],
};
const showOp = (...operation: string[]) => ({ ...show, operation });

export const description: INodeProperties[] = [
	{
		displayName: 'Route',
		name: 'route',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'timezones',
		description: 'The Yeti-Switch admin API route (/api/rest/admin/...) to work with',
		displayOptions: { show },
		options: GENERIC_ROUTES.map((route) => ({ name: route.label, value: route.path, description: `/${route.path}: ${route.ops.join(', ')}` })),
	},
	{
		// Static options with action labels: n8n names a new node after the chosen action ("Get many
		// records of an admin route"), never after the raw values. Operations the route does not
		// allow are refused before any request.
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'getAll',
		description: 'What to do on the route. Each route allows only some operations (shown beside the route); the others are refused before anything is sent.',
		displayOptions: { show },
		options: (['index', 'show', 'create', 'update', 'destroy'] as YetiOperation[]).map((op) => OPERATION_OF[op]),
	},
	{
		displayName: 'Record ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12',
		description: 'ID of the record',
		displayOptions: { show: showOp('get', 'update', 'delete') },
	},
	{
		displayName: 'Fields Input',
		name: 'fieldsMode',
		type: 'options',
		default: 'keyValue',
		options: [
			{ name: 'Key / Value Rows', value: 'keyValue', description: 'One row per attribute' },
			{ name: 'JSON', value: 'json', description: 'All attributes as one JSON object' },
		],
		displayOptions: { show: showOp('create', 'update') },
	},
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		placeholder: 'Add Attribute',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { ...showOp('create', 'update'), fieldsMode: ['keyValue'] } },
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getRouteAttributes', loadOptionsDependsOn: ['route', 'operation'] },
						default: '',
						description:
							'Only the attributes this operation accepts are listed. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Converted to the attribute\'s type (number, true/false, list, JSON)' },
				],
			},
			SECRET_ROW,
		],
	},
	{
		// JSON mode's secrets: the same masked rows beside the JSON (which would keep them as plain text).
		displayName: 'Secret Attributes',
		name: 'secretAttributes',
		type: 'fixedCollection',
		placeholder: 'Add Secret Attribute',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { ...showOp('create', 'update'), fieldsMode: ['json'] } },
		options: [SECRET_ROW],
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'attributesJson',
		type: 'json',
		default: '{}',
		description:
			'The attributes as a JSON object with the API\'s dasherized names, e.g. {"name": "Main", "enabled": true}. Secrets (passwords, secrets, tokens) do not belong here, where they would be saved as plain text: put them in Secret Attributes.',
		displayOptions: { show: { ...showOp('create', 'update'), fieldsMode: ['json'] } },
	},
	{
		displayName: 'Relationships',
		name: 'relationships',
		type: 'fixedCollection',
		placeholder: 'Add Relationship',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: showOp('create', 'update') },
		options: [
			{
				displayName: 'Relationship',
				name: 'relationship',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getRouteRelationships', loadOptionsDependsOn: ['route', 'operation'] },
						default: '',
						description:
							'The related record type is set from the route. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Related ID', name: 'id', type: 'string', default: '', description: 'ID of the related record (several separated by commas for a to-many relationship)' },
				],
			},
		],
	},
	...listProperties(showOp('getAll'), GENERIC_ROUTES[0], { loadOptionsMethod: 'getRouteFilterFields' }),
	...adminRouteSimplifyProperties('adminRoute'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Related Records Names or IDs',
				name: 'include',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getRouteIncludes', loadOptionsDependsOn: ['route'] },
				default: [],
				description:
					'Related records to fetch in the same request (Get and Get Many). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Raw JSON:API',
				name: 'rawJsonApi',
				type: 'boolean',
				default: false,
				description: 'Whether to output the records exactly as the server sent them instead of one flat item per record',
			},
			sortProperty(undefined),
		],
	},
];

function routeOf(context: IExecuteFunctions, itemIndex: number, validate: Validator): YetiRoute {
	const path = validate.requiredText('Route', context.getNodeParameter('route', itemIndex));
	const route = YETI_ROUTES_BY_PATH[path];
	if (!route || path.includes('/')) validate.fail('Route', `is not a Yeti-Switch admin route: "${path}"`, 'a route from the list');
	return route;
}

function prepare(context: IExecuteFunctions, itemIndex: number, operation: string) {
	const validate = createValidator(context.getNode(), itemIndex);
	const route = routeOf(context, itemIndex, validate);
	assertOperationAllowed(context, route, YETI_OP_OF[operation], itemIndex);
	return { validate, route };
}

/** Values typed as text in key/value rows become the attribute's type (numbers, true/false, lists, JSON). */
function fromText(validate: Validator, field: FieldSpec, value: unknown, zone: string): unknown {
	if (typeof value === 'string' && value === '' && (field.type === 'string' || field.type === 'uuid')) return '';
	return convertValue(validate, field, value, zone);
}

/**
 * A secret written into a parameter as text is saved with the workflow, readable by anyone who opens
 * it: refused, with the masked way to give it. A secret an expression brings from the input is not
 * in the workflow, and passes.
 */
function refuseVisibleSecret(validate: Validator, where: string, name: string, value: unknown, raw: unknown) {
	if (!isSecretAttribute(name) || value === undefined || value === null || value === '') return;
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
	const values = (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
	if (values.some((secret) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)))) {
		validate.fail(
			where,
			`holds the secret "${name}" as plain text, which the saved workflow would keep readable`,
			'the secret in a Secret Attribute row (masked in the editor and in the saved workflow), or mapped from the input with an expression',
		);
	}
}

function readBody(context: IExecuteFunctions, itemIndex: number, validate: Validator, route: YetiRoute, operation: 'create' | 'update'): WriteBody {
	const fields = new Map(writableFields(route, operation).map((f) => [f.key, f]));
	const accepted = () => [...fields.values()].filter((f) => f.kind !== 'relationship').map((f) => f.key).join(', ') || 'none';
	const body: WriteBody = { attributes: {}, relationships: {} };
	const mode = context.getNodeParameter('fieldsMode', itemIndex, 'keyValue') as string;
	const saved = context.getNode().parameters as IDataObject;
	const zone = context.getTimezone();
	const attributeField = (name: string, where: string): FieldSpec => {
		const field = fields.get(name);
		if (field && field.kind !== 'relationship') return field;
		// Listed by the server as writable, but not an attribute: Yeti-Switch answers 500 (yeti-server-facts.md §1.3).
		if (route.notAttributes?.includes(name)) {
			const instead = fields.get(`${name}-id`)?.kind === 'attribute' ? `, such as ${name}-id` : '';
			return validate.fail(where, `"${name}" is not an attribute of ${route.path}: Yeti-Switch lists it as writable but answers 500 when it is sent`, `one of the attributes of ${route.path}${instead}`);
		}
		return validate.fail(where, `"${name}" is not an attribute ${route.path} accepts on ${operation}`, `one of ${accepted()}`);
	};
	type Row = { name?: string; value?: unknown };
	const readRows = (rows: Row[] | undefined, label: string, savedRows: unknown, secret: boolean) => {
		for (const [index, row] of (rows ?? []).entries()) {
			const where = `${label} › ${secret ? 'secret ' : ''}row ${index + 1}`;
			const name = validate.requiredText(`${where} › Name`, row.name);
			const field = attributeField(name, where);
			if (!secret) refuseVisibleSecret(validate, where, name, row.value, (savedRows as Row[] | undefined)?.[index]?.value);
			addToBody(body, field, fromText(validate, field, row.value, zone));
		}
	};
	if (mode === 'json') {
		const json = validate.jsonObject('Attributes (JSON)', context.getNodeParameter('attributesJson', itemIndex, '{}')) ?? {};
		for (const [name, value] of Object.entries(json)) {
			const field = attributeField(name, 'Attributes (JSON)');
			refuseVisibleSecret(validate, 'Attributes (JSON)', name, value, saved.attributesJson);
			// JSON keeps the user's types; text where a number or a list is due is converted.
			addToBody(body, field, value === null ? null : typeof value === 'string' && field.type !== 'string' ? fromText(validate, field, value, zone) : convertValue(validate, field, value, zone));
		}
		const secrets = context.getNodeParameter('secretAttributes', itemIndex, {}) as { secretAttribute?: Row[] };
		readRows(secrets.secretAttribute, 'Secret Attributes', undefined, true);
	} else {
		const collection = context.getNodeParameter('attributes', itemIndex, {}) as { attribute?: Row[]; secretAttribute?: Row[] };
		readRows(collection.attribute, 'Attributes', (saved.attributes as IDataObject | undefined)?.attribute, false);
		readRows(collection.secretAttribute, 'Attributes', undefined, true);
	}
	const relationships = (context.getNodeParameter('relationships', itemIndex, {}) as { relationship?: Array<{ name?: string; id?: unknown }> }).relationship ?? [];
	for (const [index, row] of relationships.entries()) {
		const where = `Relationships › row ${index + 1}`;
		const name = validate.requiredText(`${where} › Name`, row.name);
		const field = fields.get(name);
		if (!field || field.kind !== 'relationship') {
			validate.fail(where, `"${name}" is not a relationship ${route.path} accepts on ${operation}`, `one of ${[...fields.values()].filter((f) => f.kind === 'relationship').map((f) => f.key).join(', ') || 'none'}`);
		}
		const value = convertValue(validate, { ...field!, displayName: `${where} › Related ID` }, row.id);
		// An empty id clears a to-one relationship.
		if (value === undefined && !field!.many) body.relationships[name] = null;
		else addToBody(body, field!, value);
	}
	return body;
}

export const operations: ResourceOperations = {
	getAll: {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { route } = prepare(this, itemIndex, 'getAll');
			return simplifyYetiOutput(this, itemIndex, await executeList(this, route, itemIndex, readListParameters(this, itemIndex)), YETI_SIMPLIFIED[route.path]);
		},
	},
	get: {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { route } = prepare(this, itemIndex, 'get');
			return simplifyYetiOutput(this, itemIndex, await executeGet(this, route, itemIndex, this.getNodeParameter('id', itemIndex), this.getNodeParameter('options', itemIndex, {}) as IDataObject, `${route.type} record`), YETI_SIMPLIFIED[route.path]);
		},
	},
	create: {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { route, validate } = prepare(this, itemIndex, 'create');
			const simplify = yetiSimplifier(this, itemIndex, YETI_SIMPLIFIED[route.path]);
			const body = readBody(this, itemIndex, validate, route, 'create');
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return simplify(await executeWrite(this, route, itemIndex, body, { noun: `${route.type} record`, raw: options.rawJsonApi === true }));
		},
	},
	update: {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { route, validate } = prepare(this, itemIndex, 'update');
			const simplify = yetiSimplifier(this, itemIndex, YETI_SIMPLIFIED[route.path]);
			const id = validate.pathId('Record ID', this.getNodeParameter('id', itemIndex));
			const body = readBody(this, itemIndex, validate, route, 'update');
			if (!Object.keys(body.attributes).length && !Object.keys(body.relationships).length) validate.fail('Attributes', 'are empty', 'at least one attribute or relationship to change');
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return simplify(await executeWrite(this, route, itemIndex, body, { id, noun: `${route.type} record`, raw: options.rawJsonApi === true }));
		},
	},
	delete: {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { route } = prepare(this, itemIndex, 'delete');
			return await executeDelete(this, route, itemIndex, this.getNodeParameter('id', itemIndex), `${route.type} record`);
		},
	},
};
