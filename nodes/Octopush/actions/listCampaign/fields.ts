/** Fields of the campaigns on a list or a tag (SMS Campaign and Voice Campaign resources). */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { MessageKind } from '../../helpers/message';
import { MAX_LIST_NAME_LENGTH, MAX_TAG_NAME_LENGTH } from '../../helpers/names';

export const audienceField: INodeProperties = {
	displayName: 'Audience',
	name: 'audience',
	type: 'options',
	options: [
		{ name: 'A Contact List', value: 'list', description: 'Every contact of one list' },
		{ name: 'Contacts With a Tag', value: 'tag', description: 'Every contact that has one tag' },
	],
	default: 'list',
	description: 'Who receives the campaign (Octopush confirms list and tag campaigns at different addresses)',
};

export const audienceNameFields: INodeProperties[] = [
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { audience: ['list'] } },
		description: `The contact list (Contact List → Create, Contact → Create), at most ${MAX_LIST_NAME_LENGTH} characters`,
	},
	{
		displayName: 'Tag Name',
		name: 'tagName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { audience: ['tag'] } },
		description: `The tag the contacts have (Contact → Create), at most ${MAX_TAG_NAME_LENGTH} characters`,
	},
];

export function ticketField(kind: MessageKind): INodeProperties {
	return {
		displayName: 'Ticket Number',
		name: 'ticketNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: kind === 'sms' ? 'sms_5f3fbce61266e' : 'voice_5f3fbce61266e',
		description: 'The ticket_number Create returned',
	};
}

export const thenField: INodeProperties = {
	displayName: 'Then',
	name: 'then',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Wait Until Ready, Then Send',
			value: 'waitAndSend',
			description: 'Octopush prepares the campaign (a few seconds to minutes); the node checks until it is ready, then confirms it: one node that sends to the list',
		},
		{ name: 'Only Create', value: 'create', description: 'Output the ticket; confirm it later with Confirm Send (or Cancel it)' },
	],
	default: 'waitAndSend',
};

/** The options of Wait Until Ready, Then Send: a bounded wait. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		description: 'With Wait Until Ready, Then Send: how long to wait for Octopush to prepare the campaign before giving up (nothing is sent then; the error gives the ticket)',
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'checkEvery',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 60 },
		default: 5,
		description: 'With Wait Until Ready, Then Send: how often to ask Octopush whether the campaign is ready',
	},
];

export const withShow = (show: { [key: string]: string[] }, properties: INodeProperties[]) => updateDisplayOptions({ show }, properties);
