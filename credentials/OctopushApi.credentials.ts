import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class OctopushApi implements ICredentialType {
	name = 'octopushApi';

	displayName = 'Octopush API';

	icon = 'file:octopush.svg' as const;

	documentationUrl = 'https://dev.octopush.com/en/sms-gateway-api-documentation/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Login',
			name: 'apiLogin',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'you@example.com',
			description:
				'The e-mail address of your Octopush account (or a sub-account login). Found in Octopush under API & Integrations → HTTP API credentials.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key shown next to the API login in Octopush',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.octopush.com/v1/public',
			description: 'Change only to reach a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'api-login': '={{$credentials.apiLogin}}',
				'api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Reading the balance costs nothing and changes nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/wallet/check-balance',
			method: 'GET',
		},
	};
}
