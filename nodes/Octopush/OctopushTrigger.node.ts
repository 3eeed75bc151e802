import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export type OctopushEvent = 'deliveryReport' | 'inboundSms' | 'stop' | 'other';

/** Octopush callbacks carry no type field: the spec tells them apart by which date field is present. */
export function classifyCallback(payload: IDataObject): OctopushEvent {
	if (payload.delivery_date !== undefined) return 'deliveryReport';
	if (payload.stop_date !== undefined) return 'stop';
	if (payload.reception_date !== undefined) return 'inboundSms';
	return 'other';
}

// Octopush has no API to register the account's callback URLs (they are set in its web interface, or
// per sub-account by the Octopush node's Sub-Account → Update), so there is no lifecycle to implement.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class OctopushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Octopush Trigger',
		name: 'octopushTrigger',
		icon: { light: 'file:octopush.svg', dark: 'file:octopush.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Octopush reports a delivery, an incoming SMS or a STOP (opt-out) request',
		defaults: { name: 'Octopush Trigger' },
		// The README section for this node (n8n links unpublished community packages to a missing npm page).
		documentationUrl: 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#octopush-trigger',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Octopush signs nothing and needs no credential to call back; it only needs the URL.
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
		properties: [
			{
				displayName:
					'Copy this node\'s Production URL (above) into Octopush: in the Octopush web interface under your account\'s callback settings (delivery reports, incoming messages, STOP requests), or for a sub-account with the Octopush node\'s Sub-Account → Update → Callbacks. Activate the workflow so the URL listens.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Delivery Report', value: 'deliveryReport', description: 'A message was delivered, or failed (has delivery_date)' },
					{ name: 'Inbound SMS', value: 'inboundSms', description: 'Someone replied or texted your number (has reception_date)' },
					{ name: 'Other Callback', value: 'other', description: 'Any callback that is none of the above (for example landing-page visits)' },
					{ name: 'STOP Request', value: 'stop', description: 'Someone opted out (has stop_date)' },
				],
				default: ['deliveryReport', 'inboundSms', 'stop'],
				description: 'Which callbacks start the workflow; the others are acknowledged and dropped',
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		const payload: IDataObject = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
		const event = classifyCallback(payload);
		const events = this.getNodeParameter('events', ['deliveryReport', 'inboundSms', 'stop']) as string[];
		if (!events.includes(event)) {
			// Acknowledge so Octopush does not retry, but start nothing.
			this.getResponseObject().status(200).end();
			return { noWebhookResponse: true };
		}
		return { workflowData: [this.helpers.returnJsonArray([{ ...payload, event }])] };
	}
}
