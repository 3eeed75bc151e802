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

	// The README's section on this credential (where to find each value), which links the vendor's own docs.
	documentationUrl = 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#credential-octopush-api';

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
		// n8n shows only the HTTP status text ("Unauthorized", "Not Found") unless a rule names the field to fix.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Octopush did not accept the API Login or the API Key (HTTP 401). Check the API Login and API Key fields: the login is the account\'s e-mail address (or a sub-account login), the key is the one shown next to it under API & Integrations.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Octopush refused access (HTTP 403). Check the API Login and API Key fields, and that this account may use the HTTP API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answered the balance check at this Base URL (HTTP 404). Check the Base URL field: it must end with /v1/public (https://api.octopush.com/v1/public).',
				},
			},
		],
	};
}
