/**
 * The operations of a campaign on a list or a tag, for SMS and voice alike: Create (optionally waiting
 * until Octopush has prepared it, then confirming it), Get Status, Confirm Send and Cancel.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/execute';
import { apiError } from '../../../shared/http';
import { createValidator } from '../../../shared/validation';
import { campaignFields, readSettings, type MessageKind } from '../../helpers/message';
import { readListName, readTagName } from '../../helpers/names';
import { placeholderProblems } from '../../helpers/smsText';
import { recallOutcome, rememberOutcome, requestIdFor } from '../../transport';
import {
	cancelListCampaign,
	confirmListCampaign,
	createListCampaign,
	listTicketOf,
	readCampaignStatus,
	waitUntilReady,
	type Audience,
} from '../../transport/listCampaign';
import { contentFields, messageOptions } from '../common/message.descriptions';
import { audienceField, audienceNameFields, thenField, ticketField, waitOptions, withShow } from './fields';

function readAudience(context: IExecuteFunctions, itemIndex: number): Audience {
	const validate = createValidator(context.getNode(), itemIndex);
	return validate.oneOf('Audience', context.getNodeParameter('audience', itemIndex, 'list'), ['list', 'tag'] as const, { required: true })!;
}

function readTicket(context: IExecuteFunctions, itemIndex: number): string {
	return createValidator(context.getNode(), itemIndex).pathId('Ticket Number', context.getNodeParameter('ticketNumber', itemIndex));
}

export function createOperation(resource: string, kind: MessageKind): OperationModule {
	const show = { resource: [resource], operation: ['create'] };
	const noun = kind === 'sms' ? 'SMS' : 'voice message';
	const description: INodeProperties[] = [
		...withShow(show, [audienceField, ...audienceNameFields]),
		...contentFields(
			kind,
			show,
			`The ${noun} text, 1 to 1224 characters. Placeholders {first_name}, {last_name} and {param1}..{param5} are filled from each contact's own fields in Octopush.`,
		),
		...withShow(show, [thenField, messageOptions(kind, waitOptions, false)]),
	];

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const validate = createValidator(this.getNode(), itemIndex);
		const audience = readAudience(this, itemIndex);
		const name =
			audience === 'list'
				? readListName(validate, this.getNodeParameter('listName', itemIndex, ''), { required: true })!
				: readTagName(validate, this.getNodeParameter('tagName', itemIndex, ''), { required: true })!;
		const then = validate.oneOf('Then', this.getNodeParameter('then', itemIndex, 'waitAndSend'), ['waitAndSend', 'create'] as const, { required: true });
		const settings = readSettings(this, kind, itemIndex);
		const options = settings.options;
		const maxWait = validate.number('Max Wait (Seconds)', options.maxWait, { min: 1, max: 3600 }) ?? 300;
		const checkEvery = validate.number('Check Every (Seconds)', options.checkEvery, { min: 1, max: 60 }) ?? 5;
		// Placeholder values come from each contact in Octopush: only unknown names can be told here.
		const warnings = placeholderProblems(settings.text, { first_name: '-', last_name: '-', param1: '-', param2: '-', param3: '-', param4: '-', param5: '-' }).map((p) => `The text ${p}.`);
		const requestId = requestIdFor(this, 'item', itemIndex);
		const target = audience === 'list' ? { list_name: name } : { tag_name: name };
		const body = { ...campaignFields(this, settings, itemIndex), ...target, request_id: requestId };
		const outcome = await createListCampaign(this, kind, audience, body, itemIndex);
		if (outcome.status === 'possiblySent') throw outcome.error;
		const ticket = listTicketOf(outcome.answer);
		if (!ticket) {
			throw apiError(this, 'Octopush had already created this campaign, but its ticket was not kept', {
				description: `An earlier attempt (request_id ${requestId}) created it and its answer was lost. Find the campaign in Octopush, then confirm or cancel it there; creating it again would prepare a second one.`,
				itemIndex,
				details: { request_id: requestId, already_accepted: true },
			});
		}
		const created: IDataObject = {
			...outcome.answer,
			ticket_number: ticket,
			...target,
			request_id: requestId,
			...(outcome.status === 'alreadyAccepted' ? { already_accepted: true } : {}),
			...(warnings.length ? { warnings } : {}),
		};
		if (then === 'create') return created;
		// A Retry On Fail after the confirmation: the campaign went out, say so instead of confirming again.
		const confirmedKey = `confirmed ${ticket}`;
		const confirmed = recallOutcome(confirmedKey);
		if (confirmed) return { ...created, ...confirmed, already_confirmed: true };
		const ready = await waitUntilReady(this, kind, ticket, { maxWaitMs: maxWait * 1000, intervalMs: checkEvery * 1000 }, itemIndex);
		// Octopush's status said "ready"; once confirmed that no longer describes it.
		const prepared: IDataObject = { ...ready };
		delete prepared.status;
		const confirmation = await confirmListCampaign(this, kind, audience, ticket, itemIndex);
		const result = { ...prepared, ...confirmation, confirmed: true };
		rememberOutcome(confirmedKey, result);
		return { ...created, ...result };
	}

	return { description, execute };
}

export function getStatusOperation(resource: string, kind: MessageKind): OperationModule {
	const show = { resource: [resource], operation: ['getStatus'] };
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const ticket = readTicket(this, itemIndex);
		const { stage, answer } = await readCampaignStatus(this, kind, ticket, itemIndex);
		return { ticket_number: ticket, ...answer, ready: stage === 'ready' };
	}
	return { description: withShow(show, [ticketField(kind)]), execute };
}

export function confirmOperation(resource: string, kind: MessageKind): OperationModule {
	const show = { resource: [resource], operation: ['send'] };
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const audience = readAudience(this, itemIndex);
		const ticket = readTicket(this, itemIndex);
		const answer = await confirmListCampaign(this, kind, audience, ticket, itemIndex);
		return { ticket_number: ticket, confirmed: true, ...answer };
	}
	return { description: withShow(show, [audienceField, ticketField(kind)]), execute };
}

export function cancelOperation(resource: string, kind: MessageKind): OperationModule {
	const show = { resource: [resource], operation: ['cancel'] };
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const ticket = readTicket(this, itemIndex);
		await cancelListCampaign(this, kind, ticket, itemIndex);
		return { ticket_number: ticket, cancelled: true };
	}
	return { description: withShow(show, [ticketField(kind)]), execute };
}

/** The resource: its operation choice and fields. */
export function listCampaignResource(resource: string, kind: MessageKind) {
	const noun = kind === 'sms' ? 'SMS campaign' : 'voice campaign';
	const a = kind === 'sms' ? 'an' : 'a';
	const operations = {
		cancel: cancelOperation(resource, kind),
		create: createOperation(resource, kind),
		getStatus: getStatusOperation(resource, kind),
		send: confirmOperation(resource, kind),
	};
	const description: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: [
				{ name: 'Cancel', value: 'cancel', description: `Cancel ${a} ${noun} on a list or tag that is not sent yet`, action: `Cancel ${a} ${noun}` },
				{ name: 'Confirm Send', value: 'send', description: `Send a prepared ${noun} (its status is ready_to_be_sent)`, action: `Confirm ${a} ${noun}` },
				{
					name: 'Create',
					value: 'create',
					description: `Prepare ${a} ${noun} to a contact list or tag; optionally wait until it is ready and send it`,
					action: `Create ${a} ${noun} on a list or tag`,
				},
				{ name: 'Get Status', value: 'getStatus', description: `Whether Octopush has prepared the ${noun} (under_computation, ready_to_be_sent, failed)`, action: `Get the status of ${a} ${noun}` },
			],
			default: 'create',
		},
		...operations.create.description,
		...operations.getStatus.description,
		...operations.send.description,
		...operations.cancel.description,
	];
	return { operations, description };
}
