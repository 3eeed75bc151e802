/**
 * Issue 17, check 1: the node panel search finds our nodes with their icons, each node lists its actions
 * by resource, the trigger its events, and the AI Agent's tool panel offers the tool variants.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { MANUAL_TRIGGER, expect, manualTriggerNode, test } from './fixtures';
import { installedDescription, resourcesOf } from './descriptions';

const OUR_ICON = /^\/icons\/n8n-nodes-ocamba-octopush-yeti\/dist\/nodes\/.+\.svg$/;

/** The Octopush Trigger's events as the installed package labels them for the node panel. */
function triggerEvents(userFolder: string): string[] {
	const events = installedDescription(userFolder, 'OctopushTrigger').properties.find((property) => property.name === 'events');
	return ((events?.options ?? []) as INodePropertyOptions[]).map((event) => String(event.action));
}

interface ImageState {
	complete: boolean;
	naturalWidth: number;
}

test.describe('Node panel', () => {
	test('search finds Ocamba, Octopush and Yeti Switch with their icons; Octopush offers its trigger events first', async ({ n8n, suite }) => {
		await n8n.canvas.openNewWorkflow();
		await n8n.canvas.clickCanvasPlusButton();
		for (const [search, name] of [
			['Ocamba', 'Ocamba'],
			['Octopush', 'Octopush'],
			['Yeti', 'Yeti Switch'],
		] as const) {
			await n8n.nodeCreator.searchFor(search);
			await expect(n8n.nodeCreator.getNodeItem(name)).toBeVisible();
			const icon = n8n.nodeCreator.getNodeItemIcon(name);
			await expect(icon).toHaveAttribute('src', OUR_ICON);
			// Loaded, not a broken image.
			await expect.poll(() => icon.evaluate((image) => (image as unknown as ImageState).complete && (image as unknown as ImageState).naturalWidth > 0)).toBe(true);
		}
		// On an empty canvas the panel asks for a trigger: Octopush (its node and its trigger are one entry)
		// offers the Octopush Trigger's events.
		await n8n.nodeCreator.searchFor('Octopush');
		await n8n.nodeCreator.selectNode('Octopush');
		// Each event as a person says it ("On inbound SMS", not n8n's lower-cased "On inbound sms").
		const events = triggerEvents(suite.userFolder);
		expect(events).toEqual(expect.arrayContaining(['On delivery report', 'On inbound SMS', 'On STOP request']));
		for (const event of events) await expect(n8n.nodeCreator.getActionItem(event)).toBeVisible();
	});

	for (const [node, name] of [
		['Ocamba', 'Ocamba'],
		['Octopush', 'Octopush'],
		['YetiSwitch', 'Yeti Switch'],
	] as const) {
		test(`${name} lists every action of every resource`, async ({ n8n, api, suite }) => {
			const workflowId = await api.createWorkflow({ name: `panel ${name}`, nodes: [manualTriggerNode()] });
			await n8n.canvas.openWorkflow(workflowId);
			await n8n.canvas.clickOutputPlus(MANUAL_TRIGGER);
			await n8n.nodeCreator.searchFor(name);
			await n8n.nodeCreator.selectNode(name);
			const expected = resourcesOf(installedDescription(suite.userFolder, node)).flatMap(({ operations }) => operations.map((operation) => operation.action ?? operation.name));
			expect(expected.length).toBeGreaterThan(5);
			// The panel renders a long list in batches: wait until every action is there.
			await expect.poll(() => n8n.nodeCreator.actionListTexts()).toEqual(expect.arrayContaining(expected));
		});
	}

	test('the AI Agent tool panel offers Ocamba Tool, Octopush Tool and Yeti Switch Tool, each with its icon', async ({ n8n }) => {
		await n8n.canvas.openNewWorkflow();
		await n8n.workflows.addFirstNode('AI Agent', 'AI Agent');
		await n8n.ndv.close();
		await n8n.canvas.clickInputPlus('AI Agent', 'ai_tool');
		for (const [search, tool] of [
			['Ocamba', 'Ocamba Tool'],
			['Octopush', 'Octopush Tool'],
			['Yeti', 'Yeti Switch Tool'],
		] as const) {
			await n8n.nodeCreator.searchFor(search);
			await expect(n8n.nodeCreator.getNodeItem(tool)).toBeVisible();
			await expect(n8n.nodeCreator.getNodeItemIcon(tool)).toHaveAttribute('src', OUR_ICON);
		}
		// A trigger is no tool.
		await n8n.nodeCreator.searchFor('Octopush');
		await expect(n8n.nodeCreator.getNodeItem('Octopush Trigger Tool')).toHaveCount(0);
	});
});
