/**
 * Turns catalogue routes into n8n parameters and back: typed fields (numbers as numbers, booleans,
 * dates, id lists, JSON), relationship fields, and the conversion of what the user set into a
 * JSON:API document that carries only fields the route accepts for that operation.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RANSACK_OPERATORS, type YetiFieldType, type YetiRoute } from '../../catalogue';
import { isSecretAttribute, relationshipId } from '../../transport';
import type { Validator } from '../../../shared/validation';

const SMALL_WORDS = new Set(['to', 'of', 'in', 'for', 'and', 'or', 'at', 'by', 'on', 'the', 'a', 'an', 'per']);
const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	ip: 'IP',
	vat: 'VAT',
	uri: 'URI',
	ruri: 'RURI',
	cps: 'CPS',
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
	smtp: 'SMTP',
	jwt: 'JWT',
	aor: 'AOR',
	cn: 'CN',
	iso2: 'ISO2',
	ice: 'ICE',
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

export type FieldKind = 'attribute' | 'relationship';

export interface FieldSpec {
	/** The API's name (dasherized). */
	key: string;
	kind: FieldKind;
	type: YetiFieldType;
	/** For relationships: the JSON:API type it points to; many = a list of ids. */
	target?: string;
	many?: boolean;
	displayName: string;
	description?: string;
}

export interface FieldHints {
	displayName?: string;
	description?: string;
	/** Overrides the inferred type. */
	type?: YetiFieldType;
	placeholder?: string;
}

/** The fields of a route that an operation may send, in the catalogue's order. */
export function writableFields(route: YetiRoute, operation: 'create' | 'update', hints: Record<string, FieldHints> = {}): FieldSpec[] {
	const names = operation === 'create' ? route.creatable : route.updatable;
	const fields: FieldSpec[] = [];
	for (const key of names) {
		const rel = route.relationships.find((r) => r.name === key);
		const hint = hints[key] ?? {};
		if (rel) {
			fields.push({
				key,
				kind: 'relationship',
				type: 'foreign_key',
				target: rel.type,
				many: rel.kind === 'many',
				displayName: hint.displayName ?? `${humanize(key)} ${rel.kind === 'many' ? 'IDs' : 'ID'}`,
				description: hint.description ?? (rel.kind === 'many' ? `IDs of the ${humanize(rel.type).toLowerCase()} to link, separated by commas` : `ID of the ${humanize(rel.type.replace(/s$/, '')).toLowerCase()} to link`),
			});
		} else if (route.attributeTypes[key]) {
			fields.push({ key, kind: 'attribute', type: hint.type ?? route.attributeTypes[key], displayName: hint.displayName ?? humanize(key), description: hint.description });
		}
	}
	return fields;
}

/** An n8n parameter for one field (inside a collection or top level). */
export function fieldProperty(field: FieldSpec, extra: Partial<INodeProperties> = {}): INodeProperties {
	const base = { displayName: field.displayName, name: camelCase(field.key), ...(field.description ? { description: field.description } : {}) };
	let property: INodeProperties;
	if (field.kind === 'relationship') {
		property = field.many
			? { ...base, type: 'string', default: '', placeholder: 'e.g. 1,2' }
			: { ...base, type: 'string', default: '', placeholder: 'e.g. 4' };
	} else {
		switch (field.type) {
			case 'number':
			case 'foreign_key':
				property = { ...base, type: 'number', default: 0 };
				break;
			case 'boolean':
				property = { ...base, type: 'boolean', default: false };
				break;
			case 'datetime':
				property = { ...base, type: 'dateTime', default: '' };
				break;
			case 'array':
				property = { ...base, type: 'string', default: '', placeholder: 'e.g. 1,2', description: field.description ?? `${field.displayName}: IDs separated by commas` };
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
	attributes: IDataObject;
	relationships: Record<string, string | number | Array<string | number> | null>;
}

/** Converts one user value to the type the API wants, or fails naming the field and the item. */
export function convertValue(validate: Validator, field: FieldSpec, value: unknown): unknown {
	const label = field.displayName;
	if (field.kind === 'relationship') {
		if (field.many) return idList(validate, label, value);
		const id = typeof value === 'object' && value !== null && '__rl' in value ? (value as unknown as { value: unknown }).value : value;
		if (id === null || id === undefined || id === '') return undefined;
		return relationshipId(validate.pathId(label, id));
	}
	switch (field.type) {
		case 'number':
		case 'foreign_key':
			return validate.number(label, value);
		case 'boolean':
			return validate.boolean(label, value);
		case 'datetime': {
			const text = validate.text(label, value);
			if (text === undefined) return undefined;
			if (Number.isNaN(Date.parse(text))) validate.fail(label, `is not a date: "${text}"`, 'a date such as 2026-01-31 or 2026-01-31T12:00:00Z');
			return text;
		}
		case 'array':
			return idList(validate, label, value);
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
			return validate.text(label, value);
	}
}

/** "1, 2" / [1, "2"] / 3 → [1, 2] (numbers where the ids are numbers). */
function idList(validate: Validator, label: string, value: unknown): Array<string | number> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parts = Array.isArray(value) ? value : typeof value === 'number' ? [value] : typeof value === 'string' ? value.split(',') : null;
	if (!parts) return validate.fail(label, 'must be a list of IDs', 'IDs separated by commas, such as 1,2');
	const ids = parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
	return ids.map((id) => {
		if (typeof id === 'number' && Number.isInteger(id)) return id;
		if (typeof id === 'string' && /^\d{1,15}$/.test(id)) return Number(id);
		if (typeof id === 'string' && id && !/[\s,]/.test(id)) return id;
		return validate.fail(label, `contains an invalid ID: ${JSON.stringify(id)}`, 'IDs separated by commas, such as 1,2');
	});
}

/** Adds one converted value to the body (undefined = not sent). */
export function addToBody(body: WriteBody, field: FieldSpec, value: unknown) {
	if (value === undefined) return;
	if (field.kind === 'relationship') body.relationships[field.key] = value as string | number;
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
 * (operators by type), `p:<name>` for a plain filter (equals / one of).
 */
export function filterFieldOptions(route: YetiRoute): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	const seen = new Set<string>();
	for (const [field, type] of route.ransack) {
		seen.add(field);
		options.push({ name: humanize(field), value: `r:${field}:${type}`, description: `${type}: ${RANSACK_OPERATORS[type].join(', ')}` });
	}
	for (const name of route.filters) {
		if (seen.has(name)) continue;
		options.push({ name: humanize(name.replace(/\.id$/, '_id')), value: `p:${name}`, description: 'Equals, or is one of (comma-separated)' });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export interface FilterRow {
	field?: string;
	operator?: string;
	value?: unknown;
}

/** filter[...] query parameters from the user's rows; fails on an operator the field's type does not allow. */
export function buildFilterQuery(validate: Validator, route: YetiRoute, rows: FilterRow[]): IDataObject {
	const qs: IDataObject = {};
	for (const [index, row] of rows.entries()) {
		const label = `Filters › row ${index + 1}`;
		const field = validate.requiredText(`${label} › Field`, row.field);
		const operator = validate.requiredText(`${label} › Operator`, row.operator);
		const value = Array.isArray(row.value) ? row.value.join(',') : validate.text(`${label} › Value`, row.value === undefined || row.value === null ? '' : typeof row.value === 'object' ? row.value : String(row.value));
		if (value === undefined) validate.fail(`${label} › Value`, 'is empty', 'a value to compare with');
		if (field.startsWith('p:')) {
			const name = field.slice(2);
			if (!route.filters.includes(name)) validate.fail(`${label} › Field`, `is not a filter of ${route.path}: "${name}"`, `one of ${route.filters.join(', ')}`);
			if (operator !== 'eq' && operator !== 'in') validate.fail(`${label} › Operator`, `"${operator}" is not available for ${name}`, 'Equals or Is One Of');
			qs[`filter[${name}]`] = value;
			continue;
		}
		const [, name, type] = field.split(':') as [string, string, YetiFieldType];
		const known = route.ransack.find(([f]) => f === name);
		if (!field.startsWith('r:') || !known) {
			validate.fail(`${label} › Field`, `is not a filter of ${route.path}: "${field}"`, 'a field from the list');
		}
		const allowed = RANSACK_OPERATORS[known![1] ?? type];
		if (!allowed.includes(operator)) validate.fail(`${label} › Operator`, `"${operator}" is not available for ${name} (${known![1]})`, `one of ${allowed.join(', ')}`);
		const fieldType = known![1];
		const list = ['in', 'not_in', 'cont_any'].includes(operator);
		const values = list ? value!.split(',').map((v) => v.trim()) : [value!];
		for (const v of values) {
			if ((fieldType === 'number' || fieldType === 'foreign_key') && (v === '' || !Number.isFinite(Number(v)))) validate.fail(`${label} › Value`, `is not a number: "${v}"`, 'a number');
			if (fieldType === 'boolean' && !['true', 'false'].includes(v)) validate.fail(`${label} › Value`, `must be true or false, got "${v}"`, 'true or false');
			if (fieldType === 'datetime' && Number.isNaN(Date.parse(v))) validate.fail(`${label} › Value`, `is not a date: "${v}"`, 'a date such as 2026-01-31');
		}
		qs[`filter[${name}_${operator}]`] = list ? values.join(',') : value;
	}
	return qs;
}
