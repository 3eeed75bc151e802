/**
 * Sending one SMS or voice request (at most 500 recipients) so that it is never sent twice and never
 * reported as failed when it may have gone out.
 *
 * Every send carries a request_id (requestIdFor): Octopush refuses a request_id it saw in the last
 * 24 hours ("in case the duplication will be detected, a validation error will be returned",
 * dev.octopush.com/en/sms-gateway-api-documentation/send-sms/). The current docs promise no error
 * number (120 is from the older API's table), so a refusal is read as "an earlier attempt of this very
 * send went out" when any of these holds:
 * - the refusal names the request_id (code 120, a `field`/`errors` entry, or its message);
 * - this n8n process saw an earlier attempt with this request_id accepted (n8n's Retry On Fail runs the
 *   node again in the same process, with the same execution id and run index, so the same ids).
 * A refusal naming something else after an attempt whose answer was lost cannot be told apart: it is
 * reported as "may or may not have been sent", never as "not sent".
 */
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiError, isOutcomeUnknown } from '../../shared/http';
import { readRequestSettings } from '../../shared/options';
import type { MessageKind } from '../helpers/message';
import { octopushErrorDetails, octopushRequest } from './index';

const SEND_PATHS: Record<MessageKind, string> = { sms: '/sms-campaign/send', voice: '/voice-campaign/send' };

export type SendOutcome =
	/** Octopush answered with a ticket. */
	| { status: 'sent'; answer: IDataObject }
	/** Octopush refused a repeat of this request_id: an earlier attempt went out (its answer, if this process saw it). */
	| { status: 'alreadyAccepted'; answer?: IDataObject }
	/** No answer could settle it; the error says why. */
	| { status: 'possiblySent'; error: NodeApiError; reason: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const MEMORY_LIMIT = 10_000;

/**
 * What this process learnt about its own request_ids within Octopush's 24 hours: the answer of an
 * accepted send, or that an attempt may have got through. Bounded (oldest dropped first); request_ids
 * are unique per instance, workflow, node, execution, run and item, so entries never collide.
 */
const memory = new Map<string, { at: number; answer?: IDataObject; unsure?: boolean }>();

function remember(requestId: string, entry: { answer?: IDataObject; unsure?: boolean }) {
	const now = Date.now();
	memory.delete(requestId);
	memory.set(requestId, { at: now, ...entry });
	for (const [key, value] of memory) {
		if (memory.size <= MEMORY_LIMIT && now - value.at < DAY_MS) break;
		memory.delete(key);
	}
}

/** Forgets everything (tests reuse execution ids across cases; real execution ids never repeat). */
export function forgetSends(): void {
	memory.clear();
}

function recall(requestId: string) {
	const entry = memory.get(requestId);
	return entry && Date.now() - entry.at < DAY_MS ? entry : undefined;
}

/** The ticket of an answer: `sms_ticket` as the send page documents it. */
function ticketOf(answer: unknown): string | undefined {
	const ticket = (answer as IDataObject | undefined)?.sms_ticket;
	return typeof ticket === 'string' && ticket !== '' ? ticket : undefined;
}

type Failure =
	| { kind: 'refused'; error: unknown; details: IDataObject }
	| { kind: 'unsure'; error: NodeApiError; reason: string }
	| { kind: 'notSent'; error: unknown };

/** Reads what the shared request layer raised for a send (sent with idempotent: false, so never repeated there). */
function readFailure(error: unknown): Failure {
	const status = Number((error as { httpCode?: string | null }).httpCode) || undefined;
	const message = String((error as Error).message ?? '');
	// The shared layer marks a request that left and got no clear answer: no answer, a final 5xx, an
	// unreadable 2xx. Octopush may have carried it out.
	if (isOutcomeUnknown(error)) {
		const reason =
			status === undefined
				? /did not answer within/i.test(message)
					? 'Octopush did not answer in time'
					: 'the connection broke before Octopush answered'
				: status >= 500
					? `Octopush had a server error (${status})`
					: 'Octopush\'s answer could not be read';
		return { kind: 'unsure', error: error as NodeApiError, reason };
	}
	// Never sent (unreachable), redirects, credentials, unknown paths and rate limits: nothing was carried out.
	if (status === undefined || status < 400 || [401, 403, 404, 429].includes(status)) return { kind: 'notSent', error };
	return { kind: 'refused', error, details: octopushErrorDetails(error) ?? {} };
}

/** Whether a refusal says, in any of the ways Octopush may put it, that the request_id was already used. */
export function namesDuplicateRequestId(details: IDataObject, message = ''): boolean {
	if (Number(details.code) === 120) return true;
	const mentions = (value: unknown) => typeof value === 'string' && /request[ _-]?id/i.test(value);
	if (mentions(message) || mentions(details.message) || mentions(details.field)) return true;
	const fields = details.fields;
	return Array.isArray(fields) && fields.some(mentions);
}

/** Sends one request of an SMS or voice campaign; the body carries its request_id. */
export async function sendMessage(context: IExecuteFunctions, kind: MessageKind, body: IDataObject, itemIndex: number): Promise<SendOutcome> {
	return await sendWithRequestId(context, { path: SEND_PATHS[kind], body, itemIndex, ticketOf });
}

/**
 * Any request Octopush de-duplicates by its body's request_id (sends, and campaigns on a list or a
 * tag): repeated with the same id while its fate is unknown, and read as above. `ticketOf` says
 * whether an answer is the success Octopush documents for that service.
 */
export async function sendWithRequestId(
	context: IExecuteFunctions,
	request: { path: string; body: IDataObject; itemIndex: number; ticketOf: (answer: unknown) => string | undefined },
): Promise<SendOutcome> {
	const { path, body, itemIndex } = request;
	const requestId = String(body.request_id);
	const settings = readRequestSettings(context);
	const earlier = recall(requestId);
	// An earlier run of this node (Retry On Fail) may already have sent it.
	let unsure = earlier?.unsure === true || earlier?.answer !== undefined;
	let lastReason = '';
	for (let attempt = 0; ; attempt++) {
		let failure: Failure;
		try {
			const answer = (await octopushRequest.call(context, { method: 'POST', path, body, idempotent: false, itemIndex })) as IDataObject;
			if (request.ticketOf(answer)) {
				remember(requestId, { answer });
				return { status: 'sent', answer };
			}
			failure = readAnswerWithoutTicket(context, answer, itemIndex);
		} catch (error) {
			failure = readFailure(error);
		}
		if (failure.kind === 'refused') {
			const message = String((failure.error as Error).message ?? '');
			if (namesDuplicateRequestId(failure.details, message) || earlier?.answer) return { status: 'alreadyAccepted', answer: earlier?.answer };
			if (unsure) return possiblySent(context, requestId, 'Octopush refused a repeat of it', message, itemIndex);
			throw failure.error;
		}
		if (failure.kind === 'notSent') throw failure.error;
		// Octopush may have carried it out: repeating it with the same request_id is harmless.
		unsure = true;
		lastReason = failure.reason;
		remember(requestId, { unsure: true });
		if (attempt >= settings.maxRetries) return possiblySent(context, requestId, lastReason, failure.error.message, itemIndex);
		await sleep(settings.retryDelayMs * 2 ** attempt);
	}
}

/** What this process recorded under a key of its own (e.g. a confirmed ticket), within 24 hours. */
export function recallOutcome(key: string): IDataObject | undefined {
	return recall(key)?.answer;
}

export function rememberOutcome(key: string, answer: IDataObject): void {
	remember(key, { answer });
}

/** A 2xx without a ticket: Octopush's own error body (item 12 of issue 19), or an answer nobody can read. */
function readAnswerWithoutTicket(context: IExecuteFunctions, answer: unknown, itemIndex: number): Failure {
	const body = (typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer : {}) as IDataObject;
	const code = body.code;
	if (typeof body.message === 'string' && body.message !== '' && code !== undefined && Number(code) !== 0) {
		const details: IDataObject = { code, message: body.message };
		const error = apiError(context, `Octopush refused the send: ${body.message} (code ${String(code)})`, {
			description: 'Octopush answered with an error instead of a ticket, so the message was not sent. Check the values its message names, correct them and run the item again.',
			httpCode: 200,
			itemIndex,
			details,
		});
		return { kind: 'refused', error, details };
	}
	const error = apiError(context, 'Octopush answered without a ticket', { description: 'The answer carried no ticket.', httpCode: 200, itemIndex });
	return { kind: 'unsure', error, reason: 'Octopush answered without a ticket' };
}

function possiblySent(context: IExecuteFunctions, requestId: string, reason: string, detail: string, itemIndex: number): SendOutcome {
	const error = apiError(context, `This send may or may not have been sent: ${reason}`, {
		description: `Octopush gave no answer that settles it (${detail}), and repeating it with the same request_id (${requestId}, which Octopush never sends twice) did not either. Check Octopush's sending history before sending these recipients again. Running this node again in the same execution (Retry On Fail) is safe: the same request_id is used.`,
		itemIndex,
		details: { possibly_sent: true, request_id: requestId },
		outcomeUnknown: true,
	});
	return { status: 'possiblySent', error, reason };
}
