/** Every resource of the node, in the order the Resource dropdown shows them. */
import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../shared/execute';
import * as account from './account';
import * as activeCall from './activeCall';
import * as adminRoute from './adminRoute';
import * as cdr from './cdr';
import * as cdrExport from './cdrExport';
import * as contact from './contact';
import * as contractor from './contractor';
import * as customersAuth from './customersAuth';
import * as destination from './destination';
import * as dialpeer from './dialpeer';
import * as gateway from './gateway';
import * as gatewayGroup from './gatewayGroup';
import * as invoice from './invoice';
import * as numberlist from './numberlist';
import * as numberlistItem from './numberlistItem';
import * as payment from './payment';
import * as rateplan from './rateplan';
import * as routingPlan from './routingPlan';
import * as transaction from './transaction';

export interface ResourceEntry {
	name: string;
	value: string;
	description: string;
	properties: INodeProperties[];
	operations: ResourceOperations;
}

export const RESOURCES: ResourceEntry[] = [
	{ name: 'Account', value: 'account', description: 'A billing account of a contractor: balance, limits, capacities', properties: account.description, operations: account.operations },
	{ name: 'Active Call', value: 'activeCall', description: 'Calls in progress right now: list, get, drop', properties: activeCall.description, operations: activeCall.operations },
	{ name: 'CDR', value: 'cdr', description: 'Call detail records: read, set metadata, download the recording', properties: cdr.description, operations: cdr.operations },
	{ name: 'CDR Export', value: 'cdrExport', description: 'CSV exports of call detail records: create, list, download the file', properties: cdrExport.description, operations: cdrExport.operations },
	{ name: 'Contact', value: 'contact', description: 'E-mail contacts of a contractor (notifications, invoices)', properties: contact.description, operations: contact.operations },
	{ name: 'Contractor', value: 'contractor', description: 'Customer or vendor companies', properties: contractor.description, operations: contractor.operations },
	{ name: 'Customers Auth', value: 'customersAuth', description: 'How a customer\'s calls are recognised (IP) and billed/routed (account, rateplan, routing plan)', properties: customersAuth.description, operations: customersAuth.operations },
	{ name: 'Destination', value: 'destination', description: 'Customer rates per prefix in a rate group', properties: destination.description, operations: destination.operations },
	{ name: 'Dialpeer', value: 'dialpeer', description: 'Vendor routes: prefix, rates, gateway', properties: dialpeer.description, operations: dialpeer.operations },
	{ name: 'Gateway', value: 'gateway', description: 'SIP endpoints of contractors', properties: gateway.description, operations: gateway.operations },
	{ name: 'Gateway Group', value: 'gatewayGroup', description: 'Groups of vendor gateways', properties: gatewayGroup.description, operations: gatewayGroup.operations },
	{ name: 'Invoice', value: 'invoice', description: 'Invoices of accounts, with their PDF', properties: invoice.description, operations: invoice.operations },
	{ name: 'Numberlist', value: 'numberlist', description: 'Lists of numbers to allow, reject or rewrite', properties: numberlist.description, operations: numberlist.operations },
	{ name: 'Numberlist Item', value: 'numberlistItem', description: 'Numbers in a numberlist', properties: numberlistItem.description, operations: numberlistItem.operations },
	{ name: 'Other Admin Route', value: 'adminRoute', description: 'Any other route of the admin API (codecs, POPs, countries, networks, services...)', properties: adminRoute.description, operations: adminRoute.operations },
	{ name: 'Payment', value: 'payment', description: 'Payments that top up an account', properties: payment.description, operations: payment.operations },
	{ name: 'Rateplan', value: 'rateplan', description: 'Customer rateplans', properties: rateplan.description, operations: rateplan.operations },
	{ name: 'Routing Plan', value: 'routingPlan', description: 'How calls are routed', properties: routingPlan.description, operations: routingPlan.operations },
	{ name: 'Transaction', value: 'transaction', description: 'Billing transactions (service charges) on accounts', properties: transaction.description, operations: transaction.operations },
];
