/** The six Create Integration examples of seed 001, as request bodies and as node parameters. */
import type { IDataObject } from 'n8n-workflow';

export interface SeedIntegration {
	slug: string;
	body: { name: string; provider_id: string; settings: Record<string, string>; status: string };
	parameters: IDataObject;
	/** The setting values that are secrets (must never appear in outputs). */
	secrets: string[];
}

export const SEED_INTEGRATIONS: SeedIntegration[] = [
	{
		slug: 'twilio',
		body: { name: 'Example Twilio', provider_id: '1000', settings: { account_sid: 'AC7XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', auth_token: '464XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', default_phone_number: '+121XXXXXXXXX' }, status: 'active' },
		parameters: { provider: 'twilio', twilioAccountSid: 'AC7XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', twilioAuthToken: '464XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', twilioDefaultPhoneNumber: '+121XXXXXXXXX' },
		secrets: ['464XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
	},
	{
		slug: 'mitto',
		body: { name: 'Example Mitto', provider_id: '1004', settings: { api_key: 'AScs8XXXXXXXXXXXXXXXXXXXXXXXXXXXXX', sender_name: 'Example Name' }, status: 'active' },
		parameters: { provider: 'mitto', mittoApiKey: 'AScs8XXXXXXXXXXXXXXXXXXXXXXXXXXXXX', mittoSenderName: 'Example Name' },
		secrets: ['AScs8XXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
	},
	{
		slug: 'custom-smtp',
		body: {
			name: 'Example Custom',
			provider_id: '1001',
			settings: { default_sender_email: '[email protected]', default_sender_name: 'John Doe', sending_domain: 'ex.example.com', port: '587', username: '[email protected]', password: 'yourPassword123' },
			status: 'active',
		},
		parameters: { provider: 'customSmtp', smtpDefaultSenderEmail: '[email protected]', smtpDefaultSenderName: 'John Doe', smtpSendingDomain: 'ex.example.com', smtpPort: '587', smtpUsername: '[email protected]', smtpPassword: 'yourPassword123' },
		secrets: ['yourPassword123'],
	},
	{
		slug: 'mailchimp',
		body: { name: 'Example Mailchimp', provider_id: '1002', settings: { api_key: 'md-c8XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', default_sender_name: 'Example Name', default_sender_email: '[email protected]', default_reply_to_email: '[email protected]' }, status: 'active' },
		parameters: { provider: 'mandrill', mandrillApiKey: 'md-c8XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', mandrillDefaultSenderName: 'Example Name', mandrillDefaultSenderEmail: '[email protected]', mandrillDefaultReplyToEmail: '[email protected]' },
		secrets: ['md-c8XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
	},
	{
		slug: 'sendgrid',
		body: { name: 'Example SendGrid', provider_id: '1003', settings: { api_key: 'SG.EKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', default_sender_name: 'Example Name', default_sender_email: '[email protected]', default_reply_to_email: '[email protected]' }, status: 'active' },
		parameters: { provider: 'sendGrid', sendGridApiKey: 'SG.EKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', sendGridDefaultSenderName: 'Example Name', sendGridDefaultSenderEmail: '[email protected]', sendGridDefaultReplyToEmail: '[email protected]' },
		secrets: ['SG.EKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
	},
	{
		slug: 'mailgun',
		body: { name: 'Example Mailgun', provider_id: '1005', settings: { api_key: '568cXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-XXXXXXXX-XXXXXXXX', domain: 'sandboxXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.mailgun.org', sender_email: '[email protected]', sender_name: 'John Doe' }, status: 'active' },
		parameters: { provider: 'mailgun', mailgunApiKey: '568cXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-XXXXXXXX-XXXXXXXX', mailgunDomain: 'sandboxXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.mailgun.org', mailgunSenderEmail: '[email protected]', mailgunSenderName: 'John Doe' },
		secrets: ['568cXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-XXXXXXXX-XXXXXXXX'],
	},
];

export const SEED_ACCOUNT_BODY = {
	name: 'new account',
	status: 'active',
	contacts: [{ type: 'email', value: '[email protected]' }],
	feeds: { postbacks: 'test123' },
};
