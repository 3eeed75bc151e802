import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
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

	// A function, not generic `={{$credentials...}}` headers: n8n resolves generic headers through its
	// expression engine on every request (about 0.1 ms each), a cost paid once per item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), 'api-login': String(credentials.apiLogin ?? ''), 'api-key': String(credentials.apiKey ?? '') },
		};
	}

	// Reading the balance costs nothing and changes nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/wallet/check-balance',
			method: 'GET',
		},
	};
}
