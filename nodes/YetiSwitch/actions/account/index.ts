import { buildCuratedResource } from '../common/curated';
import * as correctBalance from './correctBalance.operation';
import * as setBalance from './setBalance.operation';

/** A billing account of a contractor: balance, limits, capacity. */
export const accountResource = buildCuratedResource({
	resource: 'account',
	displayName: 'Account',
	path: 'accounts',
	top: ['name', 'min-balance', 'max-balance', 'currency', 'contractor'],
	// The order of Yeti's own documentation (seeds/003: its parameter list and request body), so the
	// seed request goes out byte for byte whatever order n8n saved the fields in; currency, added at
	// 1.14.72, last.
	attributeOrder: ['name', 'min-balance', 'max-balance', 'vat', 'origination-capacity', 'termination-capacity', 'total-capacity', 'send-invoices-to', 'external-id', 'balance-low-threshold', 'balance-high-threshold', 'send-balance-notifications-to', 'invoice-period-id', 'timezone', 'currency'],
	hints: {
		name: { description: 'Name of the account, unique in Yeti-Switch' },
		'min-balance': { description: 'Calls are refused when the balance falls below this amount' },
		'max-balance': { description: 'Calls are refused when the balance rises above this amount (for vendor accounts)' },
		contractor: { description: 'The contractor (customer or vendor) the account belongs to' },
		currency: {
			placeholder: 'e.g. USD',
			description: 'Currency code of the account, one the server knows (see Other Admin Route → Currencies). Set once: it cannot be changed later.',
		},
		'send-balance-notifications-to': { displayName: 'Send Balance Notifications to', description: 'Contact IDs to notify about low or high balance, separated by commas' },
		'send-invoices-to': { displayName: 'Send Invoices to', description: 'Contact IDs that receive invoices, separated by commas' },
		timezone: { description: 'Time zone name, e.g. Europe/Kyiv' },
		'external-id': { displayName: 'External ID', description: 'Your own numeric ID for the account (unique); Set Balance finds the account by it' },
	},
	extra: [
		{
			option: { name: 'Set Balance', value: 'setBalance', action: 'Set the balance of an account', description: 'Replace the balance of an account found by its External ID' },
			module: setBalance,
		},
		{
			option: { name: 'Correct Balance', value: 'correctBalance', action: 'Correct the balance of an account', description: 'Add (or subtract) an amount to the balance of an account' },
			module: correctBalance,
		},
	],
});

export const description = [accountResource.operationProperty, ...accountResource.properties];
export const operations = accountResource.operations;
