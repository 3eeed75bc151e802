/**
 * Octopush's campaigns on a contact list or a tag: created, computed by Octopush, then confirmed
 * (or cancelled). Registered by sandbox/octopush.ts; state lives here, per ticket.
 *
 * Sources (dev.octopush.com/en/...):
 * - sms-api/send-sms-to-list/ and voice-sms-api/send-voice-sms-list/: `POST /sms-campaign-on-list/create`
 *   and `/sms-campaign-on-tag/create` (voice: `/voice-campaign-on-…`) take the send fields with
 *   `list_name` or `tag_name` instead of recipients; "an asynchronous process": create, get the status,
 *   delete, confirm. The creation answer is not shown; the ticket is "the ticket_number transmitted by
 *   Octopush after the call to the creation function" (ticketKey switch: `ticket_number` by default,
 *   `sms_ticket` as the direct send names it).
 * - api-sms/status-sms-campaign-list/ (and the voice page): `GET /sms-campaign-on-list/status?ticket_number=`
 *   for list and tag campaigns alike, answering `{number_of_contacts, cost, status}` (voice adds
 *   `estimated_duration`), status `ready_to_be_sent | under_computation | failed`; "usefull only if your
 *   campaign … is being computed and is not sent yet" (a sent ticket is no longer found here). Two
 *   readings of the same page are switches: "Failure: 400 … returned as long as the campaign is not
 *   ready" (statusWhileComputing: 'bad-request'), and its example's spelling "ready_to_be_send"
 *   (readySpelling).
 * - api-sms/confirm-sms-on-list/ (and voice): `POST …-on-list/send` or `…-on-tag/send {ticket_number}`
 *   confirms a ready campaign, 200 `{sending_date}`; "400 … as long as the campaign is not ready".
 * - api-sms/cancel-an-sms-on-list/ and voice-sms-api/cancel-voice-sms-on-a-list/: `DELETE …-on-list/cancel
 *   {ticket_number}` for list and tag campaigns, 204.
 * A ticket is under computation for `readyAfterMs` (configurable), then ready, or failed when the list or
 * tag has no contacts.
 */
import { randomBytes } from 'node:crypto';

import type { FastifyReply } from 'fastify';

import { HttpError, invalid } from './octopush-errors';

type Kind = 'sms' | 'voice';
type Audience = 'list' | 'tag';

interface Account {
	login: string;
}

/** What the list/tag campaigns need from the Octopush sandbox. */
export interface CampaignHost {
	route(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		handler: (context: { account: Account; body: Record<string, unknown>; query: Record<string, string | string[]>; reply: FastifyReply }) => unknown,
	): void;
	readMessage(kind: Kind, account: Account, body: Record<string, unknown>): { price: number; parts: number; simulation: boolean; sendAt?: string; accept(): void };
	listName(body: Record<string, unknown>, required?: boolean): string | undefined;
	tagName(body: Record<string, unknown>, required?: boolean): string | undefined;
	readonly lists: Map<string, Set<string>>;
	readonly contacts: Map<string, Record<string, unknown>>;
	debit(account: Account, amount: number): void;
	recordSent(campaign: { sms_ticket: string; kind: Kind; account: string; body: Record<string, unknown>; recipients: Array<Record<string, unknown>>; total_cost: number; send_at?: string; simulation: boolean }): void;
	now(): number;
	onReset(handler: () => void): void;
}

export interface ListCampaign {
	ticket: string;
	kind: Kind;
	audience: Audience;
	name: string;
	account: string;
	body: Record<string, unknown>;
	createdAt: number;
	contacts: string[];
	cost: number;
	simulation: boolean;
	sendAt?: string;
	state: 'created' | 'sent' | 'cancelled';
	sendingDate?: string;
}

export interface ListCampaignOptions {
	/** How long a new ticket stays under_computation (default 1,500 ms). */
	readyAfterMs?: number;
}

const round = (value: number) => Math.round(value * 10000) / 10000;

export class OctopushListCampaigns {
	readonly tickets = new Map<string, ListCampaign>();
	readyAfterMs: number;
	statusWhileComputing: 'answer' | 'bad-request' = 'answer';
	readySpelling: 'ready_to_be_sent' | 'ready_to_be_send' = 'ready_to_be_sent';
	ticketKey: 'ticket_number' | 'sms_ticket' = 'ticket_number';

	constructor(
		private readonly host: CampaignHost,
		private readonly options: ListCampaignOptions = {},
	) {
		this.readyAfterMs = options.readyAfterMs ?? 1500;
		host.onReset(() => {
			this.tickets.clear();
			this.readyAfterMs = this.options.readyAfterMs ?? 1500;
			this.statusWhileComputing = 'answer';
			this.readySpelling = 'ready_to_be_sent';
			this.ticketKey = 'ticket_number';
		});
		for (const kind of ['sms', 'voice'] as const) {
			for (const audience of ['list', 'tag'] as const) {
				host.route('POST', `/${kind}-campaign-on-${audience}/create`, (c) => this.create(kind, audience, c.account, c.body, c.reply));
				host.route('POST', `/${kind}-campaign-on-${audience}/send`, (c) => this.confirm(kind, audience, c.account, c.body));
			}
			host.route('GET', `/${kind}-campaign-on-list/status`, (c) => this.status(kind, c.account, c.query));
			host.route('DELETE', `/${kind}-campaign-on-list/cancel`, (c) => this.cancel(kind, c.account, c.body, c.reply));
		}
	}

	/** The stage a ticket is in now. */
	stage(campaign: ListCampaign): 'under_computation' | 'ready' | 'failed' | 'sent' | 'cancelled' {
		if (campaign.state !== 'created') return campaign.state;
		if (this.host.now() - campaign.createdAt < this.readyAfterMs) return 'under_computation';
		return campaign.contacts.length ? 'ready' : 'failed';
	}

	private create(kind: Kind, audience: Audience, account: Account, body: Record<string, unknown>, reply: FastifyReply) {
		if (body.recipients !== undefined) throw invalid(100, 'A campaign on a list or a tag takes no recipients.', { field: 'recipients' });
		const other = audience === 'list' ? 'tag_name' : 'list_name';
		if (body[other] !== undefined) throw invalid(100, `Give ${audience}_name only on this service.`, { field: other });
		const name = (audience === 'list' ? this.host.listName(body, true) : this.host.tagName(body, true))!;
		const message = this.host.readMessage(kind, account, body);
		let contacts: string[];
		if (audience === 'list') {
			const list = this.host.lists.get(name);
			if (!list) throw new HttpError(404, 100, `List ${name} not found.`);
			contacts = [...list];
		} else {
			contacts = [...this.host.contacts.entries()].filter(([, contact]) => contact.tag_name === name).map(([phone]) => phone);
		}
		message.accept();
		const ticket = `${kind}_${randomBytes(6).toString('hex')}`;
		this.tickets.set(ticket, {
			ticket,
			kind,
			audience,
			name,
			account: account.login,
			body,
			createdAt: this.host.now(),
			contacts,
			cost: round(contacts.length * message.parts * message.price),
			simulation: message.simulation,
			sendAt: message.sendAt,
			state: 'created',
		});
		reply.code(201);
		return { [this.ticketKey]: ticket };
	}

	private find(kind: Kind, account: Account, ticket: unknown): ListCampaign {
		const campaign = typeof ticket === 'string' ? this.tickets.get(ticket) : undefined;
		if (!campaign || campaign.kind !== kind || campaign.account !== account.login || campaign.state === 'cancelled') {
			throw new HttpError(404, 100, `No campaign with ticket ${String(ticket)} can be found.`);
		}
		return campaign;
	}

	private status(kind: Kind, account: Account, query: Record<string, string | string[]>) {
		const campaign = this.find(kind, account, query.ticket_number);
		const stage = this.stage(campaign);
		if (stage === 'sent') throw new HttpError(404, 100, `The campaign ${campaign.ticket} has been sent; it is no longer being computed.`);
		if (stage === 'under_computation' && this.statusWhileComputing === 'bad-request') throw invalid(100, 'The campaign is not ready yet.');
		const computed = stage !== 'under_computation';
		const status = stage === 'ready' ? this.readySpelling : stage;
		return {
			number_of_contacts: computed ? campaign.contacts.length : 0,
			cost: computed ? campaign.cost : 0,
			...(kind === 'voice' ? { estimated_duration: computed ? round(campaign.contacts.length * 0.1) : 0 } : {}),
			status,
		};
	}

	private confirm(kind: Kind, audience: Audience, account: Account, body: Record<string, unknown>) {
		const campaign = this.find(kind, account, body.ticket_number);
		if (campaign.audience !== audience) throw new HttpError(404, 100, `No campaign on a ${audience} with ticket ${campaign.ticket} can be found.`);
		const stage = this.stage(campaign);
		if (stage === 'under_computation') throw invalid(100, 'The campaign is not ready to be sent yet.');
		if (stage === 'failed') throw invalid(100, `The campaign could not be computed: the ${audience} ${campaign.name} has no contacts.`);
		if (stage === 'sent') throw invalid(100, 'The campaign has already been sent.');
		if (!campaign.simulation) this.host.debit(account, campaign.cost);
		campaign.state = 'sent';
		campaign.sendingDate = campaign.sendAt ?? new Date(this.host.now()).toISOString();
		this.host.recordSent({
			sms_ticket: campaign.ticket,
			kind,
			account: campaign.account,
			body: campaign.body,
			recipients: campaign.contacts.map((phone) => ({ phone_number: phone })),
			total_cost: campaign.cost,
			send_at: campaign.sendAt,
			simulation: campaign.simulation,
		});
		return { sending_date: campaign.sendingDate };
	}

	private cancel(kind: Kind, account: Account, body: Record<string, unknown>, reply: FastifyReply) {
		const campaign = this.find(kind, account, body.ticket_number);
		if (this.stage(campaign) === 'sent') throw invalid(100, 'The campaign has already been sent.');
		campaign.state = 'cancelled';
		return reply.code(204).send();
	}
}
