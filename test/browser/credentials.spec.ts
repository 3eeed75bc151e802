/**
 * Issue 17, check 3: each credential's Test, as a person presses it in the credential dialog. With a
 * wrong secret the message names the field to fix (the README promises it); with the sandbox values the
 * test succeeds again.
 */
import { OCAMBA_SANDBOX_TOKEN } from '../../sandbox/ocamba';
import { OCTOPUSH_SANDBOX_KEY } from '../../sandbox/octopush';
import { YETI_SANDBOX_PASSWORD } from '../../sandbox/yeti';
import { MANUAL_TRIGGER, expect, manualTriggerNode, test } from './fixtures';

const CREDENTIALS = [
	{ type: 'ocambaApi', name: 'Ocamba API', node: 'Ocamba', action: 'Get an account', field: 'apiToken', good: OCAMBA_SANDBOX_TOKEN, wrong: /HTTP 401\). Check the API Token field/ },
	{ type: 'octopushApi', name: 'Octopush API', node: 'Octopush', action: 'Get the wallet balance', field: 'apiKey', good: OCTOPUSH_SANDBOX_KEY, wrong: /HTTP 401\). Check the API Login and API Key fields/ },
	{ type: 'yetiSwitchApi', name: 'Yeti-Switch API', node: 'Yeti Switch', action: 'Get an account', field: 'password', good: YETI_SANDBOX_PASSWORD, wrong: /Yeti-Switch login failed: Incorrect login or password\./ },
] as const;

test.describe('Credential test', () => {
	for (const { name, node, action, field, good, wrong } of CREDENTIALS) {
		test(`${name}: a wrong secret names the field to check; the sandbox values pass`, async ({ n8n, api }) => {
			const workflowId = await api.createWorkflow({ name: `credential ${name}`, nodes: [manualTriggerNode()] });
			await n8n.workflows.addAfterTrigger(workflowId, MANUAL_TRIGGER, node, action);
			await n8n.credentials.openFromNode();

			await n8n.credentials.changeAndTest({ [field]: 'wrong-secret-value' });
			await n8n.credentialModal.showTestErrorDetails();
			await expect(n8n.credentialModal.getTestError()).toContainText(wrong);
			await expect(n8n.credentialModal.getTestSuccess()).toBeHidden();

			await n8n.credentials.changeAndTest({ [field]: good });
			await expect(n8n.credentialModal.getTestSuccess()).toBeVisible();
			await expect(n8n.credentialModal.getTestError()).toBeHidden();
		});

	}

	// Whatever a test left in a credential, the next tests find it with the sandbox values.
	test.afterEach(async ({ api }) => {
		for (const { type } of CREDENTIALS) await api.restoreSandboxCredential(type);
	});
});
