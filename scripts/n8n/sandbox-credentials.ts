/**
 * The three credentials that point n8n at the local sandboxes, with the fixed ids and names the
 * example workflows reference. Secrets are the sandboxes' own constants (nothing real).
 */
import { OCAMBA_SANDBOX_TOKEN } from '../../sandbox/ocamba';
import { OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN } from '../../sandbox/octopush';
import { YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME } from '../../sandbox/yeti';
import type { CredentialImport } from './cli';
import { SANDBOX_CREDENTIALS } from './config';

export interface SandboxUrls {
	ocamba: string;
	octopush: string;
	yeti: string;
}

export type SandboxCredentialType = keyof typeof SANDBOX_CREDENTIALS;

export function sandboxCredentials(urls: SandboxUrls): Record<SandboxCredentialType, CredentialImport> {
	return {
		ocambaApi: {
			...SANDBOX_CREDENTIALS.ocambaApi,
			type: 'ocambaApi',
			data: { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl: urls.ocamba },
		},
		octopushApi: {
			...SANDBOX_CREDENTIALS.octopushApi,
			type: 'octopushApi',
			data: { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${urls.octopush}/v1/public` },
		},
		yetiSwitchApi: {
			...SANDBOX_CREDENTIALS.yetiSwitchApi,
			type: 'yetiSwitchApi',
			// sessionToken empty: n8n logs in (preAuthentication) on first use.
			data: { baseUrl: urls.yeti, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD, sessionToken: '' },
		},
	};
}

/** Every secret the sandbox credentials carry (the suite checks none of them leaks into outputs). */
export const SANDBOX_SECRETS = [OCAMBA_SANDBOX_TOKEN, OCTOPUSH_SANDBOX_KEY, YETI_SANDBOX_PASSWORD];
