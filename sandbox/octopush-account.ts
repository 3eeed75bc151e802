/**
 * The Octopush account's default settings ("API Default parameters": alert thresholds, default senders,
 * the account's callback URLs) and Octopush's own side of callbacks: POSTing a delivery report, an
 * inbound SMS or a STOP to the URL the account holds for it. Registered by sandbox/octopush.ts.
 *
 * Sources (dev.octopush.com/en/sms-gateway-api-documentation/...):
 * - api-default-parameters/retrieve-configuration: `GET /user/campaign-parameters` answers 200 with
 *   `sms_campaign_alert_parameters`, `campaign_parameters` and `callbacks` (the documented example's keys).
 * - api-default-parameters/modify-configuration: `PATCH /user/campaign-parameters/edit` takes the same three
 *   objects; senders are "3 to 11 alphanumeric" (SMS) and "3 to 11 numeric" (voice) characters.
 * - octopush-api.readme.io/reference/get_public_apiuserget_campaign_parameters: the alert e-mail as an array
 *   `alert_emails_to`, and "If a parameter could not be recognized ... we will ignore it".
 * - callbacks/: callbacks are HTTP POSTs; the URL "should respond in about 1 second, and should not give any
 *   return"; acknowledge-receipt/, inbounds/, opt-out-management/: the payloads (read with json_decode, so JSON).
 *
 * Where the documents are silent, each reading is a switch (the node must be safe under all of them):
 * - `patch: 'merge'` (default): a PATCH changes only the keys it names; `'replaceSections'`: each object
 *   sent replaces that whole section (keys left out are cleared).
 * - `queryStrings: 'kept'` (default): a callback URL is stored and called exactly as given; `'dropped'`:
 *   Octopush stores (and calls) it without its query string.
 * - The modify page shows no answer: the sandbox answers 200 with the configuration as it now is.
 * - No "clear" value is documented: an empty string (or null) leaves the setting unset, which reads back as null.
 */
import type { FastifyReply } from 'fastify';

import { parseQuery } from './core';

export const CALLBACK_KEYS = [
	'callback_url_for_inbounds',
	'callback_url_for_deliveries',
	'callback_url_for_blacklisted_numbers',
	'callback_url_for_visits',
	'email_for_inbounds',
] as const;

type Section = Record<string, unknown>;

export interface AccountSettings {
	sms_campaign_alert_parameters: Section;
	campaign_parameters: Section;
	callbacks: Section;
}

export interface AccountSettingsOptions {
	patch?: 'merge' | 'replaceSections';
	queryStrings?: 'kept' | 'dropped';
	/** Settings each account starts with (default: a user with an existing integration of their own). */
	initial?: (login: string) => AccountSettings;
}

/** Which account callback URL each kind of callback goes to (modify-configuration). */
export const CALLBACK_URL_FOR = {
	delivery: 'callback_url_for_deliveries',
	inbound: 'callback_url_for_inbounds',
	stop: 'callback_url_for_blacklisted_numbers',
	visit: 'callback_url_for_visits',
} as const;
export type CallbackKind = keyof typeof CALLBACK_URL_FOR;

export interface CallbackDelivery {
	kind: CallbackKind;
	url: string;
	/** What was POSTed (as sent). */
	body: string;
	contentType: string;
	status: number;
	responseBody: string;
	durationMs: number;
	/** As the callbacks page asks: a 2xx with nothing in the body. */
	compliant: boolean;
}

/** A user who already receives callbacks on their own systems: what a trigger must put back. */
export function defaultAccountSettings(): AccountSettings {
	return {
		sms_campaign_alert_parameters: {
			alert_type: 'sms_premium',
			alert_bound: 150,
			alert_email_to: 'alerts@customer.example',
			alert_phone_number_to: '+33611121314',
		},
		campaign_parameters: {
			sender_for_sms_premium: 'MyShop',
			sender_for_voice_sms: '12345',
			phone_number_for_test_sms: '+33611121314',
		},
		callbacks: {
			callback_url_for_inbounds: 'https://crm.customer.example/octopush/inbounds?source=octopush',
			callback_url_for_deliveries: 'https://crm.customer.example/octopush/deliveries',
			callback_url_for_blacklisted_numbers: 'https://crm.customer.example/octopush/stops',
			callback_url_for_visits: null,
			email_for_inbounds: 'inbox@customer.example',
		},
	};
}

/** The few parts of the Octopush sandbox this file uses (no import of it: it imports us). */
export interface OctopushSandboxHost {
	app: import('fastify').FastifyInstance;
	route(
		method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
		path: string,
		handler: (context: { account: { login: string }; body: Record<string, unknown>; reply: FastifyReply }) => unknown,
	): void;
	onReset(handler: () => void): void;
}

interface Refusal {
	status: number;
	code: number;
	message: string;
	field?: string;
}

const refuse = (field: string, message: string): Refusal => ({ status: 400, code: 100, message, field });

function isObject(value: unknown): value is Section {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Octopush "casts" what it can (readme: How Our API Deals With Incorrect Data). */
function castText(value: unknown): string | null | undefined {
	if (value === undefined) return undefined;
	if (value === null || value === '') return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

export class OctopushAccountSettings {
	private readonly settings = new Map<string, AccountSettings>();
	/** Every callback the sandbox POSTed, oldest first. */
	readonly deliveries: CallbackDelivery[] = [];

	constructor(
		private readonly host: OctopushSandboxHost,
		private readonly options: AccountSettingsOptions = {},
	) {
		host.onReset(() => {
			this.settings.clear();
			this.deliveries.length = 0;
		});
		this.registerRoutes();
	}

	/** The account's settings as GET /user/campaign-parameters shows them (a copy). */
	of(login: string): AccountSettings {
		return structuredClone(this.stateOf(login));
	}

	/** Replaces an account's callback URLs as a person would in Octopush's web interface. */
	setCallbacks(login: string, callbacks: Section) {
		Object.assign(this.stateOf(login).callbacks, callbacks);
	}

	private stateOf(login: string): AccountSettings {
		let state = this.settings.get(login);
		if (!state) {
			state = (this.options.initial ?? defaultAccountSettings)(login);
			this.settings.set(login, state);
		}
		return state;
	}

	/**
	 * Octopush's side: POSTs a callback of this kind to the URL the account holds for it, as JSON (the
	 * documented PHP samples read it with json_decode), and records how the receiver answered.
	 */
	async deliver(login: string, kind: CallbackKind, payload: unknown, options: { contentType?: string; rawBody?: string } = {}): Promise<CallbackDelivery> {
		const url = this.stateOf(login).callbacks[CALLBACK_URL_FOR[kind]];
		if (typeof url !== 'string' || url === '') throw new Error(`The account ${login} has no ${CALLBACK_URL_FOR[kind]}: Octopush would not call back`);
		const body = options.rawBody ?? JSON.stringify(payload);
		const contentType = options.contentType ?? 'application/json';
		const started = Date.now();
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
		const responseBody = await response.text();
		const delivery: CallbackDelivery = {
			kind,
			url,
			body,
			contentType,
			status: response.status,
			responseBody,
			durationMs: Date.now() - started,
			compliant: response.status >= 200 && response.status < 300 && responseBody === '',
		};
		this.deliveries.push(delivery);
		return delivery;
	}

	private registerRoutes() {
		this.host.route('GET', '/user/campaign-parameters', ({ account }) => this.of(account.login));
		this.host.route('PATCH', '/user/campaign-parameters/edit', ({ account, body, reply }) => {
			const refusal = this.edit(account.login, body);
			if (refusal) {
				reply.code(refusal.status);
				return { code: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}) };
			}
			return this.of(account.login);
		});

		// Control routes for `npm start` and the real-n8n suite: the state, and Octopush calling back.
		this.host.app.get('/__sandbox/octopush/account-settings', async (request) => {
			const login = String(parseQuery(request.url).login ?? '');
			return login ? this.of(login) : Object.fromEntries([...this.settings.keys()].map((key) => [key, this.of(key)]));
		});
		this.host.app.get('/__sandbox/octopush/callbacks', async () => this.deliveries);
		this.host.app.post('/__sandbox/octopush/callbacks', async (request, reply) => {
			const raw = typeof request.body === 'string' && request.body ? JSON.parse(request.body) : {};
			const { login, kind, payload, contentType, rawBody } = raw as { login: string; kind: CallbackKind; payload?: unknown; contentType?: string; rawBody?: string };
			if (!login || !(kind in CALLBACK_URL_FOR)) return reply.code(400).send({ message: `Give login and kind (${Object.keys(CALLBACK_URL_FOR).join(', ')})` });
			try {
				return await this.deliver(login, kind, payload, { contentType, rawBody });
			} catch (error) {
				return reply.code(409).send({ message: (error as Error).message });
			}
		});
	}

	/** Applies a PATCH; returns why it is refused, or undefined once applied. */
	private edit(login: string, body: Record<string, unknown>): Refusal | undefined {
		const state = this.stateOf(login);
		const next = structuredClone(state);
		const sections = ['sms_campaign_alert_parameters', 'campaign_parameters', 'callbacks'] as const;
		for (const name of sections) {
			const given = body[name];
			if (given === undefined) continue;
			if (!isObject(given)) return refuse(name, `The field ${name} must be an object.`);
			if (this.options.patch === 'replaceSections') next[name] = Object.fromEntries(Object.keys(state[name]).map((key) => [key, null]));
		}
		const alerts = body.sms_campaign_alert_parameters;
		if (isObject(alerts)) {
			const refusal = this.editAlerts(next.sms_campaign_alert_parameters, alerts);
			if (refusal) return refusal;
		}
		const campaign = body.campaign_parameters;
		if (isObject(campaign)) {
			const refusal = this.editCampaign(next.campaign_parameters, campaign);
			if (refusal) return refusal;
		}
		const callbacks = body.callbacks;
		if (isObject(callbacks)) {
			const refusal = this.editCallbacks(next.callbacks, callbacks);
			if (refusal) return refusal;
		}
		this.settings.set(login, next);
		return undefined;
	}

	private editAlerts(section: Section, given: Section): Refusal | undefined {
		const type = castText(given.alert_type);
		if (type !== undefined && type !== null && type !== 'sms_premium' && type !== 'sms_low_cost') {
			return refuse('alert_type', 'alert_type must be sms_premium or sms_low_cost.');
		}
		if (type !== undefined) section.alert_type = type;
		if (given.alert_bound !== undefined) {
			const bound = Number(given.alert_bound);
			if (given.alert_bound === null || given.alert_bound === '' || !Number.isInteger(bound) || bound < 0) return refuse('alert_bound', 'alert_bound must be a whole number.');
			section.alert_bound = bound;
		}
		// The English page names a string alert_email_to, the readme an array alert_emails_to: either is read.
		const emails = given.alert_emails_to;
		const email = castText(given.alert_email_to) ?? (Array.isArray(emails) ? castText(emails[0]) : undefined);
		if (email !== undefined) section.alert_email_to = email;
		const phone = castText(given.alert_phone_number_to);
		if (phone !== undefined && phone !== null && !/^\+[1-9]\d{5,14}$/.test(phone)) return refuse('alert_phone_number_to', 'alert_phone_number_to must be an international number (+33...).');
		if (phone !== undefined) section.alert_phone_number_to = phone;
		return undefined;
	}

	private editCampaign(section: Section, given: Section): Refusal | undefined {
		const sms = castText(given.sender_for_sms_premium);
		if (sms !== undefined && sms !== null && !/^[a-zA-Z0-9]{3,11}$/.test(sms)) return refuse('sender_for_sms_premium', 'sender_for_sms_premium: 3 to 11 alphanumeric characters.');
		if (sms !== undefined) section.sender_for_sms_premium = sms;
		const voice = castText(given.sender_for_voice_sms);
		if (voice !== undefined && voice !== null && !/^\d{3,11}$/.test(voice)) return refuse('sender_for_voice_sms', 'sender_for_voice_sms: 3 to 11 numeric characters.');
		if (voice !== undefined) section.sender_for_voice_sms = voice;
		const phone = castText(given.phone_number_for_test_sms);
		if (phone !== undefined && phone !== null && !/^\+[1-9]\d{5,14}$/.test(phone)) return refuse('phone_number_for_test_sms', 'phone_number_for_test_sms must be an international number (+33...).');
		if (phone !== undefined) section.phone_number_for_test_sms = phone;
		return undefined;
	}

	private editCallbacks(section: Section, given: Section): Refusal | undefined {
		for (const key of CALLBACK_KEYS) {
			if (!(key in given)) continue;
			const value = given[key];
			if (value !== null && typeof value !== 'string') return refuse(key, `${key} must be a string.`);
			if (value === null || value === '') {
				section[key] = null;
				continue;
			}
			if (key === 'email_for_inbounds') {
				section[key] = value;
				continue;
			}
			let url: URL;
			try {
				url = new URL(value);
			} catch {
				return refuse(key, `${key} must be a URL.`);
			}
			if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(key, `${key} must be an http(s) URL.`);
			section[key] = this.options.queryStrings === 'dropped' ? `${url.origin}${url.pathname}` : value;
		}
		return undefined;
	}
}
