import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// Validating the token is free and has no side effect: 204 when valid, 401 when not.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/ocamba/personal-api-keys/validate',
			method: 'POST',
		},
	};
}
