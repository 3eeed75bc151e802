/**
 * What Simplify keeps of Octopush's answers (n8n's UX guidelines; the switch is shared/simplify.ts), with
 * nested objects flattened. Counted from the vendor's documents (../shared/vendor-specs/octopush.md, with
 * its corrections): an HLR answer has 15 fields per number (hlr-lookup-number-verification), the account
 * settings 12 in three sections (api-default-parameters/retrieve-configuration), a sub-account 10 under two
 * levels (get sub-account), whose API key Simplify leaves out so an AI agent is never handed it. The other
 * operations answer with 7 fields or fewer and offer no switch.
 */
import { simplifiedView } from '../../shared/simplify';

/** Sub-account: who it is and where its callbacks go, one level; no API key. */
export const SUB_ACCOUNT_SIMPLIFIED = simplifiedView([
	'api_login',
	'first_name',
	'last_name',
	'company_name',
	['callback_url_for_deliveries', 'callback.callback_url_for_deliveries'],
	['callback_url_for_inbounds', 'callback.callback_url_for_inbounds'],
	['callback_url_for_blacklisted_numbers', 'callback.callback_url_for_blacklisted_numbers'],
	['callback_url_for_visits', 'callback.callback_url_for_visits'],
	['email_for_inbounds', 'callback.email'],
]);

/** HLR: whether the number is live and on which network; the original network of a ported number by name. */
export const HLR_SIMPLIFIED = simplifiedView([
	'phone_number',
	'status',
	'line_status',
	'phone_number_type',
	'network_name',
	'country_code',
	'is_ported',
	['original_network_name', 'original_network_details.network_name'],
	'mcc',
	'mnc',
]);

/** Account settings: the callback URLs, the default senders and the credit alert, one level. */
export const SETTINGS_SIMPLIFIED = simplifiedView([
	['callback_url_for_deliveries', 'callbacks.callback_url_for_deliveries'],
	['callback_url_for_inbounds', 'callbacks.callback_url_for_inbounds'],
	['callback_url_for_blacklisted_numbers', 'callbacks.callback_url_for_blacklisted_numbers'],
	['callback_url_for_visits', 'callbacks.callback_url_for_visits'],
	['email_for_inbounds', 'callbacks.email_for_inbounds'],
	['sender_for_sms_premium', 'campaign_parameters.sender_for_sms_premium'],
	['sender_for_voice_sms', 'campaign_parameters.sender_for_voice_sms'],
	['alert_type', 'sms_campaign_alert_parameters.alert_type'],
	['alert_bound', 'sms_campaign_alert_parameters.alert_bound'],
	['alert_email_to', 'sms_campaign_alert_parameters.alert_email_to'],
]);
