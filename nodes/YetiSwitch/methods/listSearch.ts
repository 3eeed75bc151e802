/**
 * Searchable lists for relationship fields ("Contractor", "Account", ...): one method per JSON:API
 * type with an index route, searching by name where the route can filter by it.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { YETI_ROUTES, type YetiRoute } from '../catalogue';
import { searchMethodName } from '../actions/common/curated';
import { csvValue } from '../actions/common/fields';
import { yetiRequest } from '../transport';

const PAGE_SIZE = 100;
const LABEL_FIELDS = ['name', 'email', 'key', 'prefix', 'reference', 'host'];

function searchFilter(route: YetiRoute, text: string): Record<string, string> {
	if (!text) return {};
	// A comma in the search text is part of it: quoted, as the server CSV-parses filter values.
	if (route.ransack.some(([field, type]) => field === 'name' && type === 'string')) return { 'filter[name_cont]': csvValue(text) };
	if (route.filters.includes('name')) return { 'filter[name]': csvValue(text) };
	return {};
}

function searchFor(route: YetiRoute) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1) || 1;
		const qs: Record<string, string | number> = { ...searchFilter(route, (filter ?? '').trim()) };
		if (route.paginated) Object.assign(qs, { 'page[number]': page, 'page[size]': PAGE_SIZE });
		const document = await yetiRequest<{ data?: Array<{ id: string; attributes?: Record<string, unknown>; links?: { self?: string } }>; meta?: { 'total-count'?: number } }>(this, {
			method: 'GET',
			path: route.path,
			qs,
		});
		const data = Array.isArray(document.data) ? document.data : [];
		const results = data.map((record) => {
			const label = LABEL_FIELDS.map((f) => record.attributes?.[f]).find((v) => typeof v === 'string' && v);
			return { name: label ? `${String(label)} (#${record.id})` : `#${record.id}`, value: record.id };
		});
		const total = Number(document.meta?.['total-count'] ?? 0);
		const more = route.paginated && page * PAGE_SIZE < total;
		return { results, paginationToken: more ? String(page + 1) : undefined };
	};
}

export const listSearch: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = Object.fromEntries(
	// Keyed by the JSON:API type relationships point to; the request goes to the route (invoice-templates live at /invoice-template).
	YETI_ROUTES.filter((route) => !route.path.includes('/') && route.ops.includes('index')).map((route) => [searchMethodName(route.type), searchFor(route)]),
);
