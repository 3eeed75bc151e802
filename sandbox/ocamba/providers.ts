/**
 * Hood providers and their settings: the six of seed 001 (ids 1000-1005, setting names and example
 * values), and Telegram, which docs.ocamba.com/api/hood/v1.0/update-integrations-by_id lists as a
 * settings schema ("telegram-integration") without an id or fields we could read: "1006" with
 * bot_token / bot_username is our choice.
 *
 * GET /v1/hood/providers describes each setting as `{title, name, type, required, deprecated}`
 * (api/hood/v1.0/create-test-notification, "provider-settings": name example "p_key", title example
 * "Private key"). The one documented example of the list (Get Integration's embedded provider,
 * api/hood/v1.0/reference/view-integrations-by_id) gives Twilio's "Auth Token" the type "string" like
 * every other setting: nothing on the wire says which settings are secret except their names and
 * titles. The sandbox answers that way by default ('string'); 'input' answers the input types a UI
 * would use (password for secrets), so a client can be checked under both.
 */
import { badRequest, isObject } from './http';

export interface ProviderSetting {
	title: string;
	name: string;
	/** The input type; 'password' marks the secrets (what a UI would mask). */
	type: 'text' | 'password' | 'email';
	required: boolean;
	deprecated: boolean;
}

export interface Provider {
	id: string;
	type: 'sms' | 'email';
	name: string;
	logo: string;
	settings: ProviderSetting[];
}

export type ProviderSettingTypes = 'string' | 'input';

const setting = (name: string, title: string, type: ProviderSetting['type'] = 'text', required = true): ProviderSetting => ({ title, name, type, required, deprecated: false });

export const OCAMBA_PROVIDERS: Provider[] = [
	{ id: '1000', type: 'sms', name: 'Twilio', settings: [setting('account_sid', 'Account SID'), setting('auth_token', 'Auth Token', 'password'), setting('default_phone_number', 'Default Phone Number')] },
	{
		id: '1001',
		type: 'email',
		name: 'Custom SMTP',
		settings: [
			setting('default_sender_email', 'Default Sender Email', 'email'),
			setting('default_sender_name', 'Default Sender Name'),
			setting('sending_domain', 'Sending Domain'),
			setting('port', 'Port'),
			setting('username', 'Username'),
			setting('password', 'Password', 'password'),
		],
	},
	{
		id: '1002',
		type: 'email',
		name: 'Mandrill',
		settings: [setting('api_key', 'API Key', 'password'), setting('default_sender_name', 'Default Sender Name'), setting('default_sender_email', 'Default Sender Email', 'email'), setting('default_reply_to_email', 'Default Reply-To Email', 'email', false)],
	},
	{
		id: '1003',
		type: 'email',
		name: 'SendGrid',
		settings: [setting('api_key', 'API Key', 'password'), setting('default_sender_name', 'Default Sender Name'), setting('default_sender_email', 'Default Sender Email', 'email'), setting('default_reply_to_email', 'Default Reply-To Email', 'email', false)],
	},
	{ id: '1004', type: 'sms', name: 'Mitto', settings: [setting('api_key', 'API Key', 'password'), setting('sender_name', 'Sender Name')] },
	{ id: '1005', type: 'email', name: 'Mailgun', settings: [setting('api_key', 'API Key', 'password'), setting('domain', 'Domain'), setting('sender_email', 'Sender Email', 'email'), setting('sender_name', 'Sender Name')] },
	{ id: '1006', type: 'sms', name: 'Telegram', settings: [setting('bot_token', 'Bot Token', 'password'), setting('bot_username', 'Bot Username')] },
].map((p) => ({ ...p, logo: `https://storage.ocamba.com/hood/providers/${p.id}.svg` })) as Provider[];

/** A provider as GET /v1/hood/providers (and Get Integration's `provider`) shows it. */
export function providerAnswer(provider: Provider, types: ProviderSettingTypes) {
	return { ...provider, settings: provider.settings.map((s) => ({ ...s, type: types === 'string' ? 'string' : s.type })) };
}

export function isSecretSetting(setting: ProviderSetting): boolean {
	return setting.type === 'password';
}

/** Keeps the provider's own settings (foreign keys are dropped, as the Update page warns), all strings. */
export function readSettings(provider: Provider, value: unknown, requireAll: boolean): Record<string, string> {
	if (!isObject(value)) throw badRequest('The request body is not valid: "settings" must be an object.');
	const settings: Record<string, string> = {};
	for (const field of provider.settings) {
		const given = value[field.name];
		if (given === undefined) {
			if (requireAll && field.required) throw badRequest(`The request body is not valid: "settings.${field.name}" is required for ${provider.name}.`);
			continue;
		}
		if (typeof given !== 'string') throw badRequest(`The request body is not valid: "settings.${field.name}" must be a string.`);
		if (field.required && given.trim() === '') throw badRequest(`The request body is not valid: "settings.${field.name}" must not be empty.`);
		settings[field.name] = given;
	}
	return settings;
}

/** Validation beyond presence, as POST /v1/hood/integrations/validate checks against the provider. */
export function settingsProblem(provider: Provider, settings: Record<string, string>): string | undefined {
	if (provider.id === '1001' && !/^\d{1,5}$/.test(settings.port ?? '')) return 'Invalid settings: "port" must be a port number such as "587".';
	if (provider.id === '1000' && !/^AC/.test(settings.account_sid ?? '')) return 'Invalid settings: "account_sid" must start with "AC".';
	return undefined;
}
