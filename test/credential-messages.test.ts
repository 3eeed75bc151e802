/**
 * What a person reads after pressing Test on a credential with a wrong value (issue 17): the message
 * names the field to check, for a wrong secret (401), a refused one (403) and a wrong base URL (404).
 * Run the way n8n's CredentialsTester does (test/harness/credential-test.ts), against the sandboxes.
 */
import { startSandboxes, type Sandboxes } from '../sandbox';
import { OCAMBA_SANDBOX_TOKEN } from '../sandbox/ocamba';
import { OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN } from '../sandbox/octopush';
import { testCredential } from './harness/credential-test';

let sandboxes: Sandboxes;
beforeAll(async () => {
	sandboxes = await startSandboxes();
});
afterAll(async () => sandboxes.stop());

describe('Ocamba API', () => {
	test('a wrong token names the API Token field', async () => {
		const result = await testCredential('ocambaApi', { apiToken: 'not-a-token', baseUrl: sandboxes.ocamba.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 401.*API Token field/);
	});

	test('a base URL with a path names the Base URL field', async () => {
		const result = await testCredential('ocambaApi', { apiToken: OCAMBA_SANDBOX_TOKEN, baseUrl: `${sandboxes.ocamba.url}/v2` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 404.*Base URL field.*https:\/\/api\.ocamba\.com/);
	});
});

describe('Octopush API', () => {
	test('a wrong key names the API Login and API Key fields', async () => {
		const result = await testCredential('octopushApi', { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: 'wrong-key', baseUrl: `${sandboxes.octopush.url}/v1/public` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 401.*API Login and API Key fields/);
	});

	test('a base URL without /v1/public names the Base URL field', async () => {
		const result = await testCredential('octopushApi', { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: sandboxes.octopush.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 404.*Base URL field.*\/v1\/public/);
	});
});
