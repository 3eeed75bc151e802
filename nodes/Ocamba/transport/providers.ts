/**
 * GET /v1/hood/providers: the providers this account may use and their settings
 * (docs.ocamba.com/api/hood/v1.0/view-providers). Read at most once per execution, and only when a
 * provider the node does not know is involved.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { ocambaRequest } from './request';
import type { SettingDescriptor } from './secrets';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

const byContext = new WeakMap<object, Promise<IDataObject[]>>();

/** The list as an array (it is documented as a list; a `{total, items}` wrapper is accepted too). */
export function providerList(body: unknown): IDataObject[] {
	const list = Array.isArray(body) ? body : (body as IDataObject | undefined)?.items;
	return Array.isArray(list) ? (list as unknown[]).filter((p): p is IDataObject => typeof p === 'object' && p !== null && !Array.isArray(p)) : [];
}

/** The providers, or an empty list when they cannot be read (no permission, network): callers fall back. */
export function hoodProviders(this: Context): Promise<IDataObject[]> {
	let cached = byContext.get(this);
	if (!cached) {
		cached = ocambaRequest.call(this, { method: 'GET', path: '/v1/hood/providers' }).then(providerList, () => []);
		byContext.set(this, cached);
	}
	return cached;
}

/** One provider's settings as the list describes them; undefined when the list does not have it. */
export async function providerSettingDescriptors(this: Context, providerId: string): Promise<SettingDescriptor[] | undefined> {
	const provider = (await hoodProviders.call(this)).find((p) => String(p.id) === providerId);
	if (!provider || !Array.isArray(provider.settings)) return undefined;
	return (provider.settings as IDataObject[])
		.filter((s) => typeof s?.name === 'string')
		.map((s) => ({ name: s.name as string, title: typeof s.title === 'string' ? s.title : undefined, type: typeof s.type === 'string' ? s.type : undefined, required: s.required === true }));
}
