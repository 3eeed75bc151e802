/**
 * Generates nodes/YetiSwitch/catalogue.ts from the vendor spec of every Yeti-Switch admin route
 * (../shared/vendor-specs/yeti-admin-resources.json, or the path given as the first argument).
 * Run: npx tsx scripts/generate-yeti-catalogue.ts [spec.json]
 *
 * The spec has no attribute types, so they are inferred: first from the route's ransack filter types,
 * then from the name (…_id → number, …_at / date → datetime, enabled/is_… → boolean). Relationship
 * targets are inferred from the relationship's class (or its name when the class is unknown) as the
 * plural dasherized JSON:API type; `guessed` marks targets that match no admin route.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface SpecRoute {
	route: string;
	ops: string[];
	resource: {
		model: string | null;
		immutable: boolean;
		singleton: boolean;
		paginator: string;
		attributes: string[];
		relationships: Array<{ name: string; kind: string; class: string | null }>;
		filters: string[];
		ransack_filters: Array<[string, string]>;
		creatable: string[] | string;
		updatable: string[] | string;
		fetchable_override: string | null;
		sortable_override: string | null;
		default_sort: string | null;
	};
}

const specPath = resolve(process.argv[2] ?? '/work/shared/vendor-specs/yeti-admin-resources.json');
const outPath = resolve(__dirname, '../nodes/YetiSwitch/catalogue.ts');
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as SpecRoute[];

const dasherize = (name: string) => name.replace(/_/g, '-');
const underscore = (name: string) =>
	name
		.replace(/::/g, '')
		.replace(/([A-Z\d]+)([A-Z][a-z])/g, '$1_$2')
		.replace(/([a-z\d])([A-Z])/g, '$1_$2')
		.toLowerCase();

function pluralize(word: string): string {
	if (/(data|datum)$/.test(word)) return word.replace(/datum$/, 'data');
	if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
	if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
	return `${word}s`;
}

/** Relationship names whose class the spec leaves out, mapped to their JSON:API type (by reading the server). */
const NAMED_TARGETS: Record<string, string> = {
	contractor: 'contractors',
	customer: 'contractors',
	vendor: 'contractors',
	account: 'accounts',
	gateway: 'gateways',
	gateway_group: 'gateway-groups',
	pop: 'pops',
	node: 'nodes',
	dialpeer: 'dialpeers',
	customer_auth: 'customers-auths',
	session_refresh_method: 'session-refresh-methods',
	codec_group: 'codec-groups',
	dialpeer_next_rates: 'dialpeer-next-rates',
};

/** JSON:API types that differ from the route's last segment (jsonapi-resources derives the type from the resource class). */
const TYPE_OVERRIDES: Record<string, string> = {
	// The route is singular but the resource class (InvoiceTemplateResource) gives the plural type. Guess.
	'invoice-template': 'invoice-templates',
	'accounts/:id/balance': 'balances',
	'accounts/:id/balance-correction': 'balance-correction',
};

const routeTypes = new Set(spec.map((r) => TYPE_OVERRIDES[r.route.replace('/api/rest/admin/', '')] ?? r.route.replace('/api/rest/admin/', '')));

function targetType(rel: { name: string; kind: string; class: string | null }): { type: string; guessed: boolean } {
	let type: string;
	if (rel.class) {
		const base = underscore(rel.class.split('::').pop()!);
		type = dasherize(pluralize(base));
	} else {
		type = NAMED_TARGETS[rel.name] ?? dasherize(rel.kind === 'has_many' ? rel.name : pluralize(rel.name));
	}
	// Sub-records of other resources (codec group codecs, invoice service data...) have no admin route.
	return { type, guessed: !routeTypes.has(type) };
}

const BOOLEAN_NAME = /^(enabled|vendor|customer|success|applied|spent|immutable|use_|is_|allow_|send_billing|check_|require_|defer_|reject_|enable_|force_|early_|audio_|validate_)/;
const DATE_NAME = /(_at|_date|^time_start|^time_end|^time_connect|^apply_time|^request_time)$/;

function attributeType(name: string, ransack: Map<string, string>): string {
	const known = ransack.get(name);
	if (known) return known === 'foreign_key' ? 'number' : known;
	if (name === 'send_balance_notifications_to' || name === 'routing_tag_ids' || name === 'send_invoices_to') return 'array';
	if (name === 'variables' || name === 'metadata') return 'json';
	if (name === 'uuid') return 'uuid';
	if (DATE_NAME.test(name)) return 'datetime';
	if (BOOLEAN_NAME.test(name)) return 'boolean';
	if (/(_id|_count|_length|_port|_limit|capacity|duration|attempts|interval)$/.test(name) || name === 'port') return 'number';
	if (/(balance|amount|price|rate|fee|vat|profit|threshold|correction)$/.test(name) || /^(rate|amount|balance)/.test(name)) return 'number';
	return 'string';
}

function fieldList(value: string[] | string, fallback: string[]): string[] {
	if (Array.isArray(value)) return [...new Set(value)];
	if (value === 'SAME_AS_CREATABLE') return fallback;
	// "CUSTOM: [...]": the class computes it; the listed part is what we know.
	const match = /\[(.*)\]/.exec(value);
	return match && match[1].trim() ? match[1].split(',').map((s) => s.trim().replace(/^:/, '')) : [];
}

const entries = spec.map((route) => {
	const r = route.resource;
	const path = route.route.replace('/api/rest/admin/', '');
	const type = TYPE_OVERRIDES[path] ?? path;
	const ransackMap = new Map(r.ransack_filters.map(([name, t]) => [name, t]));
	const relNames = new Set(r.relationships.map((rel) => rel.name));
	const creatableRaw = fieldList(r.creatable, []);
	const updatableRaw = fieldList(r.updatable, creatableRaw);
	const writable = [...new Set([...creatableRaw, ...updatableRaw])];
	// Write-only attributes (creatable but not in attributes) are still typed and sendable.
	const attributeNames = [...new Set([...r.attributes, ...writable.filter((n) => !relNames.has(n))])];
	const attributeTypes: Record<string, string> = {};
	for (const name of attributeNames) attributeTypes[dasherize(name)] = attributeType(name, ransackMap);
	const ops = route.ops.filter((op) => ['index', 'show', 'create', 'update', 'destroy'].includes(op));
	return {
		path,
		type,
		label: path
			.replace('/:id/', ' ')
			.split(/[-/ ]/)
			.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
			.join(' '),
		ops,
		paginated: r.paginator === 'paged',
		readOnly: r.immutable,
		attributes: attributeNames.filter((n) => r.attributes.includes(n)).map(dasherize),
		attributeTypes,
		relationships: r.relationships.map((rel) => ({ name: dasherize(rel.name), kind: rel.kind === 'has_many' ? 'many' : 'one', ...targetType(rel) })),
		creatable: ops.includes('create') ? creatableRaw.map(dasherize) : [],
		updatable: ops.includes('update') ? updatableRaw.map(dasherize) : [],
		filters: r.filters,
		ransack: r.ransack_filters.filter(([n], i, all) => all.findIndex(([m]) => m === n) === i),
		defaultSort: r.default_sort ? (/field: '(\w+)', direction: :(\w+)/.exec(r.default_sort) ?? []).slice(1).reduce((f, d) => (d === 'desc' ? `-${dasherize(f)}` : dasherize(f))) : undefined,
	};
});

const header = `/**
 * Every Yeti-Switch admin route: GENERATED by scripts/generate-yeti-catalogue.ts from
 * vendor-specs/yeti-admin-resources.json. Do not edit by hand; re-run the script.
 *
 * Names are as the API speaks them: attributes and relationships dasherized, filters as the server
 * names them (plain \`name\`, \`contractor.id\`, or ransack fields with underscores). Attribute types
 * are inferred (the spec has none): from ransack filter types, else from the name. Relationship
 * \`type\` is the JSON:API type it points to, inferred from the class or name; \`guessed\` = no admin
 * route has that type.
 */
`;

const body = `${header}
export type YetiOperation = 'index' | 'show' | 'create' | 'update' | 'destroy';
export type YetiFieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'uuid' | 'enum' | 'inet' | 'foreign_key' | 'array' | 'json';

export interface YetiRelationship {
	name: string;
	kind: 'one' | 'many';
	type: string;
	guessed: boolean;
}

export interface YetiRoute {
	/** Below /api/rest/admin/, e.g. "accounts" or "accounts/:id/balance". */
	path: string;
	/** The JSON:API type of its records. */
	type: string;
	label: string;
	ops: YetiOperation[];
	/** Whether index takes page[number]/page[size]; unpaginated routes return everything. */
	paginated: boolean;
	readOnly: boolean;
	/** Attributes the server returns. */
	attributes: string[];
	attributeTypes: Record<string, YetiFieldType>;
	relationships: YetiRelationship[];
	/** Attributes and relationships allowed in a create / an update. */
	creatable: string[];
	updatable: string[];
	/** Plain filters: filter[<name>]=value. */
	filters: string[];
	/** Ransack filters: filter[<field>_<operator>]=value, with the field's type. */
	ransack: Array<[string, YetiFieldType]>;
	defaultSort?: string;
}

// One route per line: compact in the package, still diffable.
export const YETI_ROUTES: YetiRoute[] = [
${entries.map((entry) => `\t${JSON.stringify(entry)},`).join('\n')}
];

export const YETI_ROUTES_BY_PATH: Record<string, YetiRoute> = Object.fromEntries(YETI_ROUTES.map((route) => [route.path, route]));

/** The ransack operators the server accepts for each field type. */
export const RANSACK_OPERATORS: Record<YetiFieldType, string[]> = {
	string: ['eq', 'not_eq', 'cont', 'start', 'end', 'in', 'not_in', 'cont_any'],
	number: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	datetime: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	boolean: ['eq', 'not_eq'],
	uuid: ['eq', 'not_eq', 'in', 'not_in'],
	enum: ['eq', 'not_eq', 'in', 'not_in'],
	inet: ['eq', 'not_eq', 'in', 'not_in'],
	foreign_key: ['eq', 'not_eq', 'in', 'not_in'],
	array: [],
	json: [],
};
`;

writeFileSync(outPath, body);
console.log(`Wrote ${entries.length} routes to ${outPath}`);
