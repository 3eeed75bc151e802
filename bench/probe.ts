/**
 * A minimal node built only from the shared layer (runForEachItem + apiRequest), and the route it
 * calls, so the bench can tell the shared layer's cost apart from a vendor's own code.
 */
import type { IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runForEachItem } from '../nodes/shared/execute';
import { apiRequest, joinUrl, type VendorProfile } from '../nodes/shared/http';
import { readRequestSettings, requestOptionsProperty } from '../nodes/shared/options';
import type { Sandbox } from '../sandbox/core';
import { testNodeDescription } from '../test/harness/test-node';

const profile: VendorProfile = {
	vendor: 'Probe',
	credentialType: 'octopushApi',
	describeError: (_status, body) => {
		const message = (body as { message?: string } | undefined)?.message;
		return message ? { message } : undefined;
	},
	hints: { unauthorized: 'Check the probe key.' },
};

export class Probe implements INodeType {
	description: INodeTypeDescription = testNodeDescription('probe', {
		credential: 'octopushApi',
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			requestOptionsProperty,
		],
	});

	async execute(this: IExecuteFunctions) {
		const settings = readRequestSettings(this);
		const credentials = await this.getCredentials('octopushApi');
		const url = joinUrl(String(credentials.baseUrl), '/probe/items');
		return [
			await runForEachItem(this, async (itemIndex) => {
				const name = this.getNodeParameter('name', itemIndex) as string;
				const response = await apiRequest.call(this, profile, { method: 'POST', url, body: { name }, itemIndex }, settings);
				return response.body as IDataObject;
			}),
		];
	}
}

/** The probe's only route: echoes the body with an id, like a create. */
export function addProbeRoutes(sandbox: Sandbox) {
	let next = 1;
	sandbox.app.post('/probe/items', async (request, reply) => {
		const body = JSON.parse(String(request.body || '{}')) as IDataObject;
		return reply.code(201).send({ id: String(next++), ...body });
	});
	sandbox.onReset(() => {
		next = 1;
	});
}
