/**
 * Campaigns on a contact list or a tag, an asynchronous process on Octopush's side: create (a ticket),
 * Octopush computes the audience and the cost, then the campaign is confirmed (or cancelled).
 * Sources, dev.octopush.com/en/…: sms-api/send-sms-to-list/ (create, `…-on-list/create` and
 * `…-on-tag/create`), api-sms/status-sms-campaign-list/ (status, one path for lists and tags; "400 …
 * returned as long as the campaign is not ready"; its example spells "ready_to_be_send"),
 * api-sms/confirm-sms-on-list/ (`…-on-list/send` / `…-on-tag/send`), api-sms/cancel-an-sms-on-list/
 * (one path for both); voice-sms-api/… the same under `/voice-campaign-on-…`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiError } from '../../shared/http';
import type { MessageKind } from '../helpers/message';
import { octopushErrorDetails, octopushRequest } from './index';
import { sendWithRequestId, type SendOutcome } from './send';

export type Audience = 'list' | 'tag';

const base = (kind: MessageKind) => (kind === 'sms' ? '/sms-campaign' : '/voice-campaign');

export const listCampaignPaths = (kind: MessageKind, audience: Audience) => ({
	create: `${base(kind)}-on-${audience}/create`,
	send: `${base(kind)}-on-${audience}/send`,
	// The status and cancel pages serve campaigns on a list and on a tag under the one "-on-list" path.
	status: `${base(kind)}-on-list/status`,
	cancel: `${base(kind)}-on-list/cancel`,
});

/** The ticket of a creation answer: "the ticket_number transmitted by Octopush" (or sms_ticket, as a direct send names it). */
export function listTicketOf(answer: unknown): string | undefined {
	const body = (answer ?? {}) as IDataObject;
	for (const key of ['ticket_number', 'sms_ticket', 'ticket']) {
		const value = body[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

export async function createListCampaign(context: IExecuteFunctions, kind: MessageKind, audience: Audience, body: IDataObject, itemIndex: number): Promise<SendOutcome> {
	return await sendWithRequestId(context, { path: listCampaignPaths(kind, audience).create, body, itemIndex, ticketOf: listTicketOf });
}

export type CampaignStage = 'under_computation' | 'ready' | 'failed';

export interface CampaignStatus {
	stage: CampaignStage;
	/** Octopush's answer (`number_of_contacts`, `cost`, `status`…), or its words while not ready. */
	answer: IDataObject;
}

/** GET …/status: a status, or (one documented reading) a 400 while the campaign is not ready. */
export async function readCampaignStatus(context: IExecuteFunctions, kind: MessageKind, ticket: string, itemIndex: number): Promise<CampaignStatus> {
	let answer: IDataObject;
	try {
		answer = (await octopushRequest.call(context, { method: 'GET', path: listCampaignPaths(kind, 'list').status, qs: { ticket_number: ticket }, itemIndex })) as IDataObject;
	} catch (error) {
		return notReadyOrFail(error);
	}
	const status = String(answer.status ?? '');
	if (status === 'ready_to_be_sent' || status === 'ready_to_be_send') return { stage: 'ready', answer };
	if (status === 'failed') return { stage: 'failed', answer };
	return { stage: 'under_computation', answer };
}

/** The status page: "Failure: 400 Bad Request. This error will be returned as long as the campaign is not ready." */
function notReadyOrFail(error: unknown): CampaignStatus {
	const details = octopushErrorDetails(error);
	if (Number(details?.httpCode) !== 400) throw error;
	return { stage: 'under_computation', answer: { status: 'under_computation', octopush_message: details?.message } };
}

export async function confirmListCampaign(context: IExecuteFunctions, kind: MessageKind, audience: Audience, ticket: string, itemIndex: number): Promise<IDataObject> {
	// Confirming a ticket sends it once, however often it is asked: a repeat after a lost answer is harmless.
	const answer = await octopushRequest.call(context, { method: 'POST', path: listCampaignPaths(kind, audience).send, body: { ticket_number: ticket }, expect: 'jsonOrNone', idempotent: true, itemIndex });
	return (answer ?? {}) as IDataObject;
}

export async function cancelListCampaign(context: IExecuteFunctions, kind: MessageKind, ticket: string, itemIndex: number): Promise<void> {
	await octopushRequest.call(context, { method: 'DELETE', path: listCampaignPaths(kind, 'list').cancel, body: { ticket_number: ticket }, expect: 'jsonOrNone', itemIndex });
}

/**
 * Asks for the status every `intervalMs` until the campaign is ready, for at most `maxWaitMs` (n8n's
 * sleep, no timers of our own). A failed computation or a wait that runs out is an error that names
 * the ticket, so the user can confirm or cancel it later; nothing was sent.
 */
export async function waitUntilReady(
	context: IExecuteFunctions,
	kind: MessageKind,
	ticket: string,
	wait: { maxWaitMs: number; intervalMs: number },
	itemIndex: number,
): Promise<IDataObject & { waited_seconds: number }> {
	const started = Date.now();
	for (;;) {
		const { stage, answer } = await readCampaignStatus(context, kind, ticket, itemIndex);
		const waited = Math.round((Date.now() - started) / 100) / 10;
		if (stage === 'ready') return { ...answer, waited_seconds: waited };
		if (stage === 'failed') {
			throw apiError(context, `Octopush could not prepare the campaign (status failed), ticket ${ticket}`, {
				description: 'Nothing was sent. Octopush fails a campaign whose list or tag has no contacts it can send to: check the list or tag name and its contacts, then create the campaign again.',
				itemIndex,
				details: { ticket_number: ticket, ...answer },
			});
		}
		if (Date.now() - started + wait.intervalMs > wait.maxWaitMs) {
			throw apiError(context, `The campaign was not ready within the Max Wait of ${Math.round(wait.maxWaitMs / 1000)} s (ticket ${ticket})`, {
				description: `Nothing was sent yet: Octopush is still preparing it. Confirm it later with Confirm Send (ticket ${ticket}) or cancel it with Cancel, or raise "Max Wait" in the Options.`,
				itemIndex,
				details: { ticket_number: ticket, ...answer },
			});
		}
		await sleep(wait.intervalMs);
	}
}
