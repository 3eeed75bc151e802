/**
 * The Hood providers the node knows, with their settings as Ocamba's examples send them (names,
 * order, all values strings), and the node parameters that show exactly one provider's settings.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Validator } from '../../../shared/validation';
import { soundsSecret } from '../../transport/secrets';

export interface ProviderSetting {
	/** The key in `settings`. */
	key: string;
	/** The node parameter holding it (unique per provider). */
	param: string;
	displayName: string;
	required: boolean;
	secret?: boolean;
	placeholder?: string;
	description?: string;
	/** A port number sent as a string ("587"), as Ocamba's example does. */
	port?: boolean;
}

export interface KnownProvider {
	/** The option value of the Provider parameter. */
	value: string;
	id: string;
	name: string;
	type: 'sms' | 'email';
	settings: ProviderSetting[];
}

const senderName = (prefix: string, required = true): ProviderSetting => ({ key: 'default_sender_name', param: `${prefix}DefaultSenderName`, displayName: 'Default Sender Name', required, placeholder: 'Example Name' });
const senderEmail = (prefix: string): ProviderSetting => ({ key: 'default_sender_email', param: `${prefix}DefaultSenderEmail`, displayName: 'Default Sender Email', required: true, placeholder: 'name@example.com' });
const replyTo = (prefix: string): ProviderSetting => ({ key: 'default_reply_to_email', param: `${prefix}DefaultReplyToEmail`, displayName: 'Default Reply-To Email', required: false, placeholder: 'reply@example.com' });
const apiKey = (prefix: string, description: string): ProviderSetting => ({ key: 'api_key', param: `${prefix}ApiKey`, displayName: 'API Key', required: true, secret: true, description });

export const KNOWN_PROVIDERS: KnownProvider[] = [
	{
		value: 'twilio',
		id: '1000',
		name: 'Twilio',
		type: 'sms',
		settings: [
			{ key: 'account_sid', param: 'twilioAccountSid', displayName: 'Account SID', required: true, placeholder: 'AC7XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', description: 'From the Twilio console (starts with AC)' },
			{ key: 'auth_token', param: 'twilioAuthToken', displayName: 'Auth Token', required: true, secret: true, description: 'The Twilio auth token from the Twilio console' },
			{ key: 'default_phone_number', param: 'twilioDefaultPhoneNumber', displayName: 'Default Phone Number', required: true, placeholder: '+12125551234', description: 'The Twilio number messages are sent from' },
		],
	},
	{
		value: 'customSmtp',
		id: '1001',
		name: 'Custom SMTP',
		type: 'email',
		settings: [
			{ key: 'default_sender_email', param: 'smtpDefaultSenderEmail', displayName: 'Default Sender Email', required: true, placeholder: 'name@example.com' },
			{ key: 'default_sender_name', param: 'smtpDefaultSenderName', displayName: 'Default Sender Name', required: true, placeholder: 'John Doe' },
			{ key: 'sending_domain', param: 'smtpSendingDomain', displayName: 'Sending Domain', required: true, placeholder: 'mail.example.com', description: 'The SMTP server\'s host name' },
			{ key: 'port', param: 'smtpPort', displayName: 'Port', required: true, placeholder: '587', description: 'The SMTP port, such as 587 or 465', port: true },
			{ key: 'username', param: 'smtpUsername', displayName: 'Username', required: true, placeholder: 'name@example.com' },
			{ key: 'password', param: 'smtpPassword', displayName: 'Password', required: true, secret: true },
		],
	},
	{
		value: 'mandrill',
		id: '1002',
		name: 'Mandrill / Mailchimp Transactional',
		type: 'email',
		settings: [apiKey('mandrill', 'The Mailchimp Transactional (Mandrill) API key'), senderName('mandrill'), senderEmail('mandrill'), replyTo('mandrill')],
	},
	{
		value: 'sendGrid',
		id: '1003',
		name: 'SendGrid',
		type: 'email',
		settings: [apiKey('sendGrid', 'The SendGrid API key (starts with SG.)'), senderName('sendGrid'), senderEmail('sendGrid'), replyTo('sendGrid')],
	},
	{
		value: 'mitto',
		id: '1004',
		name: 'Mitto',
		type: 'sms',
		settings: [apiKey('mitto', 'The Mitto API key'), { key: 'sender_name', param: 'mittoSenderName', displayName: 'Sender Name', required: true, placeholder: 'Example Name', description: 'The sender shown on the SMS' }],
	},
	{
		value: 'mailgun',
		id: '1005',
		name: 'Mailgun',
		type: 'email',
		settings: [
			apiKey('mailgun', 'The Mailgun API key'),
			{ key: 'domain', param: 'mailgunDomain', displayName: 'Domain', required: true, placeholder: 'mg.example.com', description: 'The Mailgun sending domain' },
			{ key: 'sender_email', param: 'mailgunSenderEmail', displayName: 'Sender Email', required: true, placeholder: 'name@example.com' },
			{ key: 'sender_name', param: 'mailgunSenderName', displayName: 'Sender Name', required: true, placeholder: 'John Doe' },
		],
	},
];

export const OTHER_PROVIDER = 'other';

/** Provider dropdown options: the known six and "Other (by ID)". */
export const providerOptions = [
	...KNOWN_PROVIDERS.map((p) => ({ name: `${p.name} (${p.type === 'sms' ? 'SMS' : 'Email'})`, value: p.value, description: `Provider ID ${p.id}` })),
	{ name: 'Other (by ID)', value: OTHER_PROVIDER, description: 'A provider not listed here (such as Telegram): its ID and settings as JSON' },
];

/**
 * The settings parameters of every provider, each shown only for its provider. `required` false on
 * update (only what is set is sent).
 */
export function providerSettingProperties(show: IDisplayOptions['show'], providerParam: string, required: boolean): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const provider of KNOWN_PROVIDERS) {
		for (const setting of provider.settings) {
			properties.push({
				displayName: setting.displayName,
				name: setting.param,
				type: 'string',
				...(setting.secret ? { typeOptions: { password: true } } : {}),
				required: required && setting.required,
				default: '',
				...(setting.placeholder ? { placeholder: setting.placeholder } : {}),
				description: `${setting.description ?? `${provider.name} setting ${setting.key}`}${required && !setting.required ? ' (optional)' : ''}`,
				displayOptions: { show: { ...show, [providerParam]: [provider.value] } },
			});
		}
	}
	const other = { show: { ...show, [providerParam]: [OTHER_PROVIDER] } };
	properties.push(
		{
			displayName: 'Provider Name or ID',
			name: 'providerId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getProviders' },
			required,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: other,
		},
		{
			displayName: 'Settings (JSON)',
			name: 'settingsJson',
			type: 'json',
			// Not required: every setting may be under Secret Settings; an empty pair is refused on run.
			default: '{}',
			description:
				'The provider\'s settings that are not secret, as a JSON object, for example {"bot_username": "my_bot"}; see GET /v1/hood/providers for the names. Put secret values (tokens, keys, passwords) under Secret Settings instead: this JSON is saved in the workflow as plain text. May be empty when every setting is under Secret Settings.',
			displayOptions: other,
		},
		{
			displayName: 'Secret Settings',
			name: 'secretSettings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Secret Setting',
			default: {},
			description: 'Settings whose values are secrets, such as bot_token: entered in a password field, never shown in outputs or errors',
			displayOptions: other,
			options: [
				{
					displayName: 'Setting',
					name: 'setting',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'bot_token', description: 'The setting\'s name, as GET /v1/hood/providers lists it' },
						{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
					],
				},
			],
		},
	);
	return properties;
}

/** What the parameters say about an integration's provider and settings. */
export interface ProviderSettingsInput {
	provider_id: string;
	settings: IDataObject;
	type?: string;
	/** The names of the settings whose values are secrets (the node's table, Secret Settings rows). */
	secretNames: string[];
}

/** The secret values among settings: to be masked wherever an error repeats them. */
export function secretValues(settings: IDataObject, secretNames: Iterable<string>): string[] {
	const names = new Set(secretNames);
	return Object.entries(settings)
		.filter(([name, value]) => typeof value === 'string' && (names.has(name) || soundsSecret(name)))
		.map(([, value]) => value as string);
}

/** The Secret Settings rows of "Other (by ID)", each with a name and a value. */
function readSecretRows(context: IExecuteFunctions, validate: Validator, itemIndex: number): IDataObject {
	const rows = ((context.getNodeParameter('secretSettings', itemIndex, {}) as IDataObject)?.setting ?? []) as IDataObject[];
	const settings: IDataObject = {};
	rows.forEach((row, index) => {
		const label = `Secret Settings › Setting ${index + 1}`;
		const name = validate.requiredText(`${label} › Name`, row.name);
		if (name in settings) validate.fail(`${label} › Name`, `repeats "${name}"`, 'each setting once');
		// The value is kept exactly as typed: a secret's spaces may matter.
		const value = typeof row.value === 'number' ? String(row.value) : row.value;
		if (value === undefined || value === null || value === '') validate.fail(`${label} › Value`, 'is empty', 'the secret value');
		if (typeof value !== 'string') validate.fail(`${label} › Value`, 'must be text', 'the secret value as text');
		settings[name] = value;
	});
	return settings;
}

/** `{provider_id, settings}` from the parameters; `partial` sends only the settings that were set. */
export function readProviderSettings(
	context: IExecuteFunctions,
	validate: Validator,
	itemIndex: number,
	providerValue: string,
	options: { partial: boolean },
): ProviderSettingsInput {
	if (providerValue === OTHER_PROVIDER) {
		const rawId = context.getNodeParameter('providerId', itemIndex, '');
		const providerId = validate.requiredText('Provider Name or ID', typeof rawId === 'number' ? String(rawId) : rawId);
		const plain = validate.jsonObject('Settings (JSON)', context.getNodeParameter('settingsJson', itemIndex, '{}')) ?? {};
		const secret = readSecretRows(context, validate, itemIndex);
		for (const name of Object.keys(secret)) {
			if (name in plain) validate.fail('Secret Settings', `and "Settings (JSON)" both set "${name}"`, 'each setting in one place (secrets under Secret Settings)');
		}
		const settings = { ...plain, ...secret };
		if (!options.partial && Object.keys(settings).length === 0) {
			validate.fail('Settings (JSON)', 'is empty', 'the provider\'s settings, such as {"bot_username": "my_bot"}, with secrets under Secret Settings');
		}
		return { provider_id: providerId, settings, secretNames: Object.keys(secret) };
	}
	const provider = KNOWN_PROVIDERS.find((p) => p.value === providerValue);
	if (!provider) return validate.fail('Provider', `is not a provider this node knows: "${providerValue}"`, `one of ${KNOWN_PROVIDERS.map((p) => p.name).join(', ')} or Other (by ID)`);
	const settings: IDataObject = {};
	for (const setting of provider.settings) {
		let value = context.getNodeParameter(setting.param, itemIndex, '') as unknown;
		// A number from an expression (port 587) is sent the way Ocamba's example does: as text.
		if (typeof value === 'number') value = String(value);
		const text = setting.required && !options.partial ? validate.requiredText(setting.displayName, value) : validate.text(setting.displayName, value);
		if (text === undefined) continue;
		if (setting.port && !/^\d{1,5}$/.test(text)) validate.fail(setting.displayName, `is not a port number: "${text}"`, 'a number such as 587');
		settings[setting.key] = text;
	}
	return { provider_id: provider.id, settings, type: provider.type, secretNames: provider.settings.filter((s) => s.secret).map((s) => s.key) };
}
