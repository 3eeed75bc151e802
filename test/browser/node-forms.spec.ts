/**
 * Issue 17, check 2: each node's form as a person fills it. Every resource lists its operations; one
 * operation per resource shows the fields the README documents; the Ocamba provider choice shows exactly
 * that provider's settings; the Yeti resource locators list the sandbox's records; loaded lists are not
 * empty; the canvas subtitle and the Docs link read as a person expects. Each node's main form is
 * photographed for the README (UPDATE_DOCS_IMAGES=1 writes docs/images/).
 */
import { join } from 'path';

import { MANUAL_TRIGGER, expect, manualTriggerNode, test } from './fixtures';
import { installedDescription, resourcesOf, type OurNode } from './descriptions';

const README = 'https://github.com/n8n-nodes-ocamba-octopush-yeti/n8n-nodes-ocamba-octopush-yeti/blob/main/README.md';
const DOCS_IMAGES = join(__dirname, '..', '..', 'docs', 'images');

/** For one operation of each resource: the fields the README documents for it (parameter names). */
const DOCUMENTED_FIELDS: Record<OurNode, Record<string, { operation: string; fields: string[] }>> = {
	Ocamba: {
		account: { operation: 'Create', fields: ['name', 'status'] },
		accountContact: { operation: 'Create', fields: ['accountId', 'type', 'value'] },
		integration: { operation: 'Create', fields: ['name', 'status', 'provider'] },
	},
	Octopush: {
		contact: { operation: 'Create', fields: ['phoneNumber', 'listName'] },
		contactList: { operation: 'Create', fields: ['listName'] },
		otp: { operation: 'Generate', fields: ['channel'] },
		phoneNumber: { operation: 'HLR Lookup', fields: ['phoneNumbers'] },
		sms: { operation: 'Send', fields: ['sendMode', 'phoneNumber', 'text', 'type', 'sender', 'purpose'] },
		subAccount: { operation: 'Create', fields: ['firstName', 'lastName', 'password'] },
		voiceSms: { operation: 'Send', fields: ['phoneNumber', 'text', 'voiceGender', 'voiceLanguage'] },
		wallet: { operation: 'Get Balance', fields: ['withDetails'] },
	},
	OctopushTrigger: {},
	YetiSwitch: {
		account: { operation: 'Create', fields: ['name', 'minBalance', 'maxBalance', 'contractor'] },
		contractor: { operation: 'Create', fields: ['name'] },
		customersAuth: { operation: 'Create', fields: ['name', 'customer', 'rateplan', 'ip', 'account', 'gateway', 'routingPlan'] },
		payment: { operation: 'Create', fields: ['account', 'amount'] },
		invoice: { operation: 'Create', fields: ['startDate', 'endDate', 'account'] },
	},
};

/** Each Ocamba provider and the settings it (and only it) asks for. */
const OCAMBA_PROVIDER_SETTINGS: Record<string, string[]> = {
	'Twilio (SMS)': ['twilioAccountSid', 'twilioAuthToken', 'twilioDefaultPhoneNumber'],
	'Custom SMTP (Email)': ['smtpDefaultSenderEmail', 'smtpDefaultSenderName', 'smtpSendingDomain', 'smtpPort', 'smtpUsername', 'smtpPassword'],
	'Mandrill / Mailchimp Transactional (Email)': ['mandrillApiKey', 'mandrillDefaultSenderName', 'mandrillDefaultSenderEmail', 'mandrillDefaultReplyToEmail'],
	'SendGrid (Email)': ['sendGridApiKey', 'sendGridDefaultSenderName', 'sendGridDefaultSenderEmail', 'sendGridDefaultReplyToEmail'],
	'Mitto (SMS)': ['mittoApiKey', 'mittoSenderName'],
	'Mailgun (Email)': ['mailgunApiKey', 'mailgunDomain', 'mailgunSenderEmail', 'mailgunSenderName'],
	'Other (by ID)': ['providerId', 'settingsJson'],
};

const NODES = [
	{ node: 'Ocamba', name: 'Ocamba', action: 'Create an account', image: 'ocamba-create-account.png', anchor: 'ocamba' },
	{ node: 'Octopush', name: 'Octopush', action: 'Send an SMS', image: 'octopush-send-sms.png', anchor: 'octopush' },
	{ node: 'YetiSwitch', name: 'Yeti Switch', action: 'Create an account', image: 'yeti-switch-create-account.png', anchor: 'yeti-switch' },
] as const;

test.describe('Node forms', () => {
	for (const { node, name, action, image, anchor } of NODES) {
		test(`${name}: every resource lists its operations and shows its documented fields`, async ({ n8n, api, suite }) => {
			// Yeti Switch has 18 resources, each a few dropdowns: minutes on a busy machine.
			test.setTimeout(600_000);
			const workflowId = await api.createWorkflow({ name: `forms ${name}`, nodes: [manualTriggerNode()] });
			await n8n.workflows.addAfterTrigger(workflowId, MANUAL_TRIGGER, name, action);
			await expect(n8n.ndv.getDocsLink()).toHaveAttribute('href', `${README}#${anchor}`);
			await n8n.ndv.getParameters().screenshot({ path: process.env.UPDATE_DOCS_IMAGES ? join(DOCS_IMAGES, image) : test.info().outputPath(image) });

			for (const { resource, operations } of resourcesOf(installedDescription(suite.userFolder, node))) {
				await n8n.ndv.chooseOption('resource', resource.name);
				const listed = await n8n.ndv.optionNamesOf('operation');
				if (operations.length) expect(listed, resource.name).toEqual(operations.map((operation) => operation.name));
				// Operations loaded from the server (Yeti "Other Admin Route"): a list, never empty.
				else expect(listed.length, `${resource.name}: loaded operations`).toBeGreaterThan(0);

				const documented = DOCUMENTED_FIELDS[node][String(resource.value)];
				if (!documented) continue;
				await n8n.ndv.chooseOption('operation', documented.operation);
				expect(await n8n.ndv.visibleParameterNames(), `${resource.name} → ${documented.operation}`).toEqual(expect.arrayContaining(documented.fields));
			}

		});
	}

	test('the canvas subtitle reads as the node panel words the action, never the internal values', async ({ n8n, api }) => {
		// Named by hand, as a person renames steps: n8n then keeps the name, and the subtitle alone tells the action.
		const node = (name: string, type: string, parameters: Record<string, unknown>, x: number) => ({ id: name, name, type, typeVersion: 1, position: [x, 0], parameters });
		const workflowId = await api.createWorkflow({
			name: 'subtitles',
			nodes: [
				manualTriggerNode(),
				node('Accounts', 'n8n-nodes-ocamba-octopush-yeti.ocamba', { resource: 'account', operation: 'getAll' }, 240),
				node('Balance', 'n8n-nodes-ocamba-octopush-yeti.octopush', { resource: 'wallet', operation: 'getBalance' }, 480),
				node('Contractors', 'n8n-nodes-ocamba-octopush-yeti.yetiSwitch', { resource: 'contractor', operation: 'getAll' }, 720),
			],
		});
		await n8n.canvas.openWorkflow(workflowId);
		await expect(n8n.canvas.nodeLabel('Accounts')).toContainText('Get many accounts');
		await expect(n8n.canvas.nodeLabel('Accounts')).not.toContainText('getAll');
		await expect(n8n.canvas.nodeLabel('Balance')).toContainText('Get the wallet balance');
		await expect(n8n.canvas.nodeLabel('Balance')).not.toContainText('getBalance');
		// Once "getAll: contractor".
		await expect(n8n.canvas.nodeLabel('Contractors')).toContainText('Get many contractors');
		await expect(n8n.canvas.nodeLabel('Contractors')).not.toContainText('getAll');
	});

	test('Ocamba: each provider shows exactly its own settings, and the provider list is loaded', async ({ n8n, api }) => {
		const workflowId = await api.createWorkflow({ name: 'forms Ocamba providers', nodes: [manualTriggerNode()] });
		await n8n.workflows.addAfterTrigger(workflowId, MANUAL_TRIGGER, 'Ocamba', 'Create an integration');
		const common = await n8n.ndv.visibleParameterNames();
		const commonFields = common.filter((name) => !Object.values(OCAMBA_PROVIDER_SETTINGS).flat().includes(name));
		expect(await n8n.ndv.optionNamesOf('provider')).toEqual(Object.keys(OCAMBA_PROVIDER_SETTINGS));
		for (const [provider, settings] of Object.entries(OCAMBA_PROVIDER_SETTINGS)) {
			await n8n.ndv.chooseOption('provider', provider);
			const shown = (await n8n.ndv.visibleParameterNames()).filter((name) => !commonFields.includes(name));
			expect(shown, provider).toEqual(settings);
		}
		// "Other (by ID)": the provider list comes from Ocamba (load options) and is not empty.
		const providers = await n8n.ndv.optionNamesOf('providerId');
		expect(providers.length).toBeGreaterThan(0);
		expect(providers.join(' ')).toMatch(/Twilio/);
	});

	test('Yeti Switch: resource locators list the records of the server', async ({ n8n, api }) => {
		const workflowId = await api.createWorkflow({ name: 'forms Yeti locators', nodes: [manualTriggerNode()] });
		await n8n.workflows.addAfterTrigger(workflowId, MANUAL_TRIGGER, 'Yeti Switch', 'Create an account');
		const contractors = await n8n.ndv.resourceLocatorEntries('contractor');
		// The sandbox's seeded contractors (sandbox/yeti/seed.ts), as Yeti would list them.
		expect(contractors.join('\n')).toContain('Acme Telecom');
		expect(contractors.join('\n')).toContain('Demo Customer');
		// As a person does: pick one (the list closes and the field shows it).
		await n8n.ndv.chooseResourceLocatorEntry('contractor', 'Acme Telecom');
		await n8n.ndv.chooseOption('resource', 'Customers Auth');
		await n8n.ndv.chooseOption('operation', 'Create');
		expect((await n8n.ndv.resourceLocatorEntries('rateplan')).join('\n')).toContain('Wholesale');
		await n8n.ndv.chooseResourceLocatorEntry('rateplan', 'Wholesale');
		expect((await n8n.ndv.resourceLocatorEntries('routingPlan')).join('\n')).toContain('Least cost');
		await n8n.ndv.chooseResourceLocatorEntry('routingPlan', 'Least cost');
	});
});
