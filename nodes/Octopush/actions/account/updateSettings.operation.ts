/**
 * PATCH /user/campaign-parameters/edit (dev.octopush.com, api-default-parameters/modify-configuration).
 * The settings are read first and each section that changes is sent whole (callbacks.ts: wholeSection),
 * so the account's other values survive whether Octopush merges or replaces a section.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { editAccountSettings, getAccountSettings, SETTINGS_SECTIONS, wholeSection, type AccountSettings } from '../../transport/callbacks';

const show = { resource: ['account'], operation: ['updateSettings'] };
const urlPlaceholder = 'https://n8n.example.com/webhook/…';

/** The callback fields: parameter name, Octopush key, label (also the choices of "URLs to Clear"). */
const CALLBACK_FIELDS = [
	{ parameter: 'callbackUrlForDeliveries', key: 'callback_url_for_deliveries', label: 'Deliveries URL', description: 'URL that receives delivery reports' },
	{ parameter: 'callbackUrlForInbounds', key: 'callback_url_for_inbounds', label: 'Inbounds URL', description: 'URL that receives incoming SMS (replies)' },
	{ parameter: 'callbackUrlForBlacklistedNumbers', key: 'callback_url_for_blacklisted_numbers', label: 'Blacklisted Numbers (STOP) URL', description: 'URL that receives STOP (opt-out) requests' },
	{ parameter: 'callbackUrlForVisits', key: 'callback_url_for_visits', label: 'Visits URL', description: 'URL that receives landing-page visits' },
] as const;

export const description: INodeProperties[] = [
	{
		displayName: 'Callbacks',
		name: 'callbacks',
		type: 'collection',
		placeholder: 'Add Callback',
		default: {},
		displayOptions: { show },
		description:
			'Where Octopush sends the whole account\'s events. An active Octopush Trigger set to register automatically manages the URLs of its events itself.',
		options: [
			...CALLBACK_FIELDS.map(({ parameter, label, description }) => ({
				displayName: label,
				name: parameter,
				type: 'string' as const,
				default: '',
				placeholder: urlPlaceholder,
				description,
			})),
			{
				displayName: 'Email for Inbounds',
				name: 'emailForInbounds',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'E-mail address that receives incoming messages',
			},
			{
				displayName: 'URLs to Clear',
				name: 'clear',
				type: 'multiOptions',
				options: CALLBACK_FIELDS.map(({ key, label }) => ({ name: label, value: key })),
				default: [],
				description: 'Callback URLs to remove, so Octopush stops sending those events anywhere',
			},
		],
	},
	{
		displayName: 'Campaign Defaults',
		name: 'campaignDefaults',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'SMS Sender', name: 'senderForSmsPremium', type: 'string', default: '', placeholder: 'MyShop', description: 'Default sender of Premium SMS: 3 to 11 letters or digits' },
			{ displayName: 'Test Phone Number', name: 'phoneNumberForTestSms', type: 'string', default: '', placeholder: '+33612345678', description: 'Number offered for test SMS in the Octopush web interface' },
			{ displayName: 'Voice Sender', name: 'senderForVoiceSms', type: 'string', default: '', placeholder: '33612345678', description: 'Default sender of voice messages: 3 to 11 digits' },
		],
	},
	{
		displayName: 'Credit Alert',
		name: 'creditAlert',
		type: 'collection',
		placeholder: 'Add Alert Setting',
		default: {},
		displayOptions: { show },
		description: 'When Octopush warns that the credit runs low, and whom',
		options: [
			{ displayName: 'Alert E-Mail', name: 'alertEmailTo', type: 'string', default: '', placeholder: 'name@email.com', description: 'Address that receives the alert' },
			{ displayName: 'Alert Phone Number', name: 'alertPhoneNumberTo', type: 'string', default: '', placeholder: '+33612345678', description: 'Mobile number that receives the alert' },
			{
				displayName: 'Message Type',
				name: 'alertType',
				type: 'options',
				options: [
					{ name: 'Low Cost SMS', value: 'sms_low_cost' },
					{ name: 'Premium SMS', value: 'sms_premium' },
				],
				default: 'sms_premium',
				description: 'The kind of SMS the threshold counts',
			},
			{ displayName: 'Threshold', name: 'alertBound', type: 'number', typeOptions: { minValue: 0 }, default: 150, description: 'Warn when the credit falls below this many messages of the Message Type' },
		],
	},
];

function asObject(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = createValidator(this.getNode(), itemIndex);
	const callbacks = asObject(this.getNodeParameter('callbacks', itemIndex, {}));
	const defaults = asObject(this.getNodeParameter('campaignDefaults', itemIndex, {}));
	const alert = asObject(this.getNodeParameter('creditAlert', itemIndex, {}));

	const callbackChanges: IDataObject = {};
	for (const { parameter, key, label } of CALLBACK_FIELDS) {
		const url = validate.url(label, callbacks[parameter]);
		if (url !== undefined) callbackChanges[key] = url;
	}
	const email = validate.email('Email for Inbounds', callbacks.emailForInbounds);
	if (email !== undefined) callbackChanges.email_for_inbounds = email;
	const clear = Array.isArray(callbacks.clear) ? (callbacks.clear as string[]) : [];
	for (const key of clear) {
		const field = CALLBACK_FIELDS.find((f) => f.key === key);
		if (!field) validate.fail('URLs to Clear', `has an unknown value "${String(key)}"`, `some of ${CALLBACK_FIELDS.map((f) => f.label).join(', ')}`);
		if (callbackChanges[key] !== undefined) validate.fail('URLs to Clear', `lists ${field!.label}, which is also given a new value`, 'a URL either set or cleared');
		// Octopush documents no other way to unset a URL than an empty value.
		callbackChanges[key] = '';
	}

	const smsSender = validate.text('SMS Sender', defaults.senderForSmsPremium);
	if (smsSender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(smsSender)) validate.fail('SMS Sender', `is not 3 to 11 letters or digits: "${smsSender}"`, 'a sender such as MyShop');
	const voiceSender = validate.text('Voice Sender', defaults.senderForVoiceSms);
	if (voiceSender !== undefined && !/^\d{3,11}$/.test(voiceSender)) validate.fail('Voice Sender', `is not 3 to 11 digits: "${voiceSender}"`, 'digits only, such as 33612345678');
	const campaignChanges = compact({
		sender_for_sms_premium: smsSender,
		sender_for_voice_sms: voiceSender,
		phone_number_for_test_sms: defaults.phoneNumberForTestSms === undefined ? undefined : validate.phoneNumber('Test Phone Number', defaults.phoneNumberForTestSms),
	});

	const alertEmail = validate.email('Alert E-Mail', alert.alertEmailTo);
	const alertChanges = compact({
		alert_type: validate.oneOf('Message Type', alert.alertType, ['sms_premium', 'sms_low_cost'] as const),
		alert_bound: validate.number('Threshold', alert.alertBound, { integer: true, min: 0 }),
		// The English page names a string alert_email_to, the readme reference an array alert_emails_to; Octopush
		// ignores keys it does not know, so both are sent.
		alert_email_to: alertEmail,
		alert_emails_to: alertEmail === undefined ? undefined : [alertEmail],
		alert_phone_number_to: alert.alertPhoneNumberTo === undefined ? undefined : validate.phoneNumber('Alert Phone Number', alert.alertPhoneNumberTo),
	});

	const changes: Partial<Record<(typeof SETTINGS_SECTIONS)[number], IDataObject>> = {};
	if (Object.keys(alertChanges).length) changes.sms_campaign_alert_parameters = alertChanges;
	if (Object.keys(campaignChanges).length) changes.campaign_parameters = campaignChanges;
	if (Object.keys(callbackChanges).length) changes.callbacks = callbackChanges;
	if (Object.keys(changes).length === 0) validate.fail('Callbacks, Campaign Defaults and Credit Alert', 'are all empty', 'at least one setting to change');

	const current = await getAccountSettings.call(this, itemIndex);
	const body: AccountSettings = {};
	for (const section of SETTINGS_SECTIONS) {
		const changed = changes[section];
		if (changed) body[section] = wholeSection(asObject(current[section]), changed);
	}
	const answer = await editAccountSettings.call(this, body, itemIndex);
	// Octopush documents no answer: what it returns when it shows the settings, else what was sent.
	if (answer && SETTINGS_SECTIONS.some((section) => section in answer)) return answer;
	return { ...current, ...body };
}
