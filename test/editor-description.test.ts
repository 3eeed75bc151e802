/**
 * What the editor shows from our descriptions, checked without a browser (the browser suite checks
 * the same on screen): node subtitles read as a person says them, and every Docs link of a node or a
 * credential leads to an existing section of the README in the package's repository.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialType, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { OcambaApi } from '../credentials/OcambaApi.credentials';
import { OctopushApi } from '../credentials/OctopushApi.credentials';
import { YetiSwitchApi } from '../credentials/YetiSwitchApi.credentials';
import { Ocamba } from '../nodes/Ocamba/Ocamba.node';
import { Octopush } from '../nodes/Octopush/Octopush.node';
import { OctopushTrigger } from '../nodes/Octopush/OctopushTrigger.node';
import { YetiSwitch } from '../nodes/YetiSwitch/YetiSwitch.node';

const root = join(__dirname, '..');
const homepage = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage: string }).homepage;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens (github-slugger's rule). */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

const readmeAnchors = new Set(
	readFileSync(join(root, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => slug(line.replace(/^#+ /, ''))),
);

const nodes: INodeType[] = [new Ocamba(), new Octopush(), new OctopushTrigger(), new YetiSwitch()];
const credentials: ICredentialType[] = [new OcambaApi(), new OctopushApi(), new YetiSwitchApi()];

describe('Docs links lead to the README section of the node or credential', () => {
	const links = [
		...nodes.map((node) => [node.description.displayName, node.description.documentationUrl] as const),
		...credentials.map((credential) => [credential.displayName, credential.documentationUrl] as const),
	];
	test.each(links)('%s', (_name, url) => {
		const [page, anchor] = String(url).split('#');
		expect(page).toBe(`${homepage}/blob/main/README.md`);
		expect([...readmeAnchors]).toContain(anchor);
	});
});

function subtitleOf(node: INodeType, parameters: Record<string, string>): unknown {
	const instance = { id: '1', name: 'Node', type: `test.${node.description.name}`, typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({
		nodes: [instance],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) } as never,
	});
	return workflow.expression.getParameterValue(String(node.description.subtitle), null, 0, 0, 'Node', [], 'internal', {});
}

function operationChoices(properties: INodeProperties[]): Array<{ resource: string; option: INodePropertyOptions }> {
	return properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((property) =>
			((property.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
				((property.options ?? []) as INodePropertyOptions[]).map((option) => ({ resource, option })),
			),
		);
}

describe.each([new Ocamba(), new Octopush()])('$description.displayName subtitle', (node) => {
	test('shows the action as the node panel words it, for every resource and operation', () => {
		const choices = operationChoices(node.description.properties);
		expect(choices.length).toBeGreaterThan(5);
		for (const { resource, option } of choices) {
			expect(subtitleOf(node, { resource, operation: String(option.value) })).toBe(option.action ?? option.name);
		}
	});

	test('never shows an internal value', () => {
		const { resource, option } = operationChoices(node.description.properties).find((choice) => /[a-z][A-Z]/.test(String(choice.option.value)))!;
		const subtitle = String(subtitleOf(node, { resource, operation: String(option.value) }));
		expect(subtitle).not.toContain(String(option.value));
		expect(subtitle).not.toContain(':');
	});
});

describe('Octopush Trigger events in the node panel', () => {
	// n8n lists a trigger's events as "On " + the option's `action`, or else its name lower-cased ("On inbound sms").
	const events = (new OctopushTrigger().description.properties.find((property) => property.name === 'events')?.options ?? []) as INodePropertyOptions[];

	test('each event is worded as a person says it, acronyms kept: "On inbound SMS", "On STOP request"', () => {
		expect(events.map((event) => [event.value, event.action])).toEqual([
			['deliveryReport', 'On delivery report'],
			['inboundSms', 'On inbound SMS'],
			['other', 'On other callback'],
			['stop', 'On STOP request'],
		]);
	});

	test('every upper-case word of an event name stays upper-case in its panel label', () => {
		for (const event of events) {
			for (const acronym of event.name.match(/\b[A-Z]{2,}\b/g) ?? []) expect(event.action).toContain(acronym);
		}
	});
});
