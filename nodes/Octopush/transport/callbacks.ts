/**
 * Octopush's account settings ("API Default parameters"), where the account's callback URLs live:
 * read with GET /user/campaign-parameters (api-default-parameters/retrieve-configuration) and changed with
 * PATCH /user/campaign-parameters/edit (api-default-parameters/modify-configuration), both on
 * dev.octopush.com/en/sms-gateway-api-documentation/. Used by the Account operations and by the
 * Octopush Trigger's webhook methods (through the shared request layer, so errors read the same).
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequest, joinUrl, type RequestContext } from '../../shared/http';
import { CREDENTIAL_TYPE, octopushProfile } from './index';

export const SETTINGS_PATH = '/user/campaign-parameters';
export const SETTINGS_EDIT_PATH = '/user/campaign-parameters/edit';

/** The three objects the settings are made of (retrieve-configuration's example answer). */
export const SETTINGS_SECTIONS = ['sms_campaign_alert_parameters', 'campaign_parameters', 'callbacks'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export type AccountSettings = Partial<Record<SettingsSection, IDataObject>> & IDataObject;

/** The callback kinds the Octopush Trigger tells apart, and the account URL each one arrives at. */
export type CallbackEvent = 'deliveryReport' | 'inboundSms' | 'stop' | 'other';
export const CALLBACK_URL_KEYS: Record<Exclude<CallbackEvent, 'other'>, string> = {
	deliveryReport: 'callback_url_for_deliveries',
	inboundSms: 'callback_url_for_inbounds',
	stop: 'callback_url_for_blacklisted_numbers',
};

async function baseUrl(context: RequestContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return String(credentials.baseUrl || 'https://api.octopush.com/v1/public');
}

/** The account's settings as Octopush holds them now. */
export async function getAccountSettings(this: RequestContext, itemIndex?: number): Promise<AccountSettings> {
	const answer = await apiRequest.call(this, octopushProfile, {
		method: 'GET',
		url: joinUrl(await baseUrl(this), SETTINGS_PATH),
		headers: { 'Content-Type': 'application/json' },
		itemIndex,
	});
	const body = answer.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
	return body as AccountSettings;
}

/**
 * Changes the account's settings. Setting the same values twice is harmless, so a PATCH that got no
 * clear answer may be repeated. Returns Octopush's answer (its documents show none; may be empty).
 */
export async function editAccountSettings(this: RequestContext, body: AccountSettings, itemIndex?: number): Promise<IDataObject | undefined> {
	const answer = await apiRequest.call(this, octopushProfile, {
		method: 'PATCH',
		url: joinUrl(await baseUrl(this), SETTINGS_EDIT_PATH),
		headers: { 'Content-Type': 'application/json' },
		body,
		expect: 'jsonOrNone',
		idempotent: true,
		itemIndex,
	});
	const answered = answer.body;
	return typeof answered === 'object' && answered !== null && !Array.isArray(answered) ? (answered as IDataObject) : undefined;
}

/**
 * A whole section to send, from the section as read and the changes. The documents do not say whether
 * a PATCH merges a section or replaces it, so the whole section goes back: keys left out could be cleared
 * under the second reading. Unset keys (null) are left out (sending null for a string may be refused);
 * `''` (clear) and changed values are sent as given.
 */
export function wholeSection(current: IDataObject | undefined, changes: IDataObject): IDataObject {
	const section: IDataObject = {};
	for (const [key, value] of Object.entries(current ?? {})) {
		if (value !== null && value !== undefined) section[key] = value;
	}
	return { ...section, ...changes };
}

/** A URL without its query string and fragment: where a callback goes, whatever token it carries. */
export function withoutQuery(url: string): string {
	const cut = url.search(/[?#]/);
	return cut === -1 ? url : url.slice(0, cut);
}

/** Whether a stored callback URL sends to `webhookUrl` (with or without a token). */
export function pointsAt(stored: unknown, webhookUrl: string): boolean {
	return typeof stored === 'string' && stored !== '' && withoutQuery(stored) === withoutQuery(webhookUrl);
}
