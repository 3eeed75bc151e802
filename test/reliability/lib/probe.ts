/**
 * A minimal node for testing the shared layer itself: each item sends the request a test builds
 * (through the shared request layer and the shared per-item runner), with the Octopush credential
 * type for its headers. Retries wait 5 ms and the rate-limit floor 50 ms, so fault tests take no time.
 */
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { apiRequest, type ApiRequest, type RequestSettings, type VendorProfile } from '../../../nodes/shared/http';
import { runForEachItem } from '../../../nodes/shared/execute';
import { readRequestSettings, requestOptionsProperty } from '../../../nodes/shared/options';
import { testNodeDescription } from '../../harness/test-node';

export const probeProfile: VendorProfile = {
	vendor: 'Probe',
	credentialType: 'octopushApi',
	describeError: (_status, body) => {
		const b = body as { message?: string; code?: number; details?: IDataObject } | undefined;
		return b?.message ? { message: b.message, details: { ...(b.code === undefined ? {} : { code: b.code }), ...(b.details ?? {}) } } : undefined;
	},
	hints: { unauthorized: 'Check the probe key.' },
};

/** What a test sends for one item: the request without its base URL (`path` instead of `url`). */
export type ProbeRequest = Omit<ApiRequest, 'url'> & { path: string };

/**
 * The node's execute() is made per instance: n8n calls it with its own context as `this`, so the
 * request builder and settings of this probe reach it through the closure.
 */
export function probeNode(build: (itemIndex: number, item: IDataObject) => ProbeRequest, settings: Partial<RequestSettings> = {}): INodeType {
	return {
		description: testNodeDescription('probe', { credential: 'octopushApi', properties: [requestOptionsProperty] }),
		async execute(this: IExecuteFunctions) {
			const resolved = { ...readRequestSettings(this), retryDelayMs: 5, minRateLimitWaitMs: 50, ...settings };
			const credentials = await this.getCredentials('octopushApi');
			const items = this.getInputData();
			return [
				await runForEachItem(this, async (itemIndex) => {
					const { path, ...request } = build(itemIndex, items[itemIndex].json);
					const response = await apiRequest.call(this, probeProfile, { ...request, url: `${String(credentials.baseUrl).replace(/\/$/, '')}${path}`, itemIndex }, resolved);
					return (response.body ?? { done: true }) as IDataObject;
				}),
			];
		},
	};
}
