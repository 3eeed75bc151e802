/** Dropdowns filled from the user's Ocamba account. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { KNOWN_PROVIDERS } from '../actions/integration/providers';
import { ocambaList, ocambaRequest } from '../transport';

function builtInProviders(): INodePropertyOptions[] {
	return KNOWN_PROVIDERS.map((p) => ({ name: `${p.name} (${p.type}, ID ${p.id})`, value: p.id, description: `Settings: ${p.settings.map((s) => s.key).join(', ')}` }));
}

/**
 * The Hood providers available to this account (GET /v1/hood/providers), with their setting names,
 * so "Other (by ID)" can pick one the node does not know yet (such as Telegram). When the list cannot
 * be loaded (no permission, network), the providers the node knows are offered instead.
 */
export async function getProviders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let providers: unknown;
	try {
		providers = await ocambaRequest.call(this, { method: 'GET', path: '/v1/hood/providers' });
	} catch {
		return builtInProviders();
	}
	const list = (Array.isArray(providers) ? providers : ((providers as IDataObject)?.items ?? [])) as IDataObject[];
	if (!Array.isArray(list) || list.length === 0) return builtInProviders();
	return list
		.filter((p) => p && p.id !== undefined && p.id !== null)
		.map((p) => {
			const settings = Array.isArray(p.settings) ? (p.settings as IDataObject[]) : [];
			const names = settings.filter((s) => !s.deprecated).map((s) => `${s.name}${s.required ? '' : ' (optional)'}`);
			return {
				name: `${String(p.name ?? `Provider ${p.id}`)}${p.type ? ` (${String(p.type)}, ID ${String(p.id)})` : ` (ID ${String(p.id)})`}`,
				value: String(p.id),
				description: names.length ? `Settings: ${names.join(', ')}` : undefined,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The account's SMS integrations (GET /v1/hood/integrations?type=sms, every page), for Send SMS.
 * An error (a wrong token...) is shown in the dropdown as it is: a list that silently falls back would
 * let the user pick an integration that does not exist.
 */
export async function getSmsIntegrations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const integrations = await ocambaList.call(this, '/v1/hood/integrations', { type: 'sms' }, { returnAll: true, limit: 0, byId: true });
	return integrations
		.filter((i) => i.id !== undefined && i.id !== null)
		.map((i) => {
			const provider = KNOWN_PROVIDERS.find((p) => p.id === String(i.provider_id))?.name ?? `provider ${String(i.provider_id ?? '?')}`;
			const inactive = i.status && i.status !== 'active' ? `, ${String(i.status)}` : '';
			return { name: `${String(i.name ?? `Integration ${String(i.id)}`)} (${provider}, ID ${String(i.id)}${inactive})`, value: String(i.id) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
