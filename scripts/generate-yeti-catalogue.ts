/**
 * Generates nodes/YetiSwitch/catalogue.ts from the facts read from the Yeti-Switch server's code
 * (../shared/vendor-specs/yeti-admin-resources.json, explained in yeti-server-facts.md).
 * Run: npx tsx scripts/generate-yeti-catalogue.ts [facts.json]   (--check: fail if the file would change)
 *
 * Nothing is inferred from names any more: types come from `attribute_types`, wire keys from
 * `wire_key_exceptions`, writable fields from `creatable_resolved`/`updatable_resolved` minus
 * `writable_but_not_attribute` (those make the server answer 500), sort fields from `sortable` minus
 * `sortable_fails` (accepted by the parser, then 500), relationship types from `relationship_types`,
 * linkage from `relationship_linkage`, choices from `enums`/`enum_labels`, requirements from
 * `required_on_create` (+ the version a requirement appeared in, from its note).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { findYetiFactsFile } from '../sandbox/yeti/facts-file';

export interface FactsRoute {
	route: string;
	ops: string[];
	resource: {
		immutable: boolean;
		paginator: string;
		attributes: string[];
		relationships: Array<{ name: string; kind: string }>;
		filters: string[];
		ransack_filters: Array<[string, string]>;
		fetchable_override: string | null;
		jsonapi_type: string;
		attribute_types: Record<string, string>;
		wire_key_exceptions: Record<string, string>;
		creatable_resolved: string[];
		updatable_resolved: string[];
		writable_but_not_attribute: string[];
		sortable: string[];
		sortable_fails: string[];
		default_sort_resolved: string;
		relationship_linkage: Record<string, boolean>;
		relationship_types: Record<string, string>;
		enums: Record<string, unknown[]>;
		enum_labels: Record<string, Record<string, string>>;
		required_on_create: string[];
		required_on_create_notes: Record<string, string>;
	};
}

const dasherize = (name: string) => name.replace(/_/g, '-');

/** Ruby's `underscore.dasherize` as jsonapi-resources formats keys, with the facts' exceptions (legA_remote_ip). */
function wireKey(route: FactsRoute, name: string): string {
	return route.resource.wire_key_exceptions[name] ?? dasherize(name);
}

/** Attributes `fetchable_fields` removes ("super - [:password]"): written, never rendered. */
function writeOnly(route: FactsRoute): Set<string> {
	const override = route.resource.fetchable_override ?? '';
	return new Set([...override.matchAll(/:(\w+)/g)].map((m) => m[1]));
}

/** The version a requirement appeared in, from its note ("since 1.14.72 (commit ...)"). */
function sinceVersion(note: string | undefined): string | undefined {
	return note ? /^since (\d+\.\d+\.\d+)/.exec(note)?.[1] : undefined;
}

function defaultSort(resolved: string): string | undefined {
	// "id" is the library default; "none (...)" = sorting is a no-op.
	if (!resolved || resolved === 'id' || resolved.startsWith('none')) return undefined;
	return resolved.startsWith('-') ? `-${dasherize(resolved.slice(1))}` : dasherize(resolved);
}

export function catalogueEntries(facts: FactsRoute[]) {
	return facts.map((route) => {
		const r = route.resource;
		const path = route.route.replace('/api/rest/admin/', '');
		const relNames = new Set(r.relationships.map((rel) => rel.name));
		const hidden = writeOnly(route);
		const notAttributes = new Set(r.writable_but_not_attribute);
		// `id` stays creatable where the client supplies it (pops, nodes: sent as data.id); an update's id is the URL's.
		const writable = (names: string[], withId: boolean) =>
			[...new Set(names)].filter((n) => !notAttributes.has(n) && (withId || n !== 'id')).map((n) => (relNames.has(n) ? dasherize(n) : wireKey(route, n)));
		const ops = route.ops.filter((op) => ['index', 'show', 'create', 'update', 'destroy'].includes(op));
		const attributeTypes: Record<string, string> = {};
		for (const [name, type] of Object.entries(r.attribute_types)) attributeTypes[wireKey(route, name)] = type.replace(/^computed:/, '');
		const enums: Record<string, unknown[]> = {};
		const filterEnums: Record<string, unknown[]> = {};
		for (const [key, values] of Object.entries(r.enums)) {
			const filterKey = /^([\w|]+) \(filter\)$/.exec(key);
			if (filterKey) {
				// "status_eq|status_not_eq|status_in|status_not_in (filter)": the ransack field is the common stem.
				const field = filterKey[1].split('|')[0].replace(/_(eq|not_eq|in|not_in)$/, '');
				filterEnums[field] = values;
			} else if (/^\w+$/.test(key) && r.attribute_types[key]) {
				enums[wireKey(route, key)] = values;
				// A ransack filter on the same column takes the same values.
				if (r.ransack_filters.some(([f]) => f === key)) filterEnums[key] ??= values;
			}
		}
		const enumLabels: Record<string, Record<string, string>> = {};
		for (const [key, labels] of Object.entries(r.enum_labels)) if (enums[wireKey(route, key)]) enumLabels[wireKey(route, key)] = labels;
		const requiredSince: Record<string, string> = {};
		for (const name of r.required_on_create) {
			const since = sinceVersion(r.required_on_create_notes[name]);
			if (since) requiredSince[relNames.has(name) ? dasherize(name) : wireKey(route, name)] = since;
		}
		const failing = new Set(r.sortable_fails);
		return {
			path,
			type: r.jsonapi_type,
			label: path
				.replace('/:id/', ' ')
				.split(/[-/ ]/)
				.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
				.join(' '),
			ops,
			paginated: r.paginator === 'paged',
			readOnly: r.immutable,
			attributes: r.attributes.filter((n) => !hidden.has(n)).map((n) => wireKey(route, n)),
			attributeTypes,
			relationships: r.relationships.map((rel) => ({
				name: dasherize(rel.name),
				kind: rel.kind === 'has_many' ? 'many' : 'one',
				type: r.relationship_types[rel.name],
				linkage: r.relationship_linkage[rel.name] === true,
			})),
			creatable: ops.includes('create') ? writable(r.creatable_resolved, true) : [],
			updatable: ops.includes('update') ? writable(r.updatable_resolved, false) : [],
			...(notAttributes.size ? { notAttributes: [...notAttributes].map(dasherize) } : {}),
			filters: r.filters,
			ransack: r.ransack_filters.filter(([n], i, all) => all.findIndex(([m]) => m === n) === i),
			sortable: r.sortable.filter((f) => !failing.has(f)).map((f) => f.split('.').map(dasherize).join('.')),
			...(defaultSort(r.default_sort_resolved) ? { defaultSort: defaultSort(r.default_sort_resolved) } : {}),
			...(Object.keys(enums).length ? { enums } : {}),
			...(Object.keys(enumLabels).length ? { enumLabels } : {}),
			...(Object.keys(filterEnums).length ? { filterEnums } : {}),
			required: r.required_on_create.map((n) => (relNames.has(n) ? dasherize(n) : wireKey(route, n))),
			...(Object.keys(requiredSince).length ? { requiredSince } : {}),
		};
	});
}

const header = `/**
 * Every Yeti-Switch admin route: GENERATED by scripts/generate-yeti-catalogue.ts from the facts read
 * from the server's code (../shared/vendor-specs/yeti-admin-resources.json, yeti-server-facts.md).
 * Do not edit by hand; re-run the script. test/yeti/catalogue.test.ts fails when it is out of date.
 *
 * Names are as the API speaks them: attributes and relationships dasherized (wire keys such as
 * leg-a-remote-ip), filters as the server names them (plain \`name\`, \`contractor.id\`, or ransack
 * fields with underscores).
 */
`;

export function renderCatalogue(facts: FactsRoute[]): string {
	const entries = catalogueEntries(facts);
	return `${header}
export type YetiOperation = 'index' | 'show' | 'create' | 'update' | 'destroy';
/** Attribute types as the server's columns give them (yeti-server-facts.md §1.2). */
export type YetiAttributeType = 'string' | 'integer' | 'decimal' | 'float' | 'boolean' | 'datetime' | 'date' | 'uuid' | 'json' | 'string[]' | 'integer[]' | 'inet[]';
/** Ransack filter types (app/services/ransack_filter_builder.rb). */
export type YetiFilterType = 'string' | 'number' | 'boolean' | 'datetime' | 'uuid' | 'enum' | 'inet' | 'foreign_key';

export interface YetiRelationship {
	name: string;
	kind: 'one' | 'many';
	/** The JSON:API type of the related records (relationship_types). */
	type: string;
	/** Whether the server sends the related id without \`include\` (relationship_linkage). */
	linkage: boolean;
}

export interface YetiRoute {
	/** Below /api/rest/admin/, e.g. "accounts" or "accounts/:id/balance". */
	path: string;
	/** The JSON:API type of its records (differs from the path for invoice-template). */
	type: string;
	label: string;
	ops: YetiOperation[];
	/** Whether index takes page[number]/page[size]; unpaginated routes return everything. */
	paginated: boolean;
	readOnly: boolean;
	/** Attributes the server returns. */
	attributes: string[];
	/** Every attribute's type, write-only ones included. */
	attributeTypes: Record<string, YetiAttributeType>;
	relationships: YetiRelationship[];
	/** Attributes and relationships a create / an update may carry (\`id\` on create: the client chooses it, sent as data.id). */
	creatable: string[];
	updatable: string[];
	/** Listed by the server as writable but neither attribute nor relationship: sent as attributes they give a 500. */
	notAttributes?: string[];
	/** Plain filters: filter[<name>]=value. */
	filters: string[];
	/** Ransack filters: filter[<field>_<operator>]=value, with the field's type. */
	ransack: Array<[string, YetiFilterType]>;
	/** Fields \`sort\` accepts and the server can order by. */
	sortable: string[];
	defaultSort?: string;
	/** Attributes that take one of these values only. */
	enums?: Record<string, Array<string | number>>;
	enumLabels?: Record<string, Record<string, string>>;
	/** Ransack fields whose values are one of these. */
	filterEnums?: Record<string, Array<string | number>>;
	/** What a create must carry (422, or 500 where the column has no default). */
	required: string[];
	/** Requirements that appeared in a later server version. */
	requiredSince?: Record<string, string>;
}

// One route per line: compact in the package, still diffable.
export const YETI_ROUTES: YetiRoute[] = [
${entries.map((entry) => `\t${JSON.stringify(entry)},`).join('\n')}
];

export const YETI_ROUTES_BY_PATH: Record<string, YetiRoute> = Object.fromEntries(YETI_ROUTES.map((route) => [route.path, route]));

/** The ransack operators the server accepts for each filter type (app/services/ransack_filter_builder.rb). */
export const RANSACK_OPERATORS: Record<YetiFilterType, string[]> = {
	string: ['eq', 'not_eq', 'cont', 'start', 'end', 'in', 'not_in', 'cont_any'],
	number: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	datetime: ['eq', 'not_eq', 'gt', 'gteq', 'lt', 'lteq', 'in', 'not_in'],
	boolean: ['eq', 'not_eq'],
	uuid: ['eq', 'not_eq', 'in', 'not_in'],
	enum: ['eq', 'not_eq', 'in', 'not_in'],
	inet: ['eq', 'not_eq', 'in', 'not_in'],
	foreign_key: ['eq', 'not_eq', 'in', 'not_in'],
};

/** Operators that take several comma-separated values (RANSACK_ARRAY_SUFFIXES). */
export const LIST_OPERATORS = ['in', 'not_in', 'cont_any'];
`;
}

export const CATALOGUE_PATH = resolve(__dirname, '../nodes/YetiSwitch/catalogue.ts');

if (require.main === module) {
	const args = process.argv.slice(2);
	const check = args.includes('--check');
	const factsPath = resolve(args.find((a) => !a.startsWith('--')) ?? findYetiFactsFile());
	const text = renderCatalogue(JSON.parse(readFileSync(factsPath, 'utf8')) as FactsRoute[]);
	if (check) {
		const same = readFileSync(CATALOGUE_PATH, 'utf8') === text;
		console.log(same ? 'catalogue is up to date' : `catalogue differs from ${factsPath}: re-run the script`);
		process.exit(same ? 0 : 1);
	}
	writeFileSync(CATALOGUE_PATH, text);
	console.log(`Wrote ${text.split('\n').filter((l) => l.startsWith('\t{')).length} routes to ${CATALOGUE_PATH}`);
}
