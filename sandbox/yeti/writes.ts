/**
 * Creates, updates, deletes and the account balance singletons, as jsonapi-resources 0.9.12 parses
 * them (jr:lib/jsonapi/request_parser.rb: parse_add_operation, parse_single_replace_operation,
 * verify_permitted_params, parse_params, parse_to_one_relationship) and the models validate them
 * (app/models/**, app/forms/**), with the facts' requirements for the server version played.
 */
import { randomUUID } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { parseJsonBody } from '../core';
import { atLeast, underscore, type RelationshipFact, type RouteFacts } from './facts';
import { HttpError, internalServerError, jsonApiError, validationError, formatDecimal, type Body, type ErrorObject } from './jsonapi';
import type { YetiSandbox } from './index';
import type { YetiRecord } from './store';

interface ParsedDocument {
	id?: unknown;
	attributes: Body;
	relationships: Body;
}

/**
 * Fields whose value must be unique, read at the source (the facts record only some of them):
 * app/models/account.rb (`validates :uuid, :name, uniqueness`, `:external_id, uniqueness: {allow_blank}`),
 * app/models/contractor.rb (name, external_id), app/models/customers_auth.rb (name, external_id),
 * app/models/gateway.rb (name), app/models/routing/numberlist.rb (name),
 * app/models/routing/routing_plan.rb (name, external_id), app/models/pop.rb (id, name); api-accesses
 * login (facts: "presence + uniqueness").
 */
const UNIQUE: Record<string, string[]> = {
	accounts: ['name', 'uuid', 'external-id'],
	contractors: ['name', 'external-id'],
	'customers-auths': ['name', 'external-id'],
	gateways: ['name'],
	numberlists: ['name'],
	'routing-plans': ['name', 'external-id'],
	pops: ['name'],
	'api-accesses': ['login'],
};

/** Records a contractor still owns block its deletion (dependent: :restrict_with_error, app/models/contractor.rb) → 422. */
const CONTRACTOR_DEPENDENTS: Array<[string, string, string]> = [
	['accounts', 'contractor', 'accounts'],
	['gateways', 'contractor', 'gateways'],
	['gateway-groups', 'vendor', 'gateway groups'],
	['customers-auths', 'customer', 'customers auths'],
];

const FALSE_STRINGS = new Set(['false', 'f', '0', 'off', 'FALSE', 'F', 'OFF']);

export class YetiWrites {
	constructor(private readonly sandbox: YetiSandbox) {}

	private get errors() {
		return this.sandbox.facts.errors;
	}

	/** The JSON:API document of a write, checked as the request parser does (400 codes before any validation). */
	private read(request: FastifyRequest, route: RouteFacts, allowed: Set<string>, key?: { url?: string }): ParsedDocument {
		let body: { data?: unknown } | undefined;
		try {
			body = parseJsonBody(request.body) as typeof body;
		} catch {
			throw jsonApiError(this.errors, '400', 'Bad Request');
		}
		const data = body?.data;
		if (data === undefined || data === null) throw jsonApiError(this.errors, '106', 'The required parameter, data, is missing.');
		if (typeof data !== 'object' || Array.isArray(data)) throw jsonApiError(this.errors, '122', 'Data must be a hash.');
		const document = data as Record<string, unknown>;
		if (key) {
			if (document.id === undefined || document.id === null) throw jsonApiError(this.errors, '109', 'The resource object does not contain a key.');
			if (key.url !== undefined && String(document.id) !== key.url) throw jsonApiError(this.errors, '110', `The URL does not support the key ${String(document.id)}`);
		}
		if (document.type === undefined || document.type === null) throw jsonApiError(this.errors, '106', 'The required parameter, type, is missing.');
		// Types are unformatted before the comparison: customers_auths and customers-auths both work.
		if (underscore(String(document.type)) !== underscore(route.type)) throw jsonApiError(this.errors, '101', `${String(document.type)} is not a valid resource.`);
		for (const [name, value] of Object.entries(document)) {
			if (name === 'type') continue;
			if (name === 'id') {
				if (!key && !allowed.has('id')) throw jsonApiError(this.errors, '105', 'id is not allowed.');
				continue;
			}
			if (name !== 'attributes' && name !== 'relationships') throw jsonApiError(this.errors, '105', `${name} is not allowed.`);
			if (value === null || typeof value !== 'object') continue;
			// Keys must be exactly the formatted (dasherized) names: min_balance is not min-balance (105).
			for (const field of Object.keys(value)) {
				if (!allowed.has(field)) throw jsonApiError(this.errors, '105', `${field} is not allowed.`);
			}
		}
		return { id: document.id, attributes: (document.attributes ?? {}) as Body, relationships: (document.relationships ?? {}) as Body };
	}

	/** What a route accepts at the server version played: an attribute added later is unknown before (105). */
	private allowed(route: RouteFacts, names: Set<string>): Set<string> {
		return new Set([...names].filter((name) => !route.attributes.has(name) || this.sandbox.hasAttribute(route, name)));
	}

	private verifyRelatedKey(rel: RelationshipFact, id: unknown): string {
		const target = this.sandbox.facts.byType.get(rel.type);
		const text = String(id);
		if ((target?.integerIds ?? true) && !(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && /^\d+$/.test(id))) {
			throw jsonApiError(this.errors, '103', `${text} is not a valid value for id.`);
		}
		return text;
	}

	/** A relationship's linkage (jr parse_to_one_relationship / parse_to_many_relationship): 115 shape, 116 type, 103 id. */
	private linkage(rel: RelationshipFact, value: unknown): string | string[] | null {
		const invalid = () => jsonApiError(this.errors, '115', 'Data is not a valid Links Object.');
		const one = (link: unknown): string => {
			if (!link || typeof link !== 'object' || Array.isArray(link)) throw invalid();
			const keys = Object.keys(link);
			if (keys.length !== 2 || !keys.includes('type') || !keys.includes('id')) throw invalid();
			const { type, id } = link as { type: unknown; id: unknown };
			if (underscore(String(type)) !== underscore(rel.type)) throw jsonApiError(this.errors, '116', `${underscore(String(type))} is not a valid type for this operation.`);
			return this.verifyRelatedKey(rel, id);
		};
		if (rel.kind === 'one') {
			const data = value && typeof value === 'object' ? (value as { data?: unknown }).data : null;
			return data === null || data === undefined ? null : one(data);
		}
		if (Array.isArray(value) && value.length === 0) return [];
		const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as { data?: unknown }).data : undefined;
		if (!Array.isArray(data)) throw invalid();
		return data.map(one);
	}

	/** Casts an attribute as Rails would, or says why the model refuses it. */
	private cast(type: string, value: unknown): { value?: unknown; problem?: string } {
		if (value === null) return { value: null };
		const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
		switch (type) {
			case 'integer':
				return Number.isFinite(number) && Number.isInteger(number) ? { value: number } : { problem: 'is not a number' };
			case 'decimal':
			case 'float':
				return Number.isFinite(number) ? { value: number } : { problem: 'is not a number' };
			case 'boolean':
				if (typeof value === 'boolean') return { value };
				if (typeof value === 'string' && value !== '') return { value: !FALSE_STRINGS.has(value) };
				if (value === 0 || value === 1) return { value: value === 1 };
				return { problem: 'is not included in the list' };
			case 'datetime': {
				const time = typeof value === 'string' ? Date.parse(value) : NaN;
				return Number.isNaN(time) ? { problem: 'is invalid' } : { value: new Date(time).toISOString() };
			}
			case 'date':
				return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? { value: new Date(Date.parse(value)).toISOString().slice(0, 10) } : { problem: 'is invalid' };
			case 'json':
				return { value };
			case 'integer[]':
				if (!Array.isArray(value)) return { problem: 'is invalid' };
				return value.every((v) => Number.isInteger(typeof v === 'string' ? Number(v) : v)) ? { value: value.map(Number) } : { problem: 'is invalid' };
			case 'string[]':
			case 'inet[]':
				// customers-auths ip: a single string is cast to a one-element array (facts note).
				if (typeof value === 'string') return { value: [value] };
				return Array.isArray(value) && value.every((v) => typeof v === 'string') ? { value } : { problem: 'is invalid' };
			default:
				return typeof value === 'object' ? { problem: 'is invalid' } : { value: String(value) };
		}
	}

	/** Attributes and relationships of a write: types, enums, the linkage; every problem found (422), or a 500 the server would raise. */
	private values(route: RouteFacts, document: ParsedDocument) {
		const values: Record<string, unknown> = {};
		const relationships: Record<string, string | string[] | null> = {};
		const problems: ErrorObject[] = [];
		for (const [key, raw] of Object.entries(document.attributes)) {
			// Writable but not an attribute: Resource#_replace_fields calls `send("#{attr}=")` → NoMethodError → 500 (§1.3).
			if (route.notAttributes.has(key)) throw internalServerError();
			const fact = route.attributes.get(key);
			if (!fact) continue;
			const cast = this.cast(fact.type, raw);
			if (cast.problem) problems.push(validationError(key, cast.problem, 'attributes'));
			else values[key] = cast.value;
			const choices = route.enums.get(key);
			if (choices && cast.value !== null && cast.value !== undefined && !choices.map(String).includes(String(cast.value))) {
				problems.push(validationError(key, 'is not included in the list', 'attributes'));
			}
		}
		for (const [key, raw] of Object.entries(document.relationships)) {
			const rel = route.relationships.get(key);
			// Writable names that are not relationships are skipped by parse_params (silently ignored).
			if (!rel) continue;
			const ids = this.linkage(rel, raw);
			relationships[key] = ids;
			const target = this.sandbox.facts.byType.get(rel.type);
			for (const id of ids === null ? [] : Array.isArray(ids) ? ids : [ids]) {
				if (target && !this.sandbox.store.find(target.path, id)) problems.push(validationError(key, 'must exist', 'relationships'));
			}
		}
		return { values, relationships, problems };
	}

	private unique(route: RouteFacts, values: Record<string, unknown>, problems: ErrorObject[], exceptId?: string) {
		for (const field of UNIQUE[route.path] ?? []) {
			const value = values[field];
			if (value === undefined || value === null || value === '') continue;
			for (const row of this.sandbox.table(route.path).rows.values()) {
				if (row.id !== exceptId && row.attributes[field] === value) {
					problems.push(validationError(field, 'has already been taken', 'attributes'));
					break;
				}
			}
		}
	}

	/** Rules of particular models that a user meets (each cites its model). */
	private modelRules(route: RouteFacts, record: Record<string, unknown>, problems: ErrorObject[], creating: boolean) {
		const currencies = () => [...this.sandbox.table('currencies').rows.values()].map((row) => row.attributes.name);
		if (route.path === 'accounts') {
			// app/models/account.rb: max_balance >= min_balance; vat 0..100; timezone one of /timezones.
			const min = Number(record['min-balance'] ?? 0);
			const max = Number(record['max-balance'] ?? 0);
			if (max < min) problems.push(validationError('max-balance', `must be greater than or equal to ${formatDecimal(min)}`, 'attributes'));
			const vat = Number(record.vat ?? 0);
			if (vat < 0 || vat > 100) problems.push(validationError('vat', vat < 0 ? 'must be greater than or equal to 0' : 'must be less than or equal to 100', 'attributes'));
			if (record.timezone !== undefined && record.timezone !== null && !this.sandbox.table('timezones').rows.has(String(record.timezone))) {
				problems.push(validationError('timezone', 'is not included in the list', 'attributes'));
			}
			// AdminApi::AccountForm#validate_currency (since 1.14.72): an unknown code.
			if (creating && this.sandbox.hasAttribute(route, 'currency') && record.currency && !currencies().includes(record.currency)) {
				problems.push(validationError('currency', 'is not found', 'attributes'));
			}
		}
		if ((route.path === 'dialpeers' || route.path === 'destinations') && this.sandbox.hasAttribute(route, 'currency') && record.currency && !currencies().includes(record.currency)) {
			// An unknown code leaves currency_id nil: the presence validation answers (facts, since 1.15.0).
			problems.push(validationError('currency', "can't be blank", 'attributes'));
		}
		if (route.path === 'contractors' && record.vendor !== true && record.customer !== true && (record.vendor === false || record.customer === false)) {
			problems.push(validationError('base', 'Must be customer and/or vendor', 'base'));
		}
		if (route.path === 'payments' && creating && Number(record.amount) === 0) problems.push(validationError('amount', 'must be other than 0', 'attributes'));
	}

	/** What a create must carry at the server version played: 422 for validations, 500 for NOT NULL columns without default. */
	private requirements(route: RouteFacts, record: Record<string, unknown>, relationships: Record<string, unknown>, id: unknown, problems: ErrorObject[]): boolean {
		let notNullViolated = false;
		for (const requirement of route.required) {
			if (!atLeast(this.sandbox.serverVersion, requirement.since)) continue;
			const present =
				requirement.on === 'id' ? id !== undefined && id !== null && id !== '' : requirement.on === 'relationship' ? relationships[requirement.wire] !== undefined && relationships[requirement.wire] !== null : record[requirement.wire] !== undefined && record[requirement.wire] !== null && record[requirement.wire] !== '';
			if (present) continue;
			if (requirement.status === 500) notNullViolated = true;
			else if (!problems.some((p) => p.source?.pointer.endsWith(`/${requirement.wire}`))) {
				problems.push(validationError(requirement.wire, requirement.message, requirement.on === 'relationship' ? 'relationships' : 'attributes'));
			}
		}
		return notNullViolated;
	}

	/** Server-side defaults of a new record (DB defaults, after_initialize / before_create callbacks). */
	private defaults(route: RouteFacts, values: Record<string, unknown>) {
		const now = new Date().toISOString();
		if (route.attributes.has('created-at')) values['created-at'] ??= now;
		if (route.attributes.has('updated-at')) values['updated-at'] ??= now;
		if (route.attributes.has('uuid')) values.uuid ??= randomUUID();
		if (route.path === 'accounts') {
			// app/models/account.rb after_initialize: balance, min/max balance 0; DB defaults vat 0, timezone UTC.
			values.balance = 0;
			values['min-balance'] ??= 0;
			values['max-balance'] ??= 0;
			values.vat ??= 0;
			values.timezone ??= 'UTC';
		}
		if (route.path === 'cdr-exports') values.status = 'Pending';
		if (route.path === 'invoices') Object.assign(values, { state: 'Pending', 'invoice-type': 'Manual', reference: `INV-${Date.now()}`, 'amount-spent': 0, 'amount-earned': 0 });
	}

	create(route: RouteFacts, request: FastifyRequest, reply: FastifyReply) {
		const document = this.read(request, route, this.allowed(route, route.creatable));
		const { values, relationships, problems } = this.values(route, document);
		this.defaults(route, values);
		this.modelRules(route, values, problems, true);
		const notNull = this.requirements(route, values, relationships, document.id, problems);
		this.unique(route, values, problems);
		if (route.path === 'pops' && document.id !== undefined && this.sandbox.table('pops').rows.has(String(document.id))) problems.push(validationError('id', 'has already been taken', 'attributes'));
		if (problems.length) throw new HttpError(422, problems);
		if (notNull) throw internalServerError();
		if (route.path === 'payments') {
			// before_save :top_up_balance; the payment records the balance before it and the account's currency.
			const account = this.sandbox.store.find('accounts', String(relationships.account));
			if (account) {
				values['balance-before-payment'] = account.attributes.balance;
				values.currency = account.attributes.currency;
				account.attributes.balance = round(Number(account.attributes.balance ?? 0) + Number(values.amount));
			}
			Object.assign(values, { status: 'completed', 'type-name': 'manual' });
		}
		if (route.path === 'transactions') {
			const account = this.sandbox.store.find('accounts', String(relationships.account));
			if (account) account.attributes.balance = round(Number(account.attributes.balance ?? 0) - Number(values.amount));
		}
		const record = this.sandbox.store.insert(route.path, values, relationships, document.id === undefined ? undefined : String(document.id));
		const body = this.sandbox.renderRecord(route, record, request);
		// Location = data.links.self, built from the type (jr:lib/jsonapi/acts_as_resource_controller.rb).
		reply.header('location', `${this.sandbox.baseUrl(request)}/${route.type}/${record.id}`);
		return this.sandbox.send(reply, 201, body);
	}

	update(route: RouteFacts, id: string, request: FastifyRequest, reply: FastifyReply) {
		const record = this.sandbox.find(route, id);
		const document = this.read(request, route, this.allowed(route, route.updatable), { url: id });
		const { values, relationships, problems } = this.values(route, document);
		const merged = { ...record.attributes, ...values };
		this.modelRules(route, merged, problems, false);
		this.unique(route, values, problems, id);
		if (problems.length) throw new HttpError(422, problems);
		Object.assign(record.attributes, values);
		if (route.attributes.has('updated-at')) record.attributes['updated-at'] = new Date().toISOString();
		Object.assign(record.relationships, relationships);
		return this.sandbox.send(reply, 200, this.sandbox.renderRecord(route, record, request));
	}

	destroy(route: RouteFacts, id: string, reply: FastifyReply) {
		const record = this.sandbox.find(route, id);
		if (route.path === 'contractors') {
			for (const [path, relationship, label] of CONTRACTOR_DEPENDENTS) {
				if ([...this.sandbox.table(path).rows.values()].some((row) => row.relationships[relationship] === id)) {
					throw new HttpError(422, [validationError('base', `Cannot delete record because dependent ${label} exist`, 'base')]);
				}
			}
		}
		// cdr-exports: soft delete (status Deleted, the record stays listed) — CdrExportResource#_remove.
		if (route.path === 'cdr-exports') record.attributes.status = 'Deleted';
		else this.sandbox.table(route.path).rows.delete(id);
		return reply.code(204).send();
	}

	/** PUT|PATCH accounts/{any}/balance: data.id is the account's external id; the URL segment is ignored. */
	setBalance(request: FastifyRequest, reply: FastifyReply) {
		const route = this.sandbox.route('accounts/:id/balance');
		const document = this.read(request, route, route.updatable, {});
		const { values, problems } = this.values(route, document);
		const externalId = String(document.id);
		const account = [...this.sandbox.table('accounts').rows.values()].find((row) => String(row.attributes['external-id']) === externalId);
		if (!account) throw jsonApiError(this.errors, '404', `The record identified by ${externalId} could not be found.`);
		if (problems.length) throw new HttpError(422, problems);
		if (values.balance !== undefined) account.attributes.balance = values.balance;
		return this.sandbox.send(reply, 200, { data: { id: externalId, type: route.type, attributes: { balance: formatDecimal(account.attributes.balance) } } });
	}

	/** PUT|PATCH accounts/{any}/balance-correction: data.id is the account id; balance += correction. */
	correctBalance(request: FastifyRequest, reply: FastifyReply) {
		const route = this.sandbox.route('accounts/:id/balance-correction');
		const document = this.read(request, route, route.updatable, {});
		const { values, problems } = this.values(route, document);
		const account = this.sandbox.find(this.sandbox.route('accounts'), String(document.id));
		if (values.correction === undefined && !problems.length) problems.push(validationError('correction', "can't be blank", 'attributes'));
		if (problems.length) throw new HttpError(422, problems);
		account.attributes.balance = round(Number(account.attributes.balance ?? 0) + Number(values.correction));
		return this.sandbox.send(reply, 200, {
			// correction is write-only (the resource's fetchable fields exclude it).
			data: { id: account.id, type: route.type, attributes: { name: account.attributes.name, balance: formatDecimal(account.attributes.balance) } },
		});
	}
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export type { YetiRecord };
