/** The sandbox's in-memory tables: one per top-level admin route, records under the server's wire keys. */
import type { RouteFacts, YetiFacts } from './facts';

export interface YetiRecord {
	id: string;
	/** Under wire keys (min-balance); decimals as numbers, rendered as strings. */
	attributes: Record<string, unknown>;
	/** has_one: id or null; has_many: ids. */
	relationships: Record<string, string | string[] | null>;
}

export interface Table {
	rows: Map<string, YetiRecord>;
	nextId: number;
}

export class YetiStore {
	readonly tables = new Map<string, Table>();

	constructor(private readonly facts: YetiFacts) {
		for (const route of facts.routes.values()) if (!route.path.includes('/')) this.tables.set(route.path, { rows: new Map(), nextId: 1 });
	}

	route(path: string): RouteFacts {
		const route = this.facts.routes.get(path);
		if (!route) throw new Error(`No Yeti route ${path} in the facts`);
		return route;
	}

	table(path: string): Table {
		const table = this.tables.get(path);
		if (!table) throw new Error(`No table ${path}`);
		return table;
	}

	clear() {
		for (const table of this.tables.values()) {
			table.rows.clear();
			table.nextId = 1;
		}
	}

	/** Stores a record with every declared attribute (null where not given) and every relationship. */
	insert(path: string, attributes: Record<string, unknown>, relationships: Record<string, string | string[] | null> = {}, id?: string): YetiRecord {
		const table = this.table(path);
		const route = this.route(path);
		const full: Record<string, unknown> = {};
		for (const key of route.attributes.keys()) full[key] = attributes[key] ?? null;
		for (const key of Object.keys(attributes)) if (!(key in full)) throw new Error(`${path} has no attribute ${key}`);
		const rels: Record<string, string | string[] | null> = {};
		for (const rel of route.relationships.values()) rels[rel.wire] = relationships[rel.wire] ?? (rel.kind === 'many' ? [] : null);
		for (const key of Object.keys(relationships)) if (!route.relationships.has(key)) throw new Error(`${path} has no relationship ${key}`);
		const record: YetiRecord = { id: id ?? String(table.nextId++), attributes: full, relationships: rels };
		if (id && /^\d+$/.test(id) && Number(id) >= table.nextId) table.nextId = Number(id) + 1;
		table.rows.set(record.id, record);
		return record;
	}

	find(path: string, id: string): YetiRecord | undefined {
		return this.tables.get(path)?.rows.get(id);
	}
}
