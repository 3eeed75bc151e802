/**
 * The Octopush sandbox: the JSON API at /v1/public as ../shared/vendor-specs/octopush.md describes it,
 * with its validation, status codes and `{code, message}` error bodies, and in-memory state (wallet
 * packs, sub-accounts, campaigns, request_ids, contacts, lists, OTPs) that a reset forgets.
 *
 * Choices where the docs are silent (also in docs/octopush.md):
 * - Error codes come from Octopush's published return-code table where one fits (101 bad login,
 *   103 no recipients, 104 no credit, 106 sender, 107 text missing, 120 duplicate request_id);
 *   OTP codes as the public table lists them (see the validate route).
 * - A body sent without `Content-Type: application/json` is refused with 415.
 * - Contact create answers 201 `{number_of_contacts, list_name?, tag_name?}`; contact-list create 201
 *   `{list_name}`; contact-list empty 200 `{list_name, number_of_contacts_removed}`; OTP generate 201
 *   `{otp_request_token, phone_number, expiration_date}`.
 * - The seed's masked sub-account login `*****@sub-accounts.com` exists at start, so the seed's edit
 *   request can be replayed as is on a fresh sandbox.
 */
import { randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { Sandbox, parseJsonBody, parseQuery, type SandboxOptions } from './core';
import { OctopushListCampaigns, type ListCampaignOptions } from './octopush-campaigns';
import { HttpError, invalid } from './octopush-errors';
import { OctopushAccountSettings, type AccountSettingsOptions } from './octopush-account';

export const OCTOPUSH_SANDBOX_LOGIN = 'sandbox-user@octopush.test';
export const OCTOPUSH_SANDBOX_KEY = 'octo-sandbox-key-7f3a9c21e5';
/** The login the seed documents (masked by Octopush); known to the sandbox from the start. */
export const SEED_SUB_ACCOUNT_LOGIN = '*****@sub-accounts.com';

export const PRICES = { sms_premium: 0.065, sms_low_cost: 0.045, voice: 0.09, hlr: 0.005 } as const;
const MAX_RECIPIENTS = 500;
const MAX_TEXT = 1224;
const REQUEST_ID_TTL_MS = 24 * 60 * 60 * 1000;

export interface WalletPack {
	wallet_pack_id: string;
	credit: number;
	expiration_date: string;
}

interface Account {
	login: string;
	apiKey: string;
	packs: WalletPack[];
}

interface SubAccount {
	api_login: string;
	api_key: string;
	first_name?: string;
	last_name?: string;
	company_name?: string;
	password?: string;
	callback: Record<string, string | undefined>;
}

export interface SentCampaign {
	sms_ticket: string;
	kind: 'sms' | 'voice';
	account: string;
	body: Record<string, unknown>;
	recipients: Array<Record<string, unknown>>;
	total_cost: number;
	send_at?: string;
	cancelled: boolean;
	simulation: boolean;
}

interface OtpRequest {
	token: string;
	phone_number?: string;
	email?: string;
	code: string;
	expiresAt: number;
	wrongAttempts: number;
	maxWrongAttempts: number;
	validated: boolean;
}

/**
 * How Octopush refuses a request_id it saw in the last 24 hours. The current pages say only "a
 * validation error will be returned" (dev.octopush.com/en/sms-gateway-api-documentation/send-sms/,
 * request_id); code 120 is from the older API's return-code table. Each reading can be played:
 * - `code-120`: 400 `{code: 120, message}` (the old table);
 * - `validation-field` (default): 400 `{code: 100, message, field: "request_id"}`, how this sandbox
 *   reports every other validation error;
 * - `validation-errors-422`: 422 `{code: 100, message, errors: {request_id: [...]}}`, a framework-style
 *   validation error naming the field;
 * - `unexplained`: 400 `{code: 100, message: "Validation error."}`, naming nothing (not documented;
 *   a hostile reading: the node cannot tell it from another refusal).
 */
export const DUPLICATE_READINGS = ['code-120', 'validation-field', 'validation-errors-422'] as const;
export type DuplicateReading = (typeof DUPLICATE_READINGS)[number] | 'unexplained';

/** A send's checked message (readMessage). */
export interface Message {
	text: string;
	price: number;
	/** SMS per recipient. */
	parts: number;
	simulation: boolean;
	sendAt?: string;
	/** Records the request_id once the request is carried out. */
	accept(): void;
}

export interface OctopushSandboxOptions extends SandboxOptions {
	/** Accepted api-login → api-key pairs (default: the exported sandbox pair). */
	credentials?: Record<string, string>;
	/** Clock for request_id and OTP expiry (tests move time forward). */
	now?: () => number;
	/** Campaigns on a list or a tag: how long Octopush computes a ticket (octopush-campaigns.ts). */
	listCampaigns?: ListCampaignOptions;
	/** Readings of the account-settings API where Octopush's documents are silent (octopush-account.ts). */
	accountSettings?: AccountSettingsOptions;
}

function round(value: number) {
	return Math.round(value * 10000) / 10000;
}

/**
 * SMS parts a text needs, as operators bill it (GSM 03.38): 7-bit septets where € ^ { } [ ] ~ | \\ take
 * two, 160 in one SMS and 153 per part beyond; a text with any other character is UCS-2, counted in
 * UTF-16 units (an emoji takes two), 70 in one SMS and 67 per part.
 */
export function smsParts(text: string): number {
	const basic = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]$/;
	const extended = /^[€^{}[\]~|\\]$/;
	let septets = 0;
	for (const character of text) {
		if (basic.test(character)) septets += 1;
		else if (extended.test(character)) septets += 2;
		else return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
	}
	return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const E164 = /^\+[1-9]\d{5,14}$/;


export class OctopushSandbox extends Sandbox {
	readonly accounts = new Map<string, Account>();
	readonly subAccounts = new Map<string, SubAccount>();
	readonly campaigns: SentCampaign[] = [];
	readonly requestIds = new Map<string, number>();
	readonly lists = new Map<string, Set<string>>();
	readonly contacts = new Map<string, Record<string, unknown>>();
	readonly otps: OtpRequest[] = [];
	/** Cancellations this month, per account (Octopush allows 1,000). */
	readonly cancellations = new Map<string, number>();
	/** Live credit-transfer tokens per account (one at a time). */
	readonly transferTokens = new Map<string, { token: string; email_to: string }>();
	readonly now: () => number;
	/** Campaigns on a list or a tag, per ticket (octopush-campaigns.ts). */
	readonly listCampaigns: OctopushListCampaigns;
	/** The account's default settings and callback URLs, and Octopush calling back (octopush-account.ts). */
	readonly accountSettings: OctopushAccountSettings;
	/** Requests to carry out and then answer by dropping the connection (an answer lost on the way). */
	private lostAnswers: Array<{ method: string; path: string; remaining: number; skip: number }> = [];
	/**
	 * Error bodies carry the raw request body as an extra `received` field: Octopush documents that its
	 * errors may carry extra fields, and a vendor echoing what it was sent must never leak a secret.
	 */
	echoRequestInErrors = false;
	/** How a repeated request_id is refused (see DUPLICATE_READINGS); reset restores the default. */
	duplicateReading: DuplicateReading = 'validation-field';

	constructor(private readonly sandboxOptions: OctopushSandboxOptions = {}) {
		super('octopush', sandboxOptions);
		this.now = sandboxOptions.now ?? (() => Date.now());
		this.seed();
		this.onReset(() => this.seed());
		this.registerRoutes();
		this.accountSettings = new OctopushAccountSettings(this, sandboxOptions.accountSettings);
		this.listCampaigns = new OctopushListCampaigns(this, sandboxOptions.listCampaigns);
	}

	/** The code the sandbox "sent" for an OTP request, by token or phone number (tests read it here). */
	otpCode(tokenOrPhone: string): string | undefined {
		const otp = [...this.otps].reverse().find((o) => o.token === tokenOrPhone || o.phone_number === tokenOrPhone || o.email === tokenOrPhone);
		return otp?.code;
	}

	/**
	 * The next `times` matching requests are carried out, then the connection is dropped before the
	 * answer: the case a retry with the same request_id exists for. (Fault switches act before the
	 * handler, so they model requests that never arrived.)
	 */
	loseAnswers(method: string, path: string, times = 1, skip = 0) {
		this.lostAnswers.push({ method: method.toUpperCase(), path, remaining: times, skip });
	}

	/** Campaigns actually sent (simulations and cancelled ones excluded). */
	sentCampaigns(): SentCampaign[] {
		return this.campaigns.filter((c) => !c.simulation && !c.cancelled);
	}

	balance(login = OCTOPUSH_SANDBOX_LOGIN): number {
		return round((this.accounts.get(login)?.packs ?? []).reduce((sum, p) => sum + p.credit, 0));
	}

	private seed() {
		this.accounts.clear();
		this.subAccounts.clear();
		this.campaigns.length = 0;
		this.requestIds.clear();
		this.lists.clear();
		this.contacts.clear();
		this.otps.length = 0;
		this.cancellations.clear();
		this.transferTokens.clear();
		this.lostAnswers = [];
		this.duplicateReading = 'validation-field';
		this.echoRequestInErrors = false;
		const pairs = this.sandboxOptions.credentials ?? { [OCTOPUSH_SANDBOX_LOGIN]: OCTOPUSH_SANDBOX_KEY };
		let packId = 1001;
		for (const [login, apiKey] of Object.entries(pairs)) {
			this.accounts.set(login, {
				login,
				apiKey,
				packs: [
					{ wallet_pack_id: `wp-${packId++}`, credit: 150.5, expiration_date: '2027-06-30' },
					{ wallet_pack_id: `wp-${packId++}`, credit: 480.25, expiration_date: '2027-12-31' },
				],
			});
		}
		this.subAccounts.set(SEED_SUB_ACCOUNT_LOGIN, {
			api_login: SEED_SUB_ACCOUNT_LOGIN,
			api_key: 'seed-sub-account-key-0001',
			first_name: 'Seed',
			last_name: 'Sub-account',
			company_name: 'Octopush seed',
			callback: {},
		});
		this.accounts.set(SEED_SUB_ACCOUNT_LOGIN, { login: SEED_SUB_ACCOUNT_LOGIN, apiKey: 'seed-sub-account-key-0001', packs: [] });
	}

	// --- request plumbing -------------------------------------------------------------------

	private authenticate(request: FastifyRequest): Account {
		const login = request.headers['api-login'];
		const key = request.headers['api-key'];
		const account = typeof login === 'string' ? this.accounts.get(login) : undefined;
		if (!account || typeof key !== 'string' || key !== account.apiKey) {
			throw new HttpError(401, 101, 'Incorrect login details.');
		}
		return account;
	}

	private readBody(request: FastifyRequest): Record<string, unknown> {
		const raw = typeof request.body === 'string' ? request.body : '';
		if (raw.trim() === '') return {};
		const type = String(request.headers['content-type'] ?? '');
		if (!type.toLowerCase().startsWith('application/json')) {
			throw new HttpError(415, 100, 'The body must be JSON sent with Content-Type: application/json.');
		}
		let parsed: unknown;
		try {
			parsed = parseJsonBody(raw);
		} catch {
			throw invalid(100, 'The body is not valid JSON.');
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(100, 'The body must be a JSON object.');
		return parsed as Record<string, unknown>;
	}

	/** Also used by octopush-account.ts: authentication, JSON bodies and `{code, message}` errors. */
	route(
		method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
		path: string,
		handler: (context: { account: Account; body: Record<string, unknown>; query: Record<string, string | string[]>; params: Record<string, string>; reply: FastifyReply }) => unknown,
	) {
		this.app.route({
			method,
			url: `/v1/public${path}`,
			handler: async (request, reply) => {
				try {
					const account = this.authenticate(request);
					const body = this.readBody(request);
					const result = await handler({ account, body, query: parseQuery(request.url), params: request.params as Record<string, string>, reply });
					let lost = this.lostAnswers.find((l) => l.remaining > 0 && l.method === request.method && request.url.split('?')[0] === l.path);
					if (lost && lost.skip > 0) {
						lost.skip -= 1;
						lost = undefined;
					}
					if (lost) {
						lost.remaining -= 1;
						request.raw.socket.destroy();
						return reply.hijack();
					}
					if (reply.sent) return reply;
					return reply.header('content-type', 'application/json').send(JSON.stringify(result));
				} catch (error) {
					if (error instanceof HttpError) {
						const echo = this.echoRequestInErrors && typeof request.body === 'string' ? { received: request.body } : {};
						return reply
							.code(error.status)
							.header('content-type', 'application/json')
							.send(JSON.stringify({ code: error.code, message: error.message, ...error.extra, ...echo }));
					}
					throw error;
				}
			},
		});
	}

	private text(body: Record<string, unknown>, field: string, options: { required?: boolean; code?: number } = {}): string | undefined {
		const value = body[field];
		if (value === undefined || value === null || value === '') {
			if (options.required) throw invalid(options.code ?? 100, `The field ${field} is required.`, { field });
			return undefined;
		}
		if (typeof value !== 'string') throw invalid(options.code ?? 100, `The field ${field} must be a string.`, { field });
		return value;
	}

	/** list_name ≤ 30 and tag_name ≤ 20 characters (dev.octopush.com/en/sms-gateway-api-documentation/add-a-contact/). */
	listName(body: Record<string, unknown>, required = false): string | undefined {
		const name = this.text(body, 'list_name', { required });
		if (name !== undefined && [...name].length > 30) throw invalid(100, 'The list_name may not be greater than 30 characters.', { field: 'list_name' });
		return name;
	}

	tagName(body: Record<string, unknown>, required = false): string | undefined {
		const name = this.text(body, 'tag_name', { required });
		if (name !== undefined && [...name].length > 20) throw invalid(100, 'The tag_name may not be greater than 20 characters.', { field: 'tag_name' });
		return name;
	}

	private bool(body: Record<string, unknown>, field: string): boolean | undefined {
		const value = body[field];
		if (value === undefined) return undefined;
		if (typeof value !== 'boolean') throw invalid(100, `The field ${field} must be a boolean.`, { field });
		return value;
	}

	private phoneList(body: Record<string, unknown>, field: string, min: number, max: number): string[] {
		const value = body[field];
		if (!Array.isArray(value) || value.length < min) throw invalid(103, `The field ${field} must list at least ${min} phone number(s).`, { field });
		if (value.length > max) throw invalid(100, `The field ${field} accepts at most ${max} phone numbers.`, { field });
		for (const number of value) {
			if (typeof number !== 'string' || !E164.test(number)) throw invalid(117, `Invalid phone number: ${String(number)}. Use the international format (+33...).`, { field });
		}
		return value as string[];
	}

	private duplicateRefusal(): HttpError {
		switch (this.duplicateReading) {
			case 'code-120':
				return invalid(120, 'A SMS with the same request_id has already been sent.');
			case 'validation-errors-422':
				return new HttpError(422, 100, 'The given data was invalid.', { errors: { request_id: ['The request id has already been taken.'] } });
			case 'unexplained':
				return invalid(100, 'Validation error.');
			default:
				return invalid(100, 'This request_id has already been used in the last 24 hours.', { field: 'request_id' });
		}
	}

	debit(account: Account, amount: number) {
		const total = account.packs.reduce((sum, p) => sum + p.credit, 0);
		if (total + 1e-9 < amount) throw invalid(104, 'You have run out of credit.');
		let remaining = amount;
		for (const pack of account.packs) {
			const taken = Math.min(pack.credit, remaining);
			pack.credit = round(pack.credit - taken);
			remaining = round(remaining - taken);
			if (remaining <= 0) break;
		}
	}

	private credit(account: Account, amount: number) {
		if (account.packs.length === 0) account.packs.push({ wallet_pack_id: `wp-${randomBytes(3).toString('hex')}`, credit: 0, expiration_date: '2027-12-31' });
		account.packs[0].credit = round(account.packs[0].credit + amount);
	}

	/**
	 * What a send and a list/tag campaign share (send-sms/, send-sms-to-list/, the voice pages): the text,
	 * type or voice, sender, purpose, send_at, flags, and the request_id seen in the last 24 hours.
	 */
	readMessage(kind: 'sms' | 'voice', account: Account, body: Record<string, unknown>): Message {
		const text = this.text(body, 'text', { required: true, code: 107 })!;
		if ([...text].length > MAX_TEXT) throw invalid(102, `The text exceeds ${MAX_TEXT} characters.`, { field: 'text' });
		let price: number = PRICES.voice;
		if (kind === 'sms') {
			const type = this.text(body, 'type', { required: true, code: 112 });
			if (type !== 'sms_premium' && type !== 'sms_low_cost') throw invalid(112, 'The type must be sms_premium or sms_low_cost.', { field: 'type' });
			price = PRICES[type];
		} else {
			const gender = this.text(body, 'voice_gender', { required: true });
			if (gender !== 'male' && gender !== 'female') throw invalid(100, 'The voice_gender must be male or female.', { field: 'voice_gender' });
			// Regional voices as the send page lists them, and language-only codes such as arb (Arabic);
			// Swedish has a female voice only (the page's gender availability list: 'sv-SE' => [F]); what
			// Octopush does with male there is not documented: this sandbox plays a refusal.
			const language = this.text(body, 'voice_language', { required: true })!;
			if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(language)) throw invalid(100, 'The voice_language is not a known language.', { field: 'voice_language' });
			if (language === 'sv-SE' && gender === 'male') throw invalid(100, 'The language sv-SE has no male voice.', { field: 'voice_gender' });
		}
		const sender = this.text(body, 'sender');
		if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) {
			throw invalid(106, 'You have entered the Sender incorrectly. 3 to 11 characters, chosen from 0 to 9, a to z, A to Z.', { field: 'sender' });
		}
		const purpose = this.text(body, 'purpose');
		if (purpose !== undefined && purpose !== 'alert' && purpose !== 'wholesale') throw invalid(100, 'The purpose must be alert or wholesale.', { field: 'purpose' });
		const sendAt = this.text(body, 'send_at');
		if (sendAt !== undefined && Number.isNaN(Date.parse(sendAt))) throw invalid(100, 'The send_at must be an ISO 8601 date.', { field: 'send_at' });
		for (const flag of ['with_replies', 'simulation_mode', 'auto_optimize_text', 'auto_remove_blacklisted_numbers']) this.bool(body, flag);
		const simulation = body.simulation_mode === true;
		const requestId = this.text(body, 'request_id');
		const key = requestId !== undefined && !simulation ? `${account.login}\u0000${requestId}` : undefined;
		if (key !== undefined) {
			const seen = this.requestIds.get(key);
			if (seen !== undefined && this.now() - seen < REQUEST_ID_TTL_MS) throw this.duplicateRefusal();
		}
		return {
			text,
			price,
			parts: kind === 'sms' ? smsParts(text) : 1,
			simulation,
			sendAt,
			// Called once the request is carried out: a refused request leaves its request_id free.
			accept: () => {
				if (key !== undefined) this.requestIds.set(key, this.now());
			},
		};
	}

	/** A campaign that went out (a list or tag campaign once confirmed). */
	recordSent(campaign: Omit<SentCampaign, 'cancelled'>) {
		this.campaigns.push({ ...campaign, cancelled: false });
	}

	private sendCampaign(kind: 'sms' | 'voice', account: Account, body: Record<string, unknown>) {
		const recipients = body.recipients;
		if (!Array.isArray(recipients) || recipients.length === 0) throw invalid(103, 'Your message has no recipients.', { field: 'recipients' });
		if (recipients.length > MAX_RECIPIENTS) throw invalid(103, `At most ${MAX_RECIPIENTS} recipients per request (got ${recipients.length}).`, { field: 'recipients' });
		for (const recipient of recipients) {
			const phone = (recipient as Record<string, unknown>)?.phone_number;
			if (typeof phone !== 'string' || !E164.test(phone)) {
				throw invalid(117, `Invalid recipient phone number: ${JSON.stringify(phone)}. Include the international dialling code.`, { field: 'recipients' });
			}
		}
		const message = this.readMessage(kind, account, body);
		const totalCost = round(recipients.length * message.parts * message.price);
		if (!message.simulation) this.debit(account, totalCost);
		message.accept();
		const ticket = `${kind === 'sms' ? 'sms' : 'vocal'}_${randomBytes(6).toString('hex')}`;
		this.campaigns.push({
			sms_ticket: ticket,
			kind,
			account: account.login,
			body,
			recipients: recipients as Array<Record<string, unknown>>,
			total_cost: totalCost,
			send_at: message.sendAt,
			cancelled: false,
			simulation: message.simulation,
		});
		return {
			sms_ticket: ticket,
			number_of_contacts: recipients.length,
			total_cost: totalCost,
			number_of_sms_needed: recipients.length * message.parts,
			residual_credit: this.balance(account.login),
		};
	}

	// --- routes -----------------------------------------------------------------------------

	private registerRoutes() {
		this.app.get('/__sandbox/octopush/otp', async (request, reply) => {
			const query = parseQuery(request.url);
			const code = this.otpCode(String(query.token ?? query.phone_number ?? query.email ?? ''));
			return code ? { code } : reply.code(404).send({ message: 'No such OTP request' });
		});
		this.app.get('/__sandbox/octopush/campaigns', async () => this.campaigns);

		// Sub-accounts
		this.route('POST', '/subaccount/create', ({ body, reply }) => {
			const first = this.text(body, 'first_name', { required: true });
			const last = this.text(body, 'last_name', { required: true });
			const password = this.text(body, 'password', { required: true });
			const company = this.text(body, 'company_name');
			const callbacks = this.callbacks(body);
			if (this.subAccounts.size >= 20) throw invalid(100, 'You have reached the limit of 20 sub-accounts.');
			const login = `${randomBytes(5).toString('hex')}@sub-accounts.com`;
			const apiKey = randomBytes(16).toString('hex');
			this.subAccounts.set(login, { api_login: login, api_key: apiKey, first_name: first, last_name: last, company_name: company, password, callback: callbacks ?? {} });
			this.accounts.set(login, { login, apiKey, packs: [] });
			reply.code(201);
			return { api_key: apiKey, api_login: login };
		});
		this.route('PATCH', '/subaccount/:login/edit', ({ body, params }) => {
			const sub = this.subAccounts.get(params.login);
			if (!sub) throw new HttpError(404, 100, `Sub-account ${params.login} not found.`);
			for (const field of ['first_name', 'last_name', 'password', 'company_name'] as const) {
				const value = this.text(body, field);
				if (value !== undefined) sub[field] = value;
			}
			const callbacks = this.callbacks(body);
			if (callbacks) sub.callback = { ...sub.callback, ...callbacks };
			return {};
		});
		this.route('GET', '/subaccount/:login', ({ params }) => {
			const sub = this.subAccounts.get(params.login);
			if (!sub) throw new HttpError(404, 100, `Sub-account ${params.login} not found.`);
			return {
				first_name: sub.first_name,
				last_name: sub.last_name,
				company_name: sub.company_name,
				api_key: sub.api_key,
				callback: {
					callback_url_for_inbounds: sub.callback.callback_url_for_inbounds ?? null,
					callback_url_for_deliveries: sub.callback.callback_url_for_deliveries ?? null,
					callback_url_for_blacklisted_numbers: sub.callback.callback_url_for_blacklisted_numbers ?? null,
					callback_url_for_visits: sub.callback.callback_url_for_visits ?? null,
					email: sub.callback.email_for_inbounds ?? null,
				},
			};
		});
		this.route('POST', '/subaccount/credit-transfer/token', ({ account, body, reply }) => {
			const emailTo = this.text(body, 'email_to', { required: true })!;
			if (!this.subAccounts.has(emailTo)) throw invalid(100, `The sub-account ${emailTo} does not exist.`, { field: 'email_to' });
			const token = randomBytes(12).toString('hex');
			this.transferTokens.set(account.login, { token, email_to: emailTo });
			reply.code(201);
			return { token };
		});
		this.route('POST', '/subaccount/credit-transfer/transfer', ({ account, body }) => {
			const token = this.text(body, 'token', { required: true });
			const live = this.transferTokens.get(account.login);
			if (!live || live.token !== token) throw invalid(100, 'The transfer token is invalid or was replaced by a newer one.', { field: 'token' });
			const packId = body.from_wallet_pack_id;
			const pack = account.packs.find((p) => p.wallet_pack_id === packId);
			if (!pack) throw invalid(100, `Wallet pack ${JSON.stringify(packId)} not found.`, { field: 'from_wallet_pack_id' });
			const amount = body.amount;
			if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1) throw invalid(100, 'The amount must be a whole number of euros, at least 1.', { field: 'amount' });
			if (pack.credit < amount) throw invalid(104, 'Not enough credit in this wallet pack.', { field: 'amount' });
			pack.credit = round(pack.credit - amount);
			const target = this.accounts.get(live.email_to)!;
			this.credit(target, amount);
			this.transferTokens.delete(account.login);
			return {
				wallet_pack_from: { id: pack.wallet_pack_id, residual_credit: pack.credit },
				wallet_pack_to: { id: target.packs[0].wallet_pack_id, residual_credit: target.packs[0].credit },
			};
		});

		// SMS and voice
		this.route('POST', '/sms-campaign/send', ({ account, body, reply }) => {
			const result = this.sendCampaign('sms', account, body);
			reply.code(201);
			return result;
		});
		this.route('POST', '/voice-campaign/send', ({ account, body, reply }) => {
			const result = this.sendCampaign('voice', account, body);
			reply.code(201);
			return result;
		});
		// Cancel (octopush-api.readme.io/reference/delete_public_apisms_campaigncancel, and the voice one):
		// fewer than 3 recipients, more than 10 minutes before the send time, 1,000 cancellations a month.
		const cancel = (kind: 'sms' | 'voice') => ({ account, body, reply }: { account: Account; body: Record<string, unknown>; reply: FastifyReply }) => {
			const ticket = this.text(body, 'ticket_number', { required: true });
			const campaign = this.campaigns.find((c) => c.sms_ticket === ticket && c.account === account.login && c.kind === kind);
			if (!campaign || campaign.cancelled) throw new HttpError(404, 100, `No campaign with ticket ${ticket} can be found.`);
			const sendAt = campaign.send_at ? Date.parse(campaign.send_at) : this.now();
			if (sendAt - this.now() <= 10 * 60 * 1000) throw invalid(100, 'A campaign can only be cancelled more than 10 minutes before its send time.');
			if (campaign.recipients.length >= 3) throw invalid(100, 'Only campaigns with fewer than 3 recipients can be cancelled through the API.');
			const used = this.cancellations.get(account.login) ?? 0;
			if (used >= 1000) throw invalid(100, 'Cancellation is limited to 1000 requests per month.');
			this.cancellations.set(account.login, used + 1);
			campaign.cancelled = true;
			if (!campaign.simulation) this.credit(account, campaign.total_cost);
			return reply.code(204).send();
		};
		this.route('DELETE', '/sms-campaign/cancel', cancel('sms'));
		this.route('DELETE', '/voice-campaign/cancel', cancel('voice'));

		// Wallet
		// dev.octopush.com/en/sms-gateway-api-documentation/check-sms-balance/: country_code "You must also
		// fill in the product_name" and the other way round; with both the amount counts messages of that
		// product ({"amount": 204, "unit": "sms_premium"}), otherwise it is euros.
		this.route('GET', '/wallet/check-balance', ({ account, query }) => {
			const product = query.product_name;
			if (product !== undefined && !['sms_low_cost', 'sms_premium', 'vocal_sms', 'hlr'].includes(String(product))) {
				throw invalid(100, 'product_name must be one of sms_low_cost, sms_premium, vocal_sms, hlr.', { field: 'product_name' });
			}
			const country = query.country_code;
			if (country !== undefined && !/^[A-Z]{2}$/.test(String(country))) throw invalid(100, 'country_code must be a two-letter country code.', { field: 'country_code' });
			if ((country === undefined) !== (product === undefined)) throw invalid(100, 'country_code and product_name must be given together.', { field: country === undefined ? 'country_code' : 'product_name' });
			const balance = this.balance(account.login);
			const price = { sms_premium: PRICES.sms_premium, sms_low_cost: PRICES.sms_low_cost, vocal_sms: PRICES.voice, hlr: PRICES.hlr }[String(product) as 'hlr'];
			const result: Record<string, unknown> = product === undefined ? { amount: balance, unit: 'euros' } : { amount: Math.floor(balance / price), unit: product };
			if (query.with_details === 'true' || query.with_details === '1') result.wallet_packs = account.packs.map((p) => ({ ...p }));
			return result;
		});
		this.route('GET', '/wallet/check-credits', ({ account, query }) => {
			const raw = query['country_codes[]'] ?? query.country_codes;
			const codes = raw === undefined ? ['FR'] : Array.isArray(raw) ? raw : [raw];
			const balance = this.balance(account.login);
			const result: Record<string, unknown> = {};
			for (const code of codes) {
				if (!/^[A-Z]{2}$/.test(code)) throw invalid(100, `Unknown country code ${code}.`, { field: 'country_codes' });
				result[code] = {
					premium_sms: Math.floor(balance / PRICES.sms_premium),
					vocal_sms: Math.floor(balance / PRICES.voice),
					low_cost_sms: Math.floor(balance / PRICES.sms_low_cost),
					hlr: Math.floor(balance / PRICES.hlr),
				};
			}
			return result;
		});

		// Contacts and lists
		this.route('POST', '/contact/create', ({ body, reply }) => {
			const contacts = body.contacts;
			if (!Array.isArray(contacts) || contacts.length === 0) throw invalid(103, 'The field contacts must list at least one contact.', { field: 'contacts' });
			const listName = this.listName(body);
			const tagName = this.tagName(body);
			this.bool(body, 'auto_remove_blacklisted_numbers');
			const keep = this.bool(body, 'do_not_overwrite');
			for (const contact of contacts) {
				const phone = (contact as Record<string, unknown>)?.phone_number;
				if (typeof phone !== 'string' || !E164.test(phone)) throw invalid(117, `Invalid contact phone number: ${JSON.stringify(phone)}.`, { field: 'contacts' });
				if (!(keep && this.contacts.has(phone))) this.contacts.set(phone, { ...(contact as object), tag_name: tagName });
				if (listName) {
					if (!this.lists.has(listName)) this.lists.set(listName, new Set());
					this.lists.get(listName)!.add(phone);
				}
			}
			reply.code(201);
			return { number_of_contacts: contacts.length, ...(listName ? { list_name: listName } : {}), ...(tagName ? { tag_name: tagName } : {}) };
		});
		this.route('DELETE', '/contact/delete', ({ body, reply }) => {
			const numbers = this.phoneList(body, 'phone_numbers', 1, 200);
			const listName = this.text(body, 'list_name');
			if (listName !== undefined && !this.lists.has(listName)) throw new HttpError(404, 100, `List ${listName} not found.`);
			for (const number of numbers) {
				if (listName) this.lists.get(listName)!.delete(number);
				else {
					this.contacts.delete(number);
					for (const list of this.lists.values()) list.delete(number);
				}
			}
			return reply.code(204).send();
		});
		this.route('POST', '/contact-list/create', ({ body, reply }) => {
			const name = this.listName(body, true)!;
			if (this.lists.has(name)) throw invalid(100, `A list named ${name} already exists.`, { field: 'list_name' });
			this.lists.set(name, new Set());
			reply.code(201);
			return { list_name: name };
		});
		// DELETE /contact-list/delete {list_name} → 204 (dev.octopush.com/api-sms-documentation/supprimer-une-liste/).
		this.route('DELETE', '/contact-list/delete', ({ body, reply }) => {
			const name = this.listName(body, true)!;
			if (!this.lists.delete(name)) throw new HttpError(404, 100, `List ${name} not found.`);
			return reply.code(204).send();
		});
		this.route('POST', '/contact-list/empty', ({ body }) => {
			const name = this.text(body, 'list_name', { required: true })!;
			const list = this.lists.get(name);
			if (!list) throw new HttpError(404, 100, `List ${name} not found.`);
			const deleteContacts = this.bool(body, 'delete_contacts');
			const removed = list.size;
			if (deleteContacts) for (const number of list) this.contacts.delete(number);
			list.clear();
			return { list_name: name, number_of_contacts_removed: removed };
		});
		// The answer as dev.octopush.com/en/sms-gateway-api-documentation/hlr-lookup-number-verification
		// shows it: numeric mcc/mnc, status valid|invalid, line_status, country names and codes, is_ported
		// with ported_date and original_network_details. Here a number ending in 0000 is a dead line and
		// one ending in 99 was ported (from SFR); only French numbers are known networks.
		this.route('POST', '/contact/hlr-request', ({ account, body }) => {
			const numbers = this.phoneList(body, 'phone_numbers', 1, 500);
			const simulation = this.bool(body, 'simulation_mode') === true;
			if (!simulation) this.debit(account, round(numbers.length * PRICES.hlr));
			const france = { country_name: 'France', country_code_iso3: 'FRA', country_code: 'FR', area: 'France Métropolitaine', country_prefix: '+33' };
			const unknown = { country_name: 'Unknown', country_code_iso3: 'ZZZ', country_code: 'ZZ', area: '', country_prefix: '' };
			return numbers.map((number) => {
				const french = number.startsWith('+33');
				const ported = french && number.endsWith('99');
				const dead = number.endsWith('0000');
				return {
					network_name: french ? 'Bouygues Telecom' : 'Unknown network',
					mcc: french ? 208 : 0,
					mnc: french ? 21 : 0,
					status: dead ? 'invalid' : 'valid',
					...(french ? france : unknown),
					phone_number: number,
					phone_number_type: 'mobile',
					line_status: dead ? 'dead' : 'live',
					is_ported: ported,
					ported_date: ported ? '2021-10-04 14:00:14' : null,
					original_network_details: ported ? { network_name: 'SFR', mcc: 208, mnc: 9, ...france } : null,
				};
			});
		});

		// OTP
		this.route('POST', '/service/otp/generate', ({ body, reply }) => {
			const channel = this.text(body, 'channel', { required: true });
			if (!['text_sms', 'voice_sms', 'whatsapp', 'email'].includes(channel!)) throw invalid(100, 'channel must be text_sms, voice_sms, whatsapp or email.', { field: 'channel' });
			const phone = this.text(body, 'phone_number');
			const email = this.text(body, 'email');
			if (channel === 'email' ? !email : !phone) throw invalid(100, channel === 'email' ? 'The field email is required.' : 'The field phone_number is required.');
			if (phone !== undefined && !E164.test(phone)) throw invalid(117, `Invalid phone number: ${phone}.`, { field: 'phone_number' });
			const text = this.text(body, 'text');
			if (text !== undefined && !text.includes('{code}')) throw invalid(100, 'The text must contain {code}.', { field: 'text' });
			const sender = this.text(body, 'sender');
			if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) throw invalid(106, 'You have entered the Sender incorrectly.', { field: 'sender' });
			const length = body.code_length ?? 6;
			if (typeof length !== 'number' || !Number.isInteger(length) || length < 3 || length > 32) throw invalid(100, 'code_length must be a whole number from 3 to 32.', { field: 'code_length' });
			const validity = body.validity_period ?? 300;
			if (typeof validity !== 'number' || validity <= 0) throw invalid(100, 'validity_period must be a positive number of seconds.', { field: 'validity_period' });
			const attempts = body.max_wrong_attempts ?? 3;
			if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1) throw invalid(100, 'max_wrong_attempts must be a whole number, at least 1.', { field: 'max_wrong_attempts' });
			let code = '';
			const bytes = randomBytes(length);
			for (let i = 0; i < length; i++) code += String(bytes[i] % 10);
			const otp: OtpRequest = {
				token: `otp_${randomBytes(10).toString('hex')}`,
				phone_number: phone,
				email,
				code,
				expiresAt: this.now() + validity * 1000,
				wrongAttempts: 0,
				maxWrongAttempts: attempts,
				validated: false,
			};
			this.otps.push(otp);
			reply.code(201);
			return { otp_request_token: otp.token, ...(phone ? { phone_number: phone } : { email }), expiration_date: new Date(otp.expiresAt).toISOString() };
		});
		// Codes as the public table lists them (dev.octopush.com/en/sms-gateway-api-documentation/
		// 2fa-two-factor-authentication/otp-mfa-code-validation/): 194 neither phone number nor token,
		// 195 no code, 196 too many wrong attempts, 197 expired, 198 not found, 199 wrong code.
		this.route('PUT', '/service/otp/validate', ({ body }) => {
			const code = body.code;
			const token = this.text(body, 'otp_request_token');
			const phone = this.text(body, 'phone_number');
			if (!token && !phone) throw invalid(194, 'At least phone number or request token is mandatory.');
			if (typeof code !== 'string' || code === '') throw invalid(195, 'The code field is mandatory.');
			const otp = [...this.otps].reverse().find((o) => (token ? o.token === token : o.phone_number === phone) && !o.validated);
			if (!otp) throw invalid(198, 'OTP Request not found.');
			if (otp.wrongAttempts >= otp.maxWrongAttempts) throw invalid(196, 'Maximum amount of wrong attempts has been reached.', { remaining_number_of_attempts: 0 });
			if (this.now() > otp.expiresAt) throw invalid(197, 'OTP Request expired.', { remaining_number_of_attempts: otp.maxWrongAttempts - otp.wrongAttempts });
			if (code !== otp.code) {
				otp.wrongAttempts += 1;
				throw invalid(199, 'Wrong OTP code.', { remaining_number_of_attempts: otp.maxWrongAttempts - otp.wrongAttempts });
			}
			otp.validated = true;
			return { code: 0, message: 'success' };
		});
	}

	private callbacks(body: Record<string, unknown>): Record<string, string> | undefined {
		const value = body.callbacks;
		if (value === undefined) return undefined;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(100, 'The field callbacks must be an object.', { field: 'callbacks' });
		const result: Record<string, string> = {};
		for (const [key, entry] of Object.entries(value)) {
			if (typeof entry !== 'string') throw invalid(100, `The field callbacks.${key} must be a string.`, { field: `callbacks.${key}` });
			result[key] = entry;
		}
		return result;
	}
}

export function createOctopushSandbox(options: OctopushSandboxOptions = {}): OctopushSandbox {
	return new OctopushSandbox(options);
}
