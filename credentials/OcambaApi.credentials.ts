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

	// The README's section on this credential (where to find each value), which links the vendor's own docs.
	documentationUrl = 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#credential-ocamba-api';

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
		// n8n shows only the HTTP status text ("Unauthorized", "Not Found") unless a rule names the field to fix.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Ocamba did not accept the API Token (HTTP 401). Check the API Token field: paste a current token from Ocamba → profile menu → API Tokens (a token can expire).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Ocamba refused the API Token (HTTP 403): it is known but not allowed to use the API. Check the API Token field: use a token of a user with API access.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answered the token check at this Base URL (HTTP 404). Check the Base URL field: it should be https://api.ocamba.com, with no path.',
				},
			},
		],
	};
}
