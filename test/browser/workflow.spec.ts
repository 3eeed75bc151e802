/**
 * Issue 17, check 4: a workflow built from scratch in the editor (Manual Trigger → Yeti Switch Create a
 * contractor → Create an account with the contractor mapped by expression → Octopush Send an SMS in
 * simulation mode) runs, and the output panel shows the records; an invalid phone number shows the
 * node's own error, naming the item.
 */
import { EXECUTION_TIMEOUT, MANUAL_TRIGGER, expect, manualTriggerNode, test } from './fixtures';

test.describe('A workflow built in the editor', () => {
	test('onboards a customer: contractor, account mapped to it, welcome SMS in simulation', async ({ n8n, sandboxes }) => {
		await n8n.canvas.openNewWorkflow();
		await n8n.workflows.addManualTrigger();

		await n8n.workflows.addNodeAfter(MANUAL_TRIGGER, 'Yeti', 'Yeti Switch', 'Create a contractor');
		await n8n.ndv.fillParameter('name', 'Nova Telecom');
		// Customer is a field of its own (the server requires enabled/customer/vendor on create).
		await n8n.ndv.setSwitch('customer', true);
		await n8n.ndv.close();

		await n8n.workflows.addNodeAfter('Create a contractor', 'Yeti', 'Yeti Switch', 'Create an account');
		await n8n.ndv.fillParameter('name', 'Nova main');
		await n8n.ndv.fillParameter('minBalance', '0');
		await n8n.ndv.fillParameter('maxBalance', '5000');
		// Yeti-Switch 1.14.72 and later require a currency on new accounts (the sandbox plays 1.15.38).
		await n8n.ndv.fillParameter('currency', 'USD');
		// Mapped as a person does it: the steps before run (their output is this step's input), then the
		// contractor's id as an expression, which the field previews (the seeded contractors are 1–5 in
		// sandbox/yeti/seed.ts: the one the preview created is 6). The preview also shows the editor stored it.
		await n8n.ndv.executePreviousNodes();
		await expect(n8n.ndv.getInputPanel()).toContainText('Nova Telecom', { timeout: EXECUTION_TIMEOUT });
		await n8n.ndv.setResourceLocatorMode('contractor', 'By ID');
		await n8n.ndv.fillExpression('contractor', '$json.id');
		await expect(n8n.ndv.getExpressionPreview('contractor')).toHaveText('6');
		await n8n.ndv.close();
		// That preview run created "Nova Telecom" in Yeti, which refuses a second contractor of the same name
		// (422 "name: has already been taken", as the real server): back to the seeded sandbox for the real run.
		await sandboxes.resetAll();

		await n8n.workflows.addNodeAfter('Create an account', 'Octopush', 'Octopush', 'Send an SMS');
		// A notification from a workflow: the form starts on Purpose "Alert (Transactional)" (sent at any hour, no
		// STOP mention added), not marketing.
		await expect(n8n.ndv.getSelect('purpose')).toHaveValue('Alert (Transactional)');
		await n8n.ndv.fillParameter('phoneNumber', '+33600000001');
		await n8n.ndv.fillParameter('text', 'Welcome to Nova Telecom');
		await n8n.ndv.addCollectionOption('Options', 'Simulation Mode');
		await n8n.ndv.setSwitch('simulationMode', true);
		await n8n.ndv.close();

		await n8n.canvas.executeWorkflow();
		await expect(n8n.canvas.nodeSuccess('Send an SMS')).toBeVisible({ timeout: EXECUTION_TIMEOUT });

		// What the vendors received: the account belongs to the contractor just created; the SMS is a simulation.
		const yeti = await sandboxes.requests('yeti');
		const contractor = yeti.find((request) => request.method === 'POST' && request.path.endsWith('/contractors'));
		const account = yeti.find((request) => request.method === 'POST' && request.path.endsWith('/accounts'));
		const sms = (await sandboxes.requests('octopush')).find((request) => request.method === 'POST' && request.path.endsWith('/sms-campaign/send'));
		expect(JSON.stringify(contractor?.body)).toContain('Nova Telecom');
		// Contractor 6 again (the id's wire form, a number as in Yeti's own example, is the unit suites' concern:
		// here, that the mapping reached the request).
		const linked = (account?.body as { data?: { relationships?: { contractor?: { data?: { type?: string; id?: unknown } } } } })?.data?.relationships?.contractor?.data;
		expect(linked?.type).toBe('contractors');
		expect(String(linked?.id)).toBe('6');
		expect(sms?.body).toMatchObject({ simulation_mode: true, text: 'Welcome to Nova Telecom', purpose: 'alert' });

		// What the person sees: the records in the output panels.
		await n8n.canvas.openNode('Create an account');
		await n8n.ndv.showOutputAsJson();
		await expect(n8n.ndv.getOutputData()).toContainText('Nova main');
		await n8n.ndv.close();
		await n8n.canvas.openNode('Send an SMS');
		await n8n.ndv.showOutputAsJson();
		await expect(n8n.ndv.getOutputData()).toContainText('+33600000001');
	});

	test("an invalid phone number shows the node's own error on the right item", async ({ n8n, api }) => {
		const send = {
			id: 'send-sms',
			name: 'Send an SMS',
			type: 'n8n-nodes-ocamba-octopush-yeti.octopush',
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'sms', operation: 'send', phoneNumber: '={{ $json.phone }}', text: 'Your code is 1234', options: { simulationMode: true } },
			credentials: { octopushApi: { id: 'octopushSandbo01', name: 'Octopush (sandbox)' } },
		};
		const workflowId = await api.createWorkflow({
			name: 'invalid phone',
			nodes: [manualTriggerNode(), send],
			connections: { [MANUAL_TRIGGER]: { main: [[{ node: 'Send an SMS', type: 'main', index: 0 }]] } },
			// Two people to text, as a previous step would hand them over; the second number is wrong.
			pinData: { [MANUAL_TRIGGER]: [{ json: { phone: '+33600000001' } }, { json: { phone: '12345' } }] },
		} as never);
		await n8n.canvas.openWorkflow(workflowId);
		await n8n.canvas.executeWorkflow();
		await n8n.canvas.openNode('Send an SMS');
		await expect(n8n.ndv.getOutputError()).toContainText('"Phone Number" is not an international phone number', { timeout: EXECUTION_TIMEOUT });
		await expect(n8n.ndv.getOutputError()).toContainText('[item 1]');
	});
});
