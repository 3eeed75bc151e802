/**
 * Simplify for Yeti-Switch records (n8n's UX guidelines; the switch itself is shared/simplify.ts): every
 * route whose flat record has more than 10 fields (attributes + id + one key per relationship, counted from
 * the catalogue) names the 10 or fewer that say what the record is and what users route on: its ids and
 * name, whether it is on, the related records' ids and the money or timing fields. Routes of 10 fields or
 * fewer (contractors, contacts, gateway groups, rateplans, routing plans, transactions, CDR exports and
 * most dictionaries) output the same either way and offer no switch.
 *
 * Simplify works on the flat record: with Raw JSON:API on as well, the resource object is flattened first,
 * so the simplified output has the same fields whichever way the record came.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { YetiRoute } from '../../catalogue';
import { flatten } from '../../transport';
import type { ResourceOperations } from '../../../shared/execute';
import { simplifiedView, simplifyProperties, simplifyRequested, simplifyRecord, type SimplifiedView } from '../../../shared/simplify';

/** By route path: the simplified fields, as the flat output names them. */
export const YETI_SIMPLIFIED: Record<string, SimplifiedView> = {
	// Curated resources.
	accounts: simplifiedView(['id', 'name', 'contractor-id', 'balance', 'min-balance', 'max-balance', 'balance-low-threshold', 'balance-high-threshold', 'currency', 'external-id']),
	'active-calls': simplifiedView(['id', 'start-time', 'connect-time', 'duration', 'src-prefix-in', 'dst-prefix-in', 'dst-prefix-out', 'customer-id', 'vendor-id', 'leg-a-remote-ip']),
	cdrs: simplifiedView(['id', 'time-start', 'duration', 'success', 'src-prefix-in', 'dst-prefix-in', 'customer-id', 'customer-price', 'vendor-price', 'internal-disconnect-reason']),
	'customers-auths': simplifiedView(['id', 'name', 'enabled', 'reject-calls', 'customer-id', 'account-id', 'rateplan-id', 'routing-plan-id', 'gateway-id', 'ip']),
	destinations: simplifiedView(['id', 'prefix', 'enabled', 'rate-group-id', 'initial-rate', 'next-rate', 'connect-fee', 'reject-calls', 'valid-from', 'valid-till']),
	dialpeers: simplifiedView(['id', 'prefix', 'enabled', 'vendor-id', 'account-id', 'gateway-id', 'routing-group-id', 'initial-rate', 'next-rate', 'valid-till']),
	gateways: simplifiedView(['id', 'name', 'enabled', 'contractor-id', 'gateway-group-id', 'host', 'port', 'allow-origination', 'allow-termination', 'external-id']),
	invoices: simplifiedView(['id', 'reference', 'account-id', 'state', 'invoice-type', 'start-date', 'end-date', 'amount-spent', 'amount-earned', 'originated-calls-count']),
	'numberlist-items': simplifiedView(['id', 'numberlist-id', 'key', 'action-id', 'number-min-length', 'number-max-length', 'tag-action-id', 'created-at', 'updated-at']),
	numberlists: simplifiedView(['id', 'name', 'mode-id', 'default-action-id', 'external-id', 'external-type', 'tag-action-id', 'created-at', 'updated-at']),
	// Private notes stay out of the simplified payment.
	payments: simplifiedView(['id', 'account-id', 'amount', 'currency', 'status', 'type-name', 'created-at', 'notes', 'balance-before-payment', 'rolledback-at']),
	// Other Admin Route.
	'auth-logs': simplifiedView(['id', 'request-time', 'success', 'code', 'reason', 'internal-reason', 'username', 'origination-ip', 'ruri', 'gateway-id']),
	'destination-next-rates': simplifiedView(['id', 'destination-id', 'apply-time', 'applied', 'initial-rate', 'next-rate', 'initial-interval', 'next-interval', 'connect-fee', 'external-id']),
	'dialpeer-next-rates': simplifiedView(['id', 'dialpeer-id', 'apply-time', 'applied', 'initial-rate', 'next-rate', 'initial-interval', 'next-interval', 'connect-fee', 'external-id']),
	'invoice-originated-destinations': simplifiedView(['id', 'invoice-id', 'dst-prefix', 'country-id', 'network-id', 'rate', 'calls-count', 'successful-calls-count', 'billing-duration', 'amount']),
	'invoice-originated-networks': simplifiedView(['id', 'invoice-id', 'country-id', 'network-id', 'rate', 'calls-count', 'successful-calls-count', 'calls-duration', 'billing-duration', 'amount']),
	'invoice-terminated-destinations': simplifiedView(['id', 'invoice-id', 'dst-prefix', 'country-id', 'network-id', 'rate', 'calls-count', 'successful-calls-count', 'billing-duration', 'amount']),
	'invoice-terminated-networks': simplifiedView(['id', 'invoice-id', 'country-id', 'network-id', 'rate', 'calls-count', 'successful-calls-count', 'calls-duration', 'billing-duration', 'amount']),
	'radius-accounting-profiles': simplifiedView(['id', 'name', 'server', 'port', 'timeout', 'attempts', 'enable-start-accounting', 'enable-interim-accounting', 'interim-accounting-interval', 'enable-stop-accounting']),
	registrations: simplifiedView(['id', 'name', 'enabled', 'domain', 'username', 'display-username', 'contact', 'expire', 'node-id', 'pop-id']),
	services: simplifiedView(['id', 'name', 'state', 'account-id', 'service-type-id', 'initial-price', 'renew-price', 'renew-at', 'renew-period', 'created-at']),
	'sip-options-probers': simplifiedView(['id', 'name', 'enabled', 'ruri-domain', 'ruri-username', 'interval', 'contact-uri', 'node-id', 'pop-id', 'updated-at']),
};

/** The operations that output a record (or records) and so offer Simplify. */
const RECORD_OPERATIONS = ['get', 'getAll', 'create', 'update'];

const NOTE = 'Raw JSON:API records are flattened first';

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A flat record from whatever the operation output: flat already, a resource object, or {data, included}. */
function flatRecord(record: IDataObject): IDataObject {
	const resource = isPlainObject(record.data) && 'type' in record.data ? record.data : record;
	if (!isPlainObject(resource.attributes) || typeof resource.type !== 'string') return record;
	// A copy: flatten() makes the attributes object the item.
	return flatten({ ...resource, attributes: { ...resource.attributes } } as unknown as Parameters<typeof flatten>[0]);
}

/**
 * Reads Simplify for this item now (before a write is sent, so a bad value is refused with nothing sent)
 * and returns what shapes the operation's output; a route without a view outputs as it is.
 */
export function yetiSimplifier(context: IExecuteFunctions, itemIndex: number, view: SimplifiedView | undefined): <T extends IDataObject | IDataObject[]>(output: T) => T {
	if (!view || !simplifyRequested(context, itemIndex)) return (output) => output;
	const simplify = (record: IDataObject) => simplifyRecord(flatRecord(record), view);
	return (output) => (Array.isArray(output) ? output.map(simplify) : simplify(output)) as typeof output;
}

/** A read's output, simplified when the switch is on for this item. */
export function simplifyYetiOutput<T extends IDataObject | IDataObject[]>(context: IExecuteFunctions, itemIndex: number, output: T, view: SimplifiedView | undefined): T {
	return yetiSimplifier(context, itemIndex, view)(output);
}

/**
 * Adds Simplify to a curated resource whose records have more than 10 fields: the switch just before each
 * record operation's Options, and the operation's output passed through simplifyYetiOutput.
 */
export function addSimplify(route: YetiRoute, resource: string, properties: INodeProperties[], operations: ResourceOperations): void {
	const view = YETI_SIMPLIFIED[route.path];
	if (!view) return;
	for (const operation of RECORD_OPERATIONS) {
		const module = operations[operation];
		const execute = module?.execute;
		if (!execute) continue;
		const show = { resource: [resource], operation: [operation] };
		const at = properties.findIndex((property) => property.name === 'options' && property.displayOptions?.show?.resource?.[0] === resource && property.displayOptions?.show?.operation?.[0] === operation);
		properties.splice(at === -1 ? properties.length : at, 0, ...simplifyProperties(show, view, NOTE));
		operations[operation] = {
			...module,
			async execute(this: IExecuteFunctions, itemIndex: number) {
				const simplify = yetiSimplifier(this, itemIndex, view);
				return simplify((await execute.call(this, itemIndex)) as IDataObject | IDataObject[]);
			},
		};
	}
}

/** Other Admin Route: one switch per route with a simplified view (each lists its own fields). */
export function adminRouteSimplifyProperties(resource: string): INodeProperties[] {
	return Object.entries(YETI_SIMPLIFIED).flatMap(([path, view]) => simplifyProperties({ resource: [resource], operation: RECORD_OPERATIONS, route: [path] }, view, NOTE));
}

