/**
 * The Hood part of the Ocamba sandbox: providers, integrations (seed 001; api/hood/v1.0/*-integrations*),
 * validate, test notifications, and Hood users with Send SMS To User
 * (api/hood/v1.0/create-users-by_id-send-sms).
 */
import type { FastifyInstance } from 'fastify';

import type { MemoryTable } from '../core';
import { badRequest, idFirst, isObject, nonEmptyString, notFound, onlyKeys, readObject, timestamp } from './http';
import { listResponse, type PageSizePolicy } from './lists';
import { MASKED_SECRET, singleRecord, type OcambaModes } from './modes';
import { isSecretSetting, providerAnswer, readSettings, settingsProblem, type Provider } from './providers';

export interface Integration {
	id: string;
	company_id: string;
	name: string;
	type: string;
	provider_id: string;
	settings: Record<string, string>;
	status: string;
	is_default: boolean;
	create_time: string;
	update_time: string;
}

/** A Hood user (the people Hood messages): the fields the bulk import names (api/hood/v1.0/create-users-bulk-import). */
export interface HoodUser {
	id: string;
	email: string;
	mobile_phone_number: string;
	tag_id: string;
}

/** One SMS the sandbox "sent" (tests check what reached the provider). */
export interface SentSms {
	userId: string;
	integrationId: string;
	to: string;
	content: string;
	shortenLinks: Array<{ placeholder: string; url: string; expires_in?: number }>;
}

export interface HoodState {
	modes(): OcambaModes;
	pageSize(): PageSizePolicy;
	providers(): Provider[];
	integrations: MemoryTable<Integration>;
	users: MemoryTable<HoodUser>;
	sentSms: SentSms[];
}

const INTEGRATION_STATUSES = ['active', 'inactive'];
/** Send SMS To User: "content ... [string 1 .. 320]". */
const MAX_SMS_CONTENT = 320;
/** "If a placeholder in content has less than 23 characters it will count as 23 characters." */
const MIN_PLACEHOLDER_LENGTH = 23;

function placeholdersIn(content: string): string[] {
	return [...content.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]);
}

/** Send SMS To User's body rules, as its notes state them. */
function readSendSms(body: Record<string, unknown>) {
	onlyKeys(body, ['integration_id', 'content', 'shorten_links']);
	const integrationId = nonEmptyString(body.integration_id, 'integration_id');
	const content = nonEmptyString(body.content, 'content');
	const placeholders = placeholdersIn(content);
	const counted = placeholders.reduce((length, name) => length - (name.length + 3) + Math.max(MIN_PLACEHOLDER_LENGTH, name.length + 3), content.length);
	if (counted > MAX_SMS_CONTENT) throw badRequest(`The request body is not valid: "content" must be at most ${MAX_SMS_CONTENT} characters (placeholders count as at least ${MIN_PLACEHOLDER_LENGTH}); it counts ${counted}.`);
	const links: SentSms['shortenLinks'] = [];
	if (body.shorten_links !== undefined) {
		if (!Array.isArray(body.shorten_links)) throw badRequest('The request body is not valid: "shorten_links" must be a list.');
		body.shorten_links.forEach((link, index) => {
			if (!isObject(link)) throw badRequest(`The request body is not valid: "shorten_links[${index}]" must be an object.`);
			onlyKeys(link, ['placeholder', 'url', 'expires_in'], `shorten_links[${index}].`);
			const placeholder = nonEmptyString(link.placeholder, `shorten_links[${index}].placeholder`);
			const url = nonEmptyString(link.url, `shorten_links[${index}].url`);
			if (!/^https?:\/\//.test(url)) throw badRequest(`The request body is not valid: "shorten_links[${index}].url" must be a URL.`);
			if (link.expires_in !== undefined && (typeof link.expires_in !== 'number' || !Number.isInteger(link.expires_in) || link.expires_in < 1)) {
				throw badRequest(`The request body is not valid: "shorten_links[${index}].expires_in" must be a positive whole number.`);
			}
			if (!placeholders.includes(placeholder)) throw badRequest(`The request body is not valid: the placeholder "${placeholder}" must appear in content as \${${placeholder}}.`);
			links.push({ placeholder, url, ...(link.expires_in !== undefined ? { expires_in: link.expires_in as number } : {}) });
		});
		if (links.length !== placeholders.length) throw badRequest('The request body is not valid: the number of shorten_links must equal the number of placeholders in content.');
	}
	return { integrationId, content, links };
}

export function registerHoodRoutes(app: FastifyInstance, state: HoodState) {
	const providerById = (id: unknown): Provider => {
		if (typeof id !== 'string') throw badRequest('The request body is not valid: "provider_id" must be a string such as "1000".');
		const provider = state.providers().find((p) => p.id === id);
		if (!provider) throw badRequest(`The request body is not valid: unknown provider_id "${id}".`);
		return provider;
	};
	const integration = (id: string) => {
		const found = state.integrations.get(id);
		if (!found) throw notFound(`Integration ${id}`);
		return found;
	};
	/** An integration as reads show it: its provider embedded, secrets masked in 'masked' mode. */
	const shown = (row: Integration) => {
		const provider = providerById(row.provider_id);
		const masked = state.modes().secretsOnRead === 'masked';
		const settings = Object.fromEntries(
			Object.entries(row.settings).map(([key, value]) => {
				const secret = provider.settings.some((s) => s.name === key && isSecretSetting(s));
				return [key, masked && secret ? MASKED_SECRET : value];
			}),
		);
		return { ...idFirst(row), settings, provider: providerAnswer(provider, state.modes().providerSettingTypes), effective_status: row.status };
	};
	const checkStatus = (value: unknown) => {
		if (!INTEGRATION_STATUSES.includes(value as string)) throw badRequest('The request body is not valid: "status" must be active or inactive.');
		return value as string;
	};

	app.get('/v1/hood/providers', async () => state.providers().map((p) => providerAnswer(p, state.modes().providerSettingTypes)));

	app.post('/v1/hood/integrations', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['name', 'provider_id', 'settings', 'status']);
		const name = nonEmptyString(body.name, 'name');
		const provider = providerById(body.provider_id);
		const settings = readSettings(provider, body.settings, true);
		const created = state.integrations.insert({
			company_id: '6197120',
			name,
			type: provider.type,
			provider_id: provider.id,
			settings,
			status: body.status === undefined ? 'active' : checkStatus(body.status),
			is_default: false,
			create_time: timestamp(),
			update_time: timestamp(),
		});
		// The 201 of seed 001 shows neither times nor the provider.
		const { create_time: _c, update_time: _u, ...answer } = idFirst(created);
		return reply.code(201).send(answer);
	});
	app.get('/v1/hood/integrations', async (request) => {
		const query = request.query as Record<string, unknown>;
		if (query.type !== undefined && !['sms', 'email'].includes(String(query.type).replace(/^eq:/, ''))) throw badRequest('Invalid filter "type": expected sms or email.');
		const rows = state.integrations.all().map((row) => {
			const { provider: _p, effective_status: _e, ...listed } = shown(row);
			return listed;
		});
		return listResponse(rows, query, { searchFields: ['name'], totalAsString: true, pageSize: state.pageSize() });
	});
	app.get<{ Params: { id: string } }>('/v1/hood/integrations/:id', async (request) => singleRecord(state.modes(), shown(integration(request.params.id))));
	app.patch<{ Params: { id: string } }>('/v1/hood/integrations/:id', async (request, reply) => {
		const found = integration(request.params.id);
		const body = readObject(request);
		onlyKeys(body, ['name', 'settings', 'status']);
		if (Object.keys(body).length === 0) throw badRequest('The request body is not valid: nothing to update.');
		const patch: Partial<Integration> = {};
		if (body.name !== undefined) patch.name = nonEmptyString(body.name, 'name');
		if (body.status !== undefined) patch.status = checkStatus(body.status);
		if (body.settings !== undefined) {
			const given = readSettings(providerById(found.provider_id), body.settings, false);
			patch.settings = state.modes().integrationSettings === 'merge' ? { ...found.settings, ...given } : given;
		}
		state.integrations.update(found.id, { ...patch, update_time: timestamp() });
		return reply.code(204).send();
	});
	app.delete<{ Params: { id: string } }>('/v1/hood/integrations/:id', async (request, reply) => {
		state.integrations.delete(integration(request.params.id).id);
		return reply.code(204).send();
	});
	app.post('/v1/hood/integrations/validate', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['name', 'provider_id', 'settings', 'status']);
		const provider = providerById(body.provider_id);
		const problem = settingsProblem(provider, readSettings(provider, body.settings, true));
		if (state.modes().validateAnswer === 'json') return reply.code(200).send(problem ? { valid: false, message: problem } : { valid: true });
		if (problem) throw badRequest(problem);
		return reply.code(204).send();
	});
	app.post('/v1/hood/test-notification', async (request, reply) => {
		const body = readObject(request);
		onlyKeys(body, ['integration', 'recipient']);
		if (!isObject(body.integration)) throw badRequest('The request body is not valid: "integration" must be an object.');
		onlyKeys(body.integration, ['id', 'name', 'provider_id', 'settings', 'status'], 'integration.');
		const provider = providerById(body.integration.provider_id);
		const problem = settingsProblem(provider, readSettings(provider, body.integration.settings, true));
		if (problem) throw badRequest(problem);
		const recipient = nonEmptyString(body.recipient, 'recipient');
		if (provider.type === 'email' && !recipient.includes('@')) throw badRequest('The request body is not valid: "recipient" must be an e-mail address for an e-mail provider.');
		if (provider.type === 'sms' && provider.id !== '1006' && !/^\+?\d{6,15}$/.test(recipient)) throw badRequest('The request body is not valid: "recipient" must be a phone number for an SMS provider.');
		return reply.code(204).send();
	});

	app.post<{ Params: { id: string } }>('/v1/hood/users/:id/send-sms', async (request, reply) => {
		const user = state.users.get(request.params.id);
		if (!user) throw notFound(`User ${request.params.id}`);
		const { integrationId, content, links } = readSendSms(readObject(request));
		const through = state.integrations.get(integrationId);
		if (!through) throw badRequest(`The request body is not valid: integration "${integrationId}" does not exist.`);
		if (through.type !== 'sms') throw badRequest(`The request body is not valid: integration "${integrationId}" is not an SMS integration.`);
		if (!user.mobile_phone_number) throw badRequest(`User ${user.id} has no mobile phone number.`);
		state.sentSms.push({ userId: user.id, integrationId, to: user.mobile_phone_number, content, shortenLinks: links });
		return reply.code(204).send();
	});
}
