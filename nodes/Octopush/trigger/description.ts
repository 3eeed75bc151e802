/** The Octopush Trigger's parameters: how its URL gets into Octopush, and which callbacks start the workflow. */
import type { INodeProperties } from 'n8n-workflow';

const automatic = { registration: ['automatic'] };
const manual = { registration: ['manual'] };

/** Event values and how a person names them (the options below and the node's subtitle). */
export const EVENT_LABELS = {
	deliveryReport: 'Delivery Reports',
	inboundSms: 'Inbound SMS',
	stop: 'STOP Requests',
	other: 'Other Callbacks',
} as const;

/**
 * Each event as the node panel lists it among the trigger's events. Without these n8n writes "On " and the
 * option name lower-cased ("On inbound sms"); a person says "SMS" and "STOP".
 */
export const EVENT_ACTIONS = {
	deliveryReport: 'On delivery report',
	inboundSms: 'On inbound SMS',
	stop: 'On STOP request',
	other: 'On other callback',
} as const;

/** "Registers itself · Delivery Reports, Inbound SMS": the mode and the events, in words. */
export const SUBTITLE = `={{ ($parameter["registration"] === "manual" ? "URL set by hand" : "Registers itself") + " · " + ($parameter["events"] || []).map(e => (${JSON.stringify(EVENT_LABELS)})[e] || e).join(", ") }}`;

const registrationOptions = [
	{
		name: 'Automatically (Account Callback Settings)',
		value: 'automatic',
		description:
			'While the workflow is active (or you listen for a test event), your Octopush account sends the chosen callbacks here; the URLs that were set before are put back afterwards. Needs the Octopush credential.',
	},
	{
		name: 'By Hand (or per Sub-Account)',
		value: 'manual',
		description: 'You paste this trigger\'s URL into Octopush yourself; the trigger changes nothing in your account',
	},
];

export const properties: INodeProperties[] = [
	{
		displayName:
			'This trigger points your Octopush account\'s callback URLs for the chosen events at itself: at its Production URL while the workflow is active, and at its Test URL while you listen for a test event. When it stops, it puts back the URLs that were set before. An Octopush account has one URL per kind of callback, so another active trigger using the same account takes them over.',
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: automatic },
	},
	{
		displayName:
			'Set the URL in Octopush yourself: at the top of this panel, under Webhook URLs, switch from Test URL to Production URL and copy it into the Callbacks page of the Octopush web interface, or into a sub-account with the Octopush node\'s Sub-Account → Update → Callbacks. The Production URL receives callbacks while the workflow is active; the Test URL only while you listen for a test event.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: manual },
	},
	// Workflows saved with version 1 keep today's behaviour (URL set by hand); new triggers register themselves.
	{
		displayName: 'Set Callback URLs',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		options: registrationOptions,
		default: 'manual',
		displayOptions: { show: { '@version': [1] } },
		description: 'How this trigger\'s URL gets into Octopush',
	},
	{
		displayName: 'Set Callback URLs',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		options: registrationOptions,
		default: 'automatic',
		displayOptions: { show: { '@version': [2] } },
		description: 'How this trigger\'s URL gets into Octopush',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: EVENT_LABELS.deliveryReport, value: 'deliveryReport', action: EVENT_ACTIONS.deliveryReport, description: 'A message was delivered or failed (has delivery_date, or deliveries[] for e-mail)' },
			{ name: EVENT_LABELS.inboundSms, value: 'inboundSms', action: EVENT_ACTIONS.inboundSms, description: 'Someone replied or texted your number (has reception_date or answer_date)' },
			{ name: EVENT_LABELS.other, value: 'other', action: EVENT_ACTIONS.other, description: 'A callback that is none of the others (for example a landing-page visit); it still starts the workflow' },
			{ name: EVENT_LABELS.stop, value: 'stop', action: EVENT_ACTIONS.stop, description: 'Someone opted out (has stop_date)' },
		],
		default: ['deliveryReport', 'inboundSms', 'stop', 'other'],
		description:
			'Which callbacks start the workflow. A callback of a kind not chosen here is refused (HTTP 422), never acknowledged and dropped: Octopush keeps it and tries again. Choose every kind whose URL points here.',
	},
];
