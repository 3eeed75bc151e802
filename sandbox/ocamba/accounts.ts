/**
 * Accounts and their contacts (seed 000; api/core/v2.0/*-accounts*; the SDK reference
 * platform/sdk/api/ocamba.v2/ for the contacts sub-resource).
 *
 * Choices where the docs say nothing: an account is "in use" while it is the company's default
 * account (`is_default: 1`, the seeded 1000000), and deleting it answers 409 with the error body;
 * PATCH and DELETE are the verbs of account and contact changes (inferred from sibling endpoints).
 */
import { randomUUID } from 'crypto';
import type { FastifyInstance } from 'fastify';

import type { MemoryTable } from '../core';
import { HttpError, badRequest, idFirst, isObject, nonEmptyString, notFound, onlyKeys, readObject, timestamp } from './http';
import { listResponse, project, type PageSizePolicy } from './lists';
import { singleRecord, type OcambaModes } from './modes';

export const ACCOUNT_STATUSES = ['active', 'verification', 'rejected', 'paused', 'inactive', 'archived', 'hourly-limit', 'daily-limit', 'monthly-limit', 'lifetime-limit'];
export const CONFIGURED_STATUSES = ['active', 'verification', 'rejected', 'paused', 'inactive', 'archived'];
const CONTACT_TYPES = ['phone', 'mobile', 'skype', 'sip', 'email', 'website'];
export const COMPANY_ID = '1000001';

export interface Contact {
	id: string;
	type: string;
	value: string;
}

export interface Account {
	id: string;
	company_id: string;
	creator_id: string;
	status: string;
	configured_status: string;
	name: string;
	image: string;
	contacts: Contact[];
	feeds: { postbacks: string };
	is_default: number;
	create_time: string;
	update_time: string;
}

export interface AccountsState {
	modes(): OcambaModes;
	pageSize(): PageSizePolicy;
	accounts: MemoryTable<Account>;
}

function readContact(value: unknown, field: string): Omit<Contact, 'id'> {
	if (!isObject(value)) throw badRequest(`The request body is not valid: "${field}" must be an object with type and value.`);
	onlyKeys(value, ['type', 'value', 'id'], `${field}.`);
	if (!CONTACT_TYPES.includes(value.type as string)) throw badRequest(`The request body is not valid: "${field}.type" must be one of ${CONTACT_TYPES.join(', ')}.`);
	return { type: value.type as string, value: nonEmptyString(value.value, `${field}.value`) };
}

/** The account fields of a create (all) or update (partial) body. */
function readAccountFields(body: Record<string, unknown>, partial: boolean): Partial<Account> {
	onlyKeys(body, ['name', 'status', 'contacts', 'feeds']);
	const fields: Partial<Account> = {};
	if (body.name !== undefined || !partial) fields.name = nonEmptyString(body.name, 'name');
	if (body.status !== undefined) {
		if (!ACCOUNT_STATUSES.includes(body.status as string)) throw badRequest(`The request body is not valid: "status" must be one of ${ACCOUNT_STATUSES.join(', ')}.`);
		fields.status = body.status as string;
	}
	if (body.contacts !== undefined) {
		if (!Array.isArray(body.contacts)) throw badRequest('The request body is not valid: "contacts" must be a list.');
		fields.contacts = body.contacts.map((c, i) => ({ id: randomUUID(), ...readContact(c, `contacts[${i}]`) }));
	}
	if (body.feeds !== undefined) {
		if (!isObject(body.feeds)) throw badRequest('The request body is not valid: "feeds" must be an object.');
		onlyKeys(body.feeds, ['postbacks'], 'feeds.');
		if (typeof body.feeds.postbacks !== 'string') throw badRequest('The request body is not valid: "feeds.postbacks" must be a string.');
		fields.feeds = { postbacks: body.feeds.postbacks };
	}
	if (partial && Object.keys(fields).length === 0) throw badRequest('The request body is not valid: nothing to update.');
	return fields;
}

export function registerAccountRoutes(app: FastifyInstance, state: AccountsState) {
	const { accounts } = state;
	type Params = { id: string; accountId: string; contactId: string };
	const account = (id: string) => {
		const found = accounts.get(id);
		if (!found) throw notFound(`Account ${id}`);
		return found;
	};
	const contactOf = (owner: Account, id: string) => {
		const found = owner.contacts.find((c) => c.id === id);
		if (!found) throw notFound(`Contact ${id}`);
		return found;
	};

	app.post('/v2/ocamba/accounts', async (request, reply) => {
		const fields = readAccountFields(readObject(request), false);
		const status = fields.status ?? 'active';
		const created = accounts.insert({
			company_id: COMPANY_ID,
			creator_id: COMPANY_ID,
			status,
			configured_status: CONFIGURED_STATUSES.includes(status) ? status : 'active',
			name: fields.name!,
			image: '',
			contacts: fields.contacts ?? [],
			feeds: fields.feeds ?? { postbacks: '' },
			is_default: 0,
			create_time: timestamp(),
			update_time: timestamp(),
		});
		return reply.code(201).send(idFirst(created));
	});
	app.get('/v2/ocamba/accounts', async (request) =>
		listResponse(accounts.all().map(idFirst), request.query as Record<string, unknown>, { searchFields: ['name'], totalAsString: false, pageSize: state.pageSize() }),
	);
	app.get<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request) => singleRecord(state.modes(), project(idFirst(account(request.params.id)), request.query as Record<string, unknown>)));
	app.patch<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request, reply) => {
		const found = account(request.params.id);
		const fields = readAccountFields(readObject(request), true);
		if (fields.status) fields.configured_status = CONFIGURED_STATUSES.includes(fields.status) ? fields.status : found.configured_status;
		accounts.update(found.id, { ...fields, update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: Params }>('/v2/ocamba/accounts/:id', async (request, reply) => {
		const found = account(request.params.id);
		if (found.is_default) throw new HttpError(409, 'Conflict.', `Account ${found.id} is in use (it is the default account) and cannot be deleted.`);
		accounts.delete(found.id);
		return reply.code(204).send();
	});

	app.get<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts', async (request) =>
		listResponse(account(request.params.accountId).contacts, request.query as Record<string, unknown>, { searchFields: ['value'], totalAsString: false, pageSize: state.pageSize() }),
	);
	app.post<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts', async (request, reply) => {
		const owner = account(request.params.accountId);
		const body = readObject(request);
		onlyKeys(body, ['type', 'value']);
		const contact = { id: randomUUID(), ...readContact(body, 'contact') };
		accounts.update(owner.id, { contacts: [...owner.contacts, contact], update_time: timestamp() });
		return reply.code(201).send(contact);
	});
	app.get<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request) =>
		singleRecord(state.modes(), contactOf(account(request.params.accountId), request.params.contactId)),
	);
	app.patch<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request, reply) => {
		const owner = account(request.params.accountId);
		const existing = contactOf(owner, request.params.contactId);
		const body = readObject(request);
		onlyKeys(body, ['type', 'value']);
		if (body.type === undefined && body.value === undefined) throw badRequest('The request body is not valid: nothing to update.');
		const updated = readContact({ type: body.type ?? existing.type, value: body.value ?? existing.value }, 'contact');
		accounts.update(owner.id, { contacts: owner.contacts.map((c) => (c.id === existing.id ? { ...c, ...updated } : c)), update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: Params }>('/v2/ocamba/accounts/:accountId/contacts/:contactId', async (request, reply) => {
		const owner = account(request.params.accountId);
		const existing = contactOf(owner, request.params.contactId);
		accounts.update(owner.id, { contacts: owner.contacts.filter((c) => c.id !== existing.id), update_time: timestamp() });
		return reply.code(204).send();
	});
}
