import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { CallbackEvent } from './transport/callbacks';
import { properties, SUBTITLE } from './trigger/description';
import { classifyCallback, readCallback } from './trigger/payload';
import { callbacksRegistered, isAutomatic, registerCallbacks, registrationState, restoreCallbacks, TOKEN_PARAMETER } from './trigger/registration';

export { classifyCallback };
export type OctopushEvent = CallbackEvent;

/** Compares without stopping at the first difference (node code cannot import node:crypto). */
function sameSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || given.length !== expected.length) return false;
	let difference = 0;
	for (let i = 0; i < expected.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
	return difference === 0;
}

/**
 * Starts a workflow on Octopush's callbacks. The account's callback URLs are set with
 * PATCH /user/campaign-parameters/edit (dev.octopush.com, api-default-parameters/modify-configuration):
 * in automatic mode create() points them here and delete() puts back what was there (trigger/registration.ts).
 */
export class OctopushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Octopush Trigger',
		name: 'octopushTrigger',
		icon: { light: 'file:octopush.svg', dark: 'file:octopush.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: SUBTITLE,
		description: 'Starts the workflow when Octopush reports a delivery, an incoming SMS or a STOP (opt-out) request',
		defaults: { name: 'Octopush Trigger' },
		// The README section for this node (n8n links unpublished community packages to a missing npm page).
		documentationUrl: 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#octopush-trigger',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only to set the account's callback URLs; Octopush signs nothing and needs no credential to call back.
		credentials: [{ name: 'octopushApi', required: true, displayOptions: { show: { registration: ['automatic'] } } }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Octopush wants a fast, empty 2xx (it retries otherwise): answer at once, with no body.
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'octopush',
			},
		],
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await callbacksRegistered.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerCallbacks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await restoreCallbacks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const refuse = (status: number, message: string): IWebhookResponseData => {
			response.status(status).json({ message });
			return { noWebhookResponse: true };
		};
		const { [TOKEN_PARAMETER]: token, ...query } = this.getQueryData() as IDataObject;
		const expected = registrationState(this).token;
		if (isAutomatic(this) && expected && !sameSecret(token, expected)) {
			return refuse(403, 'This URL was not registered by the Octopush Trigger listening here (its token does not match).');
		}
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer; readRawBody?: () => Promise<void> };
		const body = this.getBodyData() as unknown;
		const contentType = String(this.getHeaderData()['content-type'] ?? '');
		// n8n leaves the bytes of content types it does not parse unread (not multipart: n8n parsed that stream).
		const unparsed = body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
		if (request.rawBody === undefined && unparsed && !/^multipart\//i.test(contentType) && typeof request.readRawBody === 'function') {
			await request.readRawBody().catch(() => undefined);
		}
		const read = readCallback({ body, rawBody: request.rawBody, contentType, query });
		if ('refusal' in read) return refuse(read.refusal.status, read.refusal.message);
		const events = this.getNodeParameter('events', []) as CallbackEvent[];
		const items = read.payloads.map((payload) => ({ ...payload, event: classifyCallback(payload) }));
		const unwanted = items.find((item) => !events.includes(item.event));
		if (unwanted) {
			// Refused rather than acknowledged: Octopush keeps the callback, and nothing of this request started.
			return refuse(422, `This trigger does not take "${unwanted.event}" callbacks (choose it under Events to receive them here).`);
		}
		return { workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
