import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** The admin API root below the server URL the user gives. */
export const YETI_ADMIN_PATH = '/api/rest/admin';

function describeLoginFailure(error: unknown): string {
	const response = (error as { response?: { status?: number; data?: unknown } }).response;
	const data = response?.data as { errors?: Array<{ detail?: string; title?: string }> } | undefined;
	const detail = data?.errors?.[0]?.detail ?? data?.errors?.[0]?.title;
	if (detail) return `Yeti-Switch login failed: ${detail}`;
	if (response?.status) return `Yeti-Switch login failed with HTTP ${response.status}`;
	const message = (error as Error).message ?? 'unknown error';
	return `Yeti-Switch login failed: could not reach the server (${message})`;
}

export class YetiSwitchApi implements ICredentialType {
	name = 'yetiSwitchApi';

	displayName = 'Yeti-Switch API';

	icon = 'file:yetiSwitch.svg' as const;

	// The README's section on this credential (where to find each value), which links the vendor's own docs.
	documentationUrl = 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md#credential-yeti-switch-api-yetiswitchapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://yeti.example.com',
			description:
				'The address of your Yeti-Switch web interface, without a path. The node adds /api/rest/admin itself.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'An admin user of the Yeti-Switch web interface',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			// n8n fills this from preAuthentication, keeps it, and logs in again after a 401.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		let response: { jwt?: string };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}${YETI_ADMIN_PATH}/auth`,
				body: { auth: { username: credentials.username, password: credentials.password } },
				json: true,
			})) as { jwt?: string };
		} catch (error) {
			throw new UserError(describeLoginFailure(error));
		}
		if (!response || typeof response.jwt !== 'string' || response.jwt === '') {
			throw new UserError('Yeti-Switch login failed: the server answered without a token');
		}
		return { sessionToken: response.jwt };
	}

	// A function, not a generic `={{$credentials.sessionToken}}` header: n8n resolves generic headers through
	// its expression engine on every request, which measurably slows one-request-per-item runs (bench figure 1).
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), Authorization: String(credentials.sessionToken ?? '') } };
	}

	// The test logs in with the username and password as entered: n8n keeps a stored session token while
	// it is valid, so an authenticated read could pass with a password that no longer works.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "") + "/api/rest/admin"}}',
			url: '/auth',
			method: 'POST',
			body: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
			json: true,
		},
	};}
