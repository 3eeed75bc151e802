/**
 * Turns catalogue routes into n8n parameters and back: fields typed as the server's columns are
 * (integers, decimals sent as numbers, booleans, dates, lists, JSON), choices where the server takes
 * fixed values, relationship fields, and the conversion of what the user set into a JSON:API
 * document that carries only fields the route accepts for that operation. Filters are built here
 * too, quoted the way the server reads them (CSV).
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { LIST_OPERATORS, RANSACK_OPERATORS, type YetiAttributeType, type YetiFilterType, type YetiRoute } from '../../catalogue';
import { isSecretAttribute, relationshipId } from '../../transport';
import type { Validator } from '../../../shared/validation';

const SMALL_WORDS = new Set(['to', 'of', 'in', 'for', 'and', 'or', 'at', 'by', 'on', 'the', 'a', 'an', 'per']);
const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	ip: 'IP',
	ips: 'IPs',
	vat: 'VAT',
	uri: 'URI',
	ruri: 'RURI',
	cps: 'CPS',
	cdr: 'CDR',
	cdrs: 'CDRs',
	uuid: 'UUID',
	dtmf: 'DTMF',
	rtp: 'RTP',
	rtcp: 'RTCP',
	sip: 'SIP',
	sdp: 'SDP',
	lnp: 'LNP',
	pdf: 'PDF',
	dns: 'DNS',
	srv: 'SRV',
	acd: 'ACD',
	asr: 'ASR',
	sst: 'SST',
	pai: 'PAI',
	ppi: 'PPI',
	rpid: 'RPID',
	lrn: 'LRN',
	pdd: 'PDD',
	rtt: 'RTT',
	pop: 'POP',
	pops: 'POPs',
	smtp: 'SMTP',
	jwt: 'JWT',
	aor: 'AOR',
	cn: 'CN',
	iso2: 'ISO2',
	ice: 'ICE',
	api: 'API',
	url: 'URL',
	'1xx': '1xx',
	'200ok': '200 OK',
};

/** "min-balance" → "Min Balance", "send-balance-notifications-to" → "Send Balance Notifications to". */
export function humanize(key: string): string {
	return key
		.split(/[-_.]/)
		.map((word, index) => {
			if (ACRONYMS[word]) return ACRONYMS[word];
			if (index > 0 && SMALL_WORDS.has(word)) return word;
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}

export function camelCase(key: string): string {
	return key.replace(/[-_.](\w)/g, (_, c: string) => c.toUpperCase());
}

export type FieldKind = 'attribute' | 'relationship' | 'id';

export interface FieldSpec {
	/** The API's name (dasherized; `id` for a client-chosen id, sent as data.id). */
	key: string;
	kind: FieldKind;
	/** The column's type (relationships: their ids). */
	type: YetiAttributeType;
	/** For relationships: the JSON:API type it points to; many = a list of ids. */
	target?: string;
	many?: boolean;
	/** The only values the server takes (enums), with their labels. */
	choices?: INodePropertyOptions[];
	displayName: string;
	description?: string;
	hint?: string;
	placeholder?: string;
}

export interface FieldHints {
	displayName?: string;
	description?: string;
	hint?: string;
	placeholder?: string;
	/** Default of a boolean shown on top (required booleans are always sent). */
	default?: boolean | number | string;
}

const LIST_TYPES = new Set<YetiAttributeType>(['string[]', 'integer[]', 'inet[]']);

/** The server's values of an enum attribute, named by their labels where ids stand for something. */
export function choicesOf(route: YetiRoute, key: string): INodePropertyOptions[] | undefined {
	const values = route.enums?.[key];
	if (!values) return undefined;
	const labels = route.enumLabels?.[key] ?? {};
	return values.map((value) => ({ name: labels[String(value)] ? `${labels[String(value)]} (${value})` : String(value), value }));
}

/** The fields of a route that an operation may send, in the catalogue's order. */
export function writableFields(route: YetiRoute, operation: 'create' | 'update', hints: Record<string, FieldHints> = {}): FieldSpec[] {
	const names = operation === 'create' ? route.creatable : route.updatable;
	const fields: FieldSpec[] = [];
	for (const key of names) {
		const rel = route.relationships.find((r) => r.name === key);
		const hint = hints[key] ?? {};
		if (key === 'id') {
			fields.push({ key, kind: 'id', type: 'string', displayName: hint.displayName ?? 'ID', description: hint.description ?? 'The ID of the new record: this route lets the client choose it' });
		} else if (rel) {
			fields.push({
				key,
				kind: 'relationship',
				type: rel.kind === 'many' ? 'integer[]' : 'integer',
				target: rel.type,
				many: rel.kind === 'many',
				displayName: hint.displayName ?? `${humanize(key)} ${rel.kind === 'many' ? 'IDs' : 'ID'}`,
				description: hint.description ?? (rel.kind === 'many' ? `IDs of the ${humanize(rel.type).toLowerCase()} to link, separated by commas` : `ID of the ${humanize(rel.type.replace(/s$/, '')).toLowerCase()} to link`),
				hint: hint.hint,
			});
		} else if (route.attributeTypes[key]) {
			fields.push({
				key,
				kind: 'attribute',
				type: route.attributeTypes[key],
				choices: choicesOf(route, key),
				displayName: hint.displayName ?? humanize(key),
				description: hint.description,
				hint: hint.hint,
				placeholder: hint.placeholder,
			});
		}
	}
	return fields;
}

/** An n8n parameter for one field (inside a collection or top level). */
export function fieldProperty(field: FieldSpec, extra: Partial<INodeProperties> = {}): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: camelCase(field.key),
		...(field.description ? { description: field.description } : {}),
		...(field.hint ? { hint: field.hint } : {}),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	let property: INodeProperties;
	if (field.kind === 'relationship') {
		property = { ...base, type: 'string', default: '', placeholder: field.many ? 'e.g. 1,2' : 'e.g. 4' };
	} else if (field.choices) {
		// The server's exact values; a list column takes several.
		property = LIST_TYPES.has(field.type)
			? { ...base, type: 'multiOptions', options: field.choices, default: [] }
			: { ...base, type: 'options', options: field.choices, default: field.choices[0].value };
	} else {
		switch (field.type) {
			case 'integer':
			case 'decimal':
			case 'float':
				property = { ...base, type: 'number', default: 0, ...(field.type === 'integer' ? { typeOptions: { numberPrecision: 0 } } : {}) };
				break;
			case 'boolean':
				property = { ...base, type: 'boolean', default: false };
				break;
			case 'datetime':
				property = { ...base, type: 'dateTime', default: '' };
				break;
			case 'date':
				property = { ...base, type: 'string', default: '', placeholder: 'e.g. 2026-01-31' };
				break;
			case 'integer[]':
				property = { ...base, type: 'string', default: '', placeholder: 'e.g. 1,2', description: field.description ?? `${field.displayName}: numbers separated by commas` };
				break;
			case 'string[]':
			case 'inet[]':
				property = {
					...base,
					type: 'string',
					default: '',
					placeholder: field.type === 'inet[]' ? 'e.g. 192.0.2.10, 198.51.100.0/24' : 'e.g. first, second',
					description: field.description ?? `${field.displayName}: values separated by commas`,
					...(isSecretAttribute(field.key) ? { typeOptions: { password: true } } : {}),
				};
				break;
			case 'json':
				property = { ...base, type: 'json', default: '{}' };
				break;
			default:
				property = isSecretAttribute(field.key) ? { ...base, type: 'string', typeOptions: { password: true }, default: '' } : { ...base, type: 'string', default: '' };
		}
	}
	return { ...property, ...extra } as INodeProperties;
}

export interface WriteBody {
	/** A client-chosen id (data.id), where the route allows one on create. */
	id?: string;
	attributes: IDataObject;
	relationships: Record<string, string | number | Array<string | number> | null>;
}

/**
 * Converts one user value to the type the API wants, or fails naming the field and the item. `zone`:
 * the workflow's time zone, for dates written without an offset.
 */
export function convertValue(validate: Validator, field: FieldSpec, value: unknown, zone = 'UTC'): unknown {
	const label = field.displayName;
	if (field.kind === 'id') return value === undefined || value === null || value === '' ? undefined : validate.pathId(label, value);
	if (field.kind === 'relationship') {
		if (field.many) return idList(validate, label, value);
		const id = typeof value === 'object' && value !== null && '__rl' in value ? (value as unknown as { value: unknown }).value : value;
		if (id === null || id === undefined || id === '') return undefined;
		return relationshipId(validate.pathId(label, id));
	}
	const converted = convertAttribute(validate, field, value, zone);
	if (field.choices && converted !== undefined && converted !== null) {
		const allowed = field.choices.map((c) => c.value);
		for (const one of Array.isArray(converted) ? converted : [converted]) {
			if (!allowed.some((a) => String(a) === String(one))) {
				validate.fail(label, `has a value the server does not take: ${JSON.stringify(one)}`, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
			}
		}
		// Ids of an id-valued enum go out as numbers even when an expression gave text.
		const typed = (one: unknown) => allowed.find((a) => String(a) === String(one));
		return Array.isArray(converted) ? converted.map(typed) : typed(converted);
	}
	return converted;
}

function convertAttribute(validate: Validator, field: FieldSpec, value: unknown, zone: string): unknown {
	const label = field.displayName;
	switch (field.type) {
		case 'integer':
			return validate.number(label, value, { integer: true });
		case 'decimal':
		case 'float':
			// Decimals go out as numbers; the server answers them as strings ("10.0").
			return validate.number(label, value);
		case 'boolean':
			return validate.boolean(label, value);
		case 'datetime': {
			// ISO 8601 text (without an offset: in the workflow's time zone), {{ $now }}, a Luxon or JS date;
			// never "1 May 2026" or "0" (nodes/shared/dates.ts). Sent with its offset.
			return validate.dateTime(label, value, { zone })?.toISO() ?? undefined;
		}
		case 'date':
			return validate.dateTime(label, value, { zone })?.toISODate() ?? undefined;
		case 'integer[]':
			return idList(validate, label, value, true);
		case 'string[]':
		case 'inet[]':
			return textList(validate, label, value);
		case 'json': {
			if (value === undefined || value === null || value === '') return undefined;
			if (typeof value === 'object') return value;
			const text = String(value).trim();
			if (text === '' || text === '{}') return text === '{}' ? {} : undefined;
			try {
				return JSON.parse(text);
			} catch (error) {
				return validate.fail(label, `is not valid JSON (${(error as Error).message})`, 'JSON such as {"key": "value"}');
			}
		}
		default:
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			return validate.text(label, value);
	}
}

/** A list given as a JSON array, an array from an expression, or text separated by commas. */
function listParts(validate: Validator, label: string, value: unknown): unknown[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (Array.isArray(value)) return value;
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') return validate.fail(label, 'must be a list', 'values separated by commas, or a JSON list');
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch (error) {
			return validate.fail(label, `is not a valid JSON list (${(error as Error).message})`, 'values separated by commas, or a JSON list');
		}
	}
	return text === '' ? undefined : text.split(',');
}

/** "1, 2" / [1, "2"] / 3 → [1, 2] (numbers where the ids are numbers; `integers`: numbers only). */
function idList(validate: Validator, label: string, value: unknown, integers = false): Array<string | number> | undefined {
	const parts = listParts(validate, label, value);
	if (!parts) return undefined;
	const ids = parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
	return ids.map((id) => {
		if (typeof id === 'number' && Number.isInteger(id)) return id;
		if (typeof id === 'string' && /^-?\d{1,15}$/.test(id)) return Number(id);
		if (!integers && typeof id === 'string' && id && !/[\s,]/.test(id)) return id;
		return validate.fail(label, `contains an invalid ${integers ? 'number' : 'ID'}: ${JSON.stringify(id)}`, `${integers ? 'whole numbers' : 'IDs'} separated by commas, such as 1,2`);
	});
}

function textList(validate: Validator, label: string, value: unknown): string[] | undefined {
	const parts = listParts(validate, label, value);
	if (!parts) return undefined;
	return parts
		.map((part) => {
			if (typeof part === 'object' && part !== null) return validate.fail(label, 'contains an object', 'text values separated by commas');
			return String(part).trim();
		})
		.filter((part) => part !== '');
}

/** Adds one converted value to the body (undefined = not sent). */
export function addToBody(body: WriteBody, field: FieldSpec, value: unknown) {
	if (value === undefined) return;
	if (field.kind === 'id') body.id = String(value);
	else if (field.kind === 'relationship') body.relationships[field.key] = value as string | number;
	else body.attributes[field.key] = value as IDataObject[string];
}

// ---------------------------------------------------------------------------- filters

export const OPERATOR_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Equals', value: 'eq' },
	{ name: 'Not Equals', value: 'not_eq' },
	{ name: 'Contains', value: 'cont' },
	{ name: 'Contains Any (Comma-Separated)', value: 'cont_any' },
	{ name: 'Starts With', value: 'start' },
	{ name: 'Ends With', value: 'end' },
	{ name: 'Greater Than', value: 'gt' },
	{ name: 'Greater Than or Equal', value: 'gteq' },
	{ name: 'Less Than', value: 'lt' },
	{ name: 'Less Than or Equal', value: 'lteq' },
	{ name: 'Is One Of (Comma-Separated)', value: 'in' },
	{ name: 'Is None Of (Comma-Separated)', value: 'not_in' },
];

/**
 * The filterable fields of a route, as dropdown options. Value `r:<field>:<type>` for a ransack field
 * (operators by type), `e:<field>:<type>` for one whose values are fixed (chosen from a list),
 * `p:<name>` for a plain filter (equals / one of).
 */
export function filterFieldOptions(route: YetiRoute): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	const seen = new Set<string>();
	for (const [field, type] of route.ransack) {
		seen.add(field);
		const choices = route.filterEnums?.[field];
		options.push({
			name: humanize(field),
			value: `${choices ? 'e' : 'r'}:${field}:${type}`,
			description: choices ? `one of ${choices.join(', ')}` : `${type}: ${RANSACK_OPERATORS[type].join(', ')}`,
		});
	}
	for (const name of route.filters) {
		if (seen.has(name)) continue;
		options.push({ name: humanize(name.replace(/\.id$/, '_id')), value: `p:${name}`, description: 'Equals, or is one of (comma-separated)' });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The choices of an `e:` filter field (a dropdown in the filter row). */
export function filterChoices(route: YetiRoute, fieldValue: string): INodePropertyOptions[] {
	const field = fieldValue.split(':')[1];
	const values = route.filterEnums?.[field] ?? [];
	const labels = route.enumLabels?.[field.replace(/_/g, '-')] ?? {};
	return values.map((value) => ({ name: labels[String(value)] ? `${labels[String(value)]} (${value})` : String(value), value }));
}

export interface FilterRow {
	field?: string;
	operator?: string;
	value?: unknown;
	/** For fields with fixed values. */
	choices?: unknown;
}

/**
 * One value as the server reads it: jsonapi-resources CSV-parses every filter value (Ruby's
 * CSV.parse_line, jr:lib/jsonapi/resource.rb#verify_filter), so a comma or a quote is quoted and
 * `Acme, Inc.` means itself instead of two values (or a 400 code 107).
 */
export function csvValue(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The values of a list the user typed: separated by commas, each optionally in double quotes (so one may hold a comma). */
export function splitList(text: string): string[] {
	const values: string[] = [];
	let current = '';
	let quoted = false;
	let wasQuoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				current += '"';
				i++;
			} else if (char === '"') quoted = false;
			else current += char;
		} else if (char === '"' && current.trim() === '') {
			quoted = true;
			wasQuoted = true;
			current = '';
		} else if (char === ',') {
			values.push(wasQuoted ? current : current.trim());
			current = '';
			wasQuoted = false;
		} else if (!wasQuoted) current += char;
	}
	values.push(wasQuoted ? current : current.trim());
	return values.filter((value) => value !== '');
}

/** One filter value checked for its type; dates become ISO 8601 with their offset (the server's zone may differ from the workflow's). */
function checkValue(validate: Validator, label: string, type: YetiFilterType, value: string, zone: string): string {
	if (type === 'number' || type === 'foreign_key') validate.number(`${label} › Value`, value, { required: true });
	if (type === 'boolean' && !['true', 'false'].includes(value)) validate.fail(`${label} › Value`, `must be true or false, got "${value}"`, 'true or false');
	if (type === 'datetime') return validate.dateTime(`${label} › Value`, value, { zone, required: true })!.toISO()!;
	return value;
}

/** filter[...] query parameters from the user's rows; fails on an operator the field's type does not allow. */
export function buildFilterQuery(validate: Validator, route: YetiRoute, rows: FilterRow[], zone = 'UTC'): IDataObject {
	const qs: IDataObject = {};
	for (const [index, row] of rows.entries()) {
		const label = `Filters › row ${index + 1}`;
		const field = validate.requiredText(`${label} › Field`, row.field);
		const operator = validate.requiredText(`${label} › Operator`, row.operator);
		const list = LIST_OPERATORS.includes(operator);
		if (field.startsWith('p:')) {
			const name = field.slice(2);
			if (!route.filters.includes(name)) validate.fail(`${label} › Field`, `is not a filter of ${route.path}: "${name}"`, `one of ${route.filters.join(', ')}`);
			if (operator !== 'eq' && operator !== 'in') validate.fail(`${label} › Operator`, `"${operator}" is not available for ${name}`, 'Equals or Is One Of');
			const values = rowValues(validate, label, row, operator === 'in');
			qs[`filter[${name}]`] = values.map(csvValue).join(',');
			continue;
		}
		const [kind, name] = field.split(':') as [string, string, YetiFilterType];
		const known = route.ransack.find(([f]) => f === name);
		if ((kind !== 'r' && kind !== 'e') || !known) validate.fail(`${label} › Field`, `is not a filter of ${route.path}: "${field}"`, 'a field from the list');
		const type = known![1];
		const allowed = RANSACK_OPERATORS[type];
		if (!allowed.includes(operator)) validate.fail(`${label} › Operator`, `"${operator}" is not available for ${name} (${type})`, `one of ${allowed.join(', ')}`);
		const choices = route.filterEnums?.[name];
		const given = choices && row.choices !== undefined ? choiceValues(validate, label, row.choices, list) : rowValues(validate, label, row, list);
		const values = given.map((value) => checkValue(validate, label, type, value, zone));
		for (const value of values) {
			if (choices && !choices.map(String).includes(value)) validate.fail(`${label} › Value`, `is not a value ${name} takes: "${value}"`, `one of ${choices.join(', ')}`);
		}
		qs[`filter[${name}_${operator}]`] = values.map(csvValue).join(',');
	}
	return qs;
}

function rowValues(validate: Validator, label: string, row: FilterRow, list: boolean): string[] {
	const raw = row.value;
	if (Array.isArray(raw)) return raw.map(String);
	const text = validate.text(`${label} › Value`, raw === undefined || raw === null ? '' : typeof raw === 'object' ? raw : String(raw));
	if (text === undefined) return validate.fail(`${label} › Value`, 'is empty', 'a value to compare with');
	const values = list ? splitList(text) : [text];
	if (!values.length) validate.fail(`${label} › Value`, 'is empty', 'a value to compare with');
	return values;
}

function choiceValues(validate: Validator, label: string, raw: unknown, list: boolean): string[] {
	const values = (Array.isArray(raw) ? raw : raw === '' || raw === null || raw === undefined ? [] : [raw]).map(String);
	if (!values.length) validate.fail(`${label} › Values`, 'are empty', 'a value from the list');
	if (!list && values.length !== 1) validate.fail(`${label} › Values`, `has ${values.length} values for an operator that compares with one`, 'one value, or the operator Is One Of');
	return values;
}
