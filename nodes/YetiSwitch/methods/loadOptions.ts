/** Dropdowns filled from the catalogue for the route chosen (Other Admin Route) or the resource's route. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { YETI_ROUTES_BY_PATH, type YetiRoute } from '../catalogue';
import { CURATED_ROUTES, sortFieldOptions } from '../actions/common/curated';
import { filterChoices, filterFieldOptions, humanize, writableFields } from '../actions/common/fields';
import { isSecretAttribute } from '../transport';

function currentRoute(context: ILoadOptionsFunctions): YetiRoute | undefined {
	const resource = context.getCurrentNodeParameter('resource') as string | undefined;
	const path = resource && resource !== 'adminRoute' ? CURATED_ROUTES[resource] : (context.getCurrentNodeParameter('route') as string | undefined);
	return path ? YETI_ROUTES_BY_PATH[path] : undefined;
}

function currentWriteOperation(context: ILoadOptionsFunctions): 'create' | 'update' {
	return context.getCurrentNodeParameter('operation') === 'update' ? 'update' : 'create';
}

function attributeOptions(context: ILoadOptionsFunctions, secretFirst: boolean): INodePropertyOptions[] {
	const route = currentRoute(context);
	if (!route) return [];
	const options = writableFields(route, currentWriteOperation(context))
		.filter((f) => f.kind !== 'relationship')
		.map((f) => ({ name: f.displayName, value: f.key, description: `${f.key} (${f.kind === 'id' ? 'the new record\'s ID' : f.type}${f.choices ? `: ${f.choices.map((c) => c.value).join(', ')}` : ''})` }));
	if (!secretFirst) return options;
	return [...options.filter((o) => isSecretAttribute(o.value)), ...options.filter((o) => !isSecretAttribute(o.value))];
}

export async function getRouteAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return attributeOptions(this, false);
}

/** Every attribute can be given as a secret; the secret ones come first. */
export async function getRouteSecretAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return attributeOptions(this, true);
}

export async function getRouteRelationships(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	if (!route) return [];
	return writableFields(route, currentWriteOperation(this))
		.filter((f) => f.kind === 'relationship')
		.map((f) => ({ name: humanize(f.key), value: f.key, description: `${f.many ? 'several' : 'one'} ${f.target}` }));
}

export async function getRouteFilterFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	return route ? filterFieldOptions(route) : [];
}

/** The values a filter field with fixed values takes (the filter row's field). */
export async function getFilterChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	const field = this.getCurrentNodeParameter('&field') as string | undefined;
	return route && typeof field === 'string' && field.includes(':') ? filterChoices(route, field) : [];
}

export async function getRouteSortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	return route ? sortFieldOptions(route) : [];
}

export async function getRouteIncludes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	return route ? route.relationships.map((r) => ({ name: humanize(r.name), value: r.name })) : [];
}
