/**
 * What the workers know of the n8n the global setup started: its address, its user folder (the installed
 * package), a REST client signed in as the owner, and the sandboxes over their HTTP control routes
 * (`/__sandbox/requests`, `/__sandbox/reset`: the sandboxes live in the runner's main process).
 */
import { N8n } from '../../scripts/n8n/cli';
import type { Provisioned } from '../../scripts/n8n/provision';
import type { RecordedRequest } from '../../sandbox/core';

export const BROWSER_SUITE_ENV = 'N8N_BROWSER_SUITE';

export type Vendor = 'ocamba' | 'octopush' | 'yeti';

export interface SuiteInfo {
	baseUrl: string;
	port: number;
	userFolder: string;
	provisioned: Provisioned;
	sandboxes: Record<Vendor, string>;
}

export function suiteInfo(): SuiteInfo {
	const raw = process.env[BROWSER_SUITE_ENV];
	if (!raw) throw new Error('the global setup did not start n8n');
	return JSON.parse(raw) as SuiteInfo;
}

/** n8n's REST API as the owner. */
export async function ownerRestClient(info: SuiteInfo): Promise<N8n> {
	const n8n = new N8n(info.provisioned, info.userFolder, { log: () => undefined });
	n8n.port = info.port;
	await n8n.ensureOwner();
	return n8n;
}

export class SandboxClient {
	constructor(private readonly urls: Record<Vendor, string>) {}

	async requests(vendor: Vendor): Promise<RecordedRequest[]> {
		const response = await fetch(`${this.urls[vendor]}/__sandbox/requests`);
		return (await response.json()) as RecordedRequest[];
	}

	async resetAll(): Promise<void> {
		await Promise.all(Object.values(this.urls).map((url) => fetch(`${url}/__sandbox/reset`, { method: 'POST' })));
	}
}
