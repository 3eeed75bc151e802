import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class OcambaApi implements ICredentialType {
	name = 'ocambaApi';

	displayName = 'Ocamba API';

	icon = 'file:ocamba.svg' as const;

	documentationUrl = 'https://docs.ocamba.com/api/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Personal API token. In Ocamba open the profile menu → API Tokens → Add Token, then paste it here.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ocamba.com',
			description: 'Change only to reach a test or regional Ocamba API',
		},
	];

	// A function, not a generic `=Bearer {{$credentials.apiToken}}` header: n8n resolves generic headers
	// through its expression engine on every request (about 0.1 ms each), a cost paid once per item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.apiToken ?? '')}` } };
	}

	// Validating the token is free and has no side effect: 204 when valid, 401 when not.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/ocamba/personal-api-keys/validate',
			method: 'POST',
		},
	};
}
