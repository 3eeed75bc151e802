/** Dropdowns of the "Other Admin Route" resource, filled from the catalogue for the chosen route. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { YETI_ROUTES_BY_PATH, type YetiRoute } from '../catalogue';
import { OPERATION_OF } from '../actions/adminRoute';
import { filterFieldOptions, humanize, writableFields } from '../actions/common/fields';

function currentRoute(context: ILoadOptionsFunctions): YetiRoute | undefined {
	const path = context.getCurrentNodeParameter('route') as string | undefined;
	return path ? YETI_ROUTES_BY_PATH[path] : undefined;
}

function currentWriteOperation(context: ILoadOptionsFunctions): 'create' | 'update' {
	return context.getCurrentNodeParameter('operation') === 'update' ? 'update' : 'create';
}

export async function getRouteOperations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	if (!route) return [];
	return route.ops.map((op) => ({ name: OPERATION_OF[op].name, value: OPERATION_OF[op].value, description: OPERATION_OF[op].description }));
}

export async function getRouteAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	if (!route) return [];
	return writableFields(route, currentWriteOperation(this))
		.filter((f) => f.kind === 'attribute')
		.map((f) => ({ name: f.displayName, value: f.key, description: `${f.key} (${f.type})` }));
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

export async function getRouteIncludes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = currentRoute(this);
	return route ? route.relationships.map((r) => ({ name: humanize(r.name), value: r.name })) : [];
}
