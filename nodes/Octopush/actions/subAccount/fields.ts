/** Fields Sub-Account Create and Update share: the callback URLs Octopush posts to. */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { compact, type Validator } from '../../../shared/validation';

export function callbacksProperty(show: { resource: string[]; operation: string[] }): INodeProperties {
	return {
		displayName: 'Callbacks',
		name: 'callbacks',
		type: 'collection',
		placeholder: 'Add Callback',
		default: {},
		displayOptions: { show },
		description:
			'Where Octopush sends this sub-account\'s events. Paste the Production URL of an Octopush Trigger node here to receive them in n8n.',
		options: [
			{
				displayName: 'Blacklisted Numbers (STOP) URL',
				name: 'callbackUrlForBlacklistedNumbers',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…',
				description: 'URL that receives STOP (opt-out) requests',
			},
			{
				displayName: 'Deliveries URL',
				name: 'callbackUrlForDeliveries',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…',
				description: 'URL that receives delivery reports',
			},
			{
				displayName: 'Email for Inbounds',
				name: 'emailForInbounds',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'E-mail address that receives incoming messages',
			},
			{
				displayName: 'Inbounds URL',
				name: 'callbackUrlForInbounds',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…',
				description: 'URL that receives incoming SMS (replies)',
			},
			{
				displayName: 'Visits URL',
				name: 'callbackUrlForVisits',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…',
				description: 'URL that receives landing-page visits',
			},
		],
	};
}

/** The `callbacks` object of the request, or undefined when no callback is set. */
export function readCallbacks(v: Validator, value: unknown): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) v.fail('Callbacks', 'must be a set of fields', 'callback URLs');
	const c = value as IDataObject;
	// Key order as in Octopush's documented example.
	const callbacks = compact({
		callback_url_for_inbounds: v.url('Inbounds URL', c.callbackUrlForInbounds),
		callback_url_for_deliveries: v.url('Deliveries URL', c.callbackUrlForDeliveries),
		callback_url_for_visits: v.url('Visits URL', c.callbackUrlForVisits),
		callback_url_for_blacklisted_numbers: v.url('Blacklisted Numbers (STOP) URL', c.callbackUrlForBlacklistedNumbers),
		// Not checked as an e-mail address: Octopush's own documented example value is not one
		// ("[email protected]", an obfuscation artefact) and must still go through unchanged.
		email_for_inbounds: v.text('Email for Inbounds', c.emailForInbounds),
	});
	return Object.keys(callbacks).length ? callbacks : undefined;
}

export const subAccountLoginProperty = (show: { resource: string[]; operation: string[] }): INodeProperties => ({
	displayName: 'Sub-Account Login',
	name: 'subAccountLogin',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'abcd1234@sub-accounts.com',
	displayOptions: { show },
	description: 'The sub-account\'s API login, as returned by Sub-Account → Create (it looks like xxxx@sub-accounts.com)',
});

/**
 * n8n errors keep a reference to the node, parameters included; a log collector that dumps the whole
 * error would then see the sub-account password. Errors leaving Create/Update carry a copy without it.
 */
export function withoutPasswords<T>(error: T): T {
	const holder = error as { node?: INode };
	const node = holder?.node;
	if (!node?.parameters || typeof node.parameters !== 'object') return error;
	const parameters = { ...node.parameters };
	if (parameters.password !== undefined) parameters.password = '[hidden]';
	const updateFields = parameters.updateFields as IDataObject | undefined;
	if (updateFields && typeof updateFields === 'object' && updateFields.password !== undefined) {
		parameters.updateFields = { ...updateFields, password: '[hidden]' };
	}
	holder.node = { ...node, parameters };
	return error;
}
