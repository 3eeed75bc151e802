/**
 * The Yeti-Switch server as its own code describes it: every admin route's facts, read at start from
 * ../shared/vendor-specs/yeti-admin-resources.json (keys explained, with their source files, in
 * yeti-server-facts.md), and the error codes/titles from the table in yeti-server-facts.md §2.
 * Nothing here comes from the node (nodes/): the sandbox must be able to prove the node wrong.
 *
 * Names: the facts give the server's Ruby names (min_balance); records are stored under the wire keys
 * the server renders (`underscore.dasherize`: min-balance, legA_remote_ip → leg-a-remote-ip), so each
 * fact is kept under both where it matters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FACTS_JSON, FACTS_MD, findYetiFactsDir } from './facts-file';

/** The server version the facts were read at (yeti-server-facts.md: tag 1.15.38). */
export const DEFAULT_SERVER_VERSION = '1.15.38';
/** The last version before accounts needed a currency: the seed's era (seeds/003: no currency in the request nor the answer). */
export const SEED_SERVER_VERSION = '1.14.71';

interface RawRoute {
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
		id_format: string;
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
		relationship_routes: boolean;
		enums: Record<string, unknown[]>;
		required_on_create: string[];
		required_on_create_notes: Record<string, string>;
		special_endpoints: Array<{ name: string; method: string; path: string }>;
		notes: string[];
	};
}

export interface AttributeFact {
	/** The server's name (min_balance). */
	name: string;
	/** The key it is rendered and accepted under (min-balance). */
	wire: string;
	/** attribute_types without the computed: prefix. */
	type: string;
	/** Only from this server version on (the attribute was added then). */
	since?: string;
}

export interface RelationshipFact {
	name: string;
	wire: string;
	kind: 'one' | 'many';
	/** The JSON:API type of its records (relationship_types). */
	type: string;
	/** Whether `data` is sent without `include` (relationship_linkage, yeti-server-facts.md §1.5). */
	linkage: boolean;
}

export interface RequirementFact {
	name: string;
	wire: string;
	on: 'attribute' | 'relationship' | 'id';
	/** 422 from a validation, or 500 from a NOT NULL column the model does not validate. */
	status: 422 | 500;
	/** The validation message ("can't be blank", "must exist"). */
	message: string;
	/** Required from this server version on. */
	since?: string;
}

export interface RouteFacts {
	/** Below /api/rest/admin/ ("accounts", "invoice-template", "accounts/:id/balance"). */
	path: string;
	type: string;
	ops: Set<string>;
	paginated: boolean;
	immutable: boolean;
	/** Whether ids are integers (else strings: active calls, timezones...). */
	integerIds: boolean;
	/** Relationship links (self/related) exist only for routed relationships. */
	relationshipRoutes: boolean;
	selfLinks: boolean;
	/** By wire key. */
	attributes: Map<string, AttributeFact>;
	/** Wire keys rendered (write-only attributes are not). */
	fetchable: Set<string>;
	relationships: Map<string, RelationshipFact>;
	/** Wire keys (and `id` where the client supplies it). */
	creatable: Set<string>;
	updatable: Set<string>;
	/** Writable names that are neither attribute nor relationship (500 as attributes, ignored as relationships). */
	notAttributes: Set<string>;
	/** Plain filters, as declared (contractor.id, name, customer_id_eq). */
	filters: Set<string>;
	/** Ransack field → filter type. */
	ransack: Map<string, string>;
	/** Server names accepted by `sort`, and those accepted but failing in SQL (500). */
	sortable: Set<string>;
	sortableFails: Set<string>;
	/** Default order; undefined when sorting is a no-op (active calls, incoming registrations, timezones). */
	defaultSort?: Array<{ field: string; desc: boolean }>;
	/** Attribute (wire key) → the only values it takes. */
	enums: Map<string, unknown[]>;
	/** Ransack field → the only values its filters take (enum collection → 400 code 107 otherwise). */
	filterEnums: Map<string, unknown[]>;
	required: RequirementFact[];
	/** What meta.total-count says: the count, 0 always, or all records ignoring filters. */
	count: 'filtered' | 'zero' | 'all';
	notes: string[];
}

export interface ErrorFact {
	code: string;
	status: number;
	title: string;
}

export interface YetiFacts {
	routes: Map<string, RouteFacts>;
	byType: Map<string, RouteFacts>;
	errors: Map<string, ErrorFact>;
	source: string;
}

/** jsonapi-resources' key format (jr:lib/jsonapi/formatter.rb DasherizedKeyFormatter: underscore, then dasherize). */
export function dasherize(name: string): string {
	return name
		.replace(/([A-Z\d]+)([A-Z][a-z])/g, '$1_$2')
		.replace(/([a-z\d])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.replace(/_/g, '-');
}

/** The reverse, as the request parser unformats keys (`unformat_key` = underscore). */
export function underscore(key: string): string {
	return key.replace(/-/g, '_');
}

const VERSION = /(\d+)\.(\d+)\.(\d+)/;
export function compareVersions(a: string, b: string): number {
	const x = VERSION.exec(a)?.slice(1).map(Number) ?? [0, 0, 0];
	const y = VERSION.exec(b)?.slice(1).map(Number) ?? [0, 0, 0];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}

export function atLeast(version: string, since: string | undefined): boolean {
	return !since || compareVersions(version, since) >= 0;
}

/** "since 1.14.72 (commit ...)" in a requirement's note. */
function sinceOf(note: string | undefined): string | undefined {
	return note ? /\bsince (\d+\.\d+\.\d+)/.exec(note)?.[1] : undefined;
}

function requirement(route: RawRoute, name: string, relationships: Map<string, RelationshipFact>, wireOf: (n: string) => string): RequirementFact {
	const notes = route.resource.required_on_create_notes;
	// "see vendor": the same rule as the field named.
	const seeAlso = /^see (\w+)$/.exec(notes[name] ?? '')?.[1];
	const note = (seeAlso ? notes[seeAlso] : notes[name]) ?? '';
	const isRelationship = relationships.has(dasherize(name));
	// "column NOT NULL without default -> 500 when omitted" (yeti-server-facts.md §1.8).
	const status = /\b500\b/.test(note) && !/^422/.test(note) ? 500 : 422;
	const quoted = /422 "(?:[\w-]+ - )?([^"]+)"/.exec(note)?.[1];
	return {
		name,
		wire: name === 'id' ? 'id' : isRelationship ? dasherize(name) : wireOf(name),
		on: name === 'id' ? 'id' : isRelationship ? 'relationship' : 'attribute',
		status,
		message: quoted ?? (isRelationship ? 'must exist' : "can't be blank"),
		since: sinceOf(note),
	};
}

function routeFacts(raw: RawRoute): RouteFacts {
	const r = raw.resource;
	const path = raw.route.replace('/api/rest/admin/', '');
	const wireOf = (name: string) => r.wire_key_exceptions[name] ?? dasherize(name);
	const relationships = new Map<string, RelationshipFact>();
	for (const rel of r.relationships) {
		relationships.set(dasherize(rel.name), {
			name: rel.name,
			wire: dasherize(rel.name),
			kind: rel.kind === 'has_many' ? 'many' : 'one',
			type: r.relationship_types[rel.name],
			linkage: r.relationship_linkage[rel.name] === true,
		});
	}
	const required = r.required_on_create.map((name) => requirement(raw, name, relationships, wireOf));
	// An attribute added in a later version: the version its requirement appeared in, or a note such as
	// "currency attribute (...) since 1.15.28" (payments) / "currency (code string) writable since 1.15.0".
	const since = new Map<string, string>();
	for (const req of required) if (req.since && req.on === 'attribute') since.set(req.name, req.since);
	for (const note of r.notes) {
		const match = /^(\w+) (?:attribute|\(.*?\) writable)\b.*?since (\d+\.\d+\.\d+)/.exec(note);
		if (match && r.attribute_types[match[1]] && !since.has(match[1])) since.set(match[1], match[2]);
	}
	const attributes = new Map<string, AttributeFact>();
	for (const [name, type] of Object.entries(r.attribute_types)) {
		attributes.set(wireOf(name), { name, wire: wireOf(name), type: type.replace(/^computed:/, ''), since: since.get(name) });
	}
	const hidden = new Set([...(r.fetchable_override ?? '').matchAll(/:(\w+)/g)].map((m) => m[1]));
	const formatWritable = (names: string[]) => new Set(names.map((n) => (n === 'id' ? 'id' : relationships.has(dasherize(n)) ? dasherize(n) : wireOf(n))));
	const enums = new Map<string, unknown[]>();
	const filterEnums = new Map<string, unknown[]>();
	for (const [key, values] of Object.entries(r.enums)) {
		const filterKey = /^([\w|]+) \(filter\)$/.exec(key);
		if (filterKey) filterEnums.set(filterKey[1].split('|')[0].replace(/_(eq|not_eq|in|not_in)$/, ''), values);
		else if (/^\w+$/.test(key) && r.attribute_types[key]) enums.set(wireOf(key), values);
	}
	// A ransack filter of type enum on an attribute with values takes those values (RansackFilterBuilder collection:).
	for (const [field, type] of r.ransack_filters) {
		if (type === 'enum' && !filterEnums.has(field) && r.enums[field]) filterEnums.set(field, r.enums[field]);
	}
	const defaultSort = r.default_sort_resolved.startsWith('none')
		? undefined
		: r.default_sort_resolved.split(',').map((s) => ({ field: s.trim().replace(/^-/, ''), desc: s.trim().startsWith('-') }));
	const countNote = r.notes.join(' ');
	return {
		path,
		type: r.jsonapi_type,
		ops: new Set(raw.ops),
		paginated: r.paginator === 'paged',
		immutable: r.immutable,
		integerIds: r.id_format.startsWith('integer'),
		relationshipRoutes: r.relationship_routes === true,
		// timezones: exclude_links [:self] (yeti-server-facts.md §2).
		selfLinks: !/self links excluded/.test(countNote),
		attributes,
		fetchable: new Set(r.attributes.filter((n) => !hidden.has(n)).map(wireOf)),
		relationships,
		creatable: formatWritable(r.creatable_resolved),
		updatable: formatWritable(r.updatable_resolved.filter((n) => n !== 'id')),
		notAttributes: new Set(r.writable_but_not_attribute.map(dasherize)),
		filters: new Set(r.filters),
		ransack: new Map(r.ransack_filters),
		sortable: new Set(r.sortable),
		sortableFails: new Set(r.sortable_fails),
		defaultSort,
		enums,
		filterEnums,
		required,
		count: /total-count is always 0/.test(countNote) || /meta\.total-count always 0/.test(countNote) ? 'zero' : /counts all zones ignoring filters/.test(countNote) ? 'all' : 'filtered',
		notes: r.notes,
	};
}

/**
 * The error table of yeti-server-facts.md §2 ("| code | HTTP | title (exact) | detail |"), the titles
 * jsonapi-resources 0.9.12 gives (jr:lib/jsonapi/exceptions.rb, jr:lib/jsonapi/error_codes.rb).
 */
export function parseErrorTable(markdown: string): Map<string, ErrorFact> {
	const errors = new Map<string, ErrorFact>();
	for (const line of markdown.split('\n')) {
		const match = /^\| (\d{3}) \| (\d{3}) \| ([^|]+?) \|/.exec(line);
		if (!match) continue;
		// "Invalid field (sic)": the annotation is the fact file's, not part of the title.
		errors.set(match[1], { code: match[1], status: Number(match[2]), title: match[3].replace(/\s*\(sic\)$/, '').trim() });
	}
	return errors;
}

export function loadYetiFacts(dir = findYetiFactsDir()): YetiFacts {
	const raw = JSON.parse(readFileSync(join(dir, FACTS_JSON), 'utf8')) as RawRoute[];
	const routes = new Map<string, RouteFacts>();
	const byType = new Map<string, RouteFacts>();
	for (const entry of raw) {
		const facts = routeFacts(entry);
		routes.set(facts.path, facts);
		// Only top-level resources serve a type's related records (the balance singletons do not).
		if (!facts.path.includes('/')) byType.set(facts.type, facts);
	}
	const errors = parseErrorTable(readFileSync(join(dir, FACTS_MD), 'utf8'));
	return { routes, byType, errors, source: dir };
}

let cached: { dir: string; facts: YetiFacts } | undefined;

/** Read once per process and folder (every sandbox of a test run shares them). */
export function yetiFacts(dir = findYetiFactsDir()): YetiFacts {
	if (!cached || cached.dir !== dir) cached = { dir, facts: loadYetiFacts(dir) };
	return cached.facts;
}
