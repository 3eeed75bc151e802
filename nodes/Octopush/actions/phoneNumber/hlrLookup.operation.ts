import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifier, simplifyProperties } from '../../../shared/simplify';
import { compact, createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { readPhoneNumbers } from '../../helpers/message';
import { HLR_SIMPLIFIED } from '../simplified';

const show = { resource: ['phoneNumber'], operation: ['hlrLookup'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678',
		displayOptions: { show },
		description: 'Numbers to look up, in international format, separated by commas. One output item per number.',
	},
	{
		displayName: 'Simulation Mode',
		name: 'simulationMode',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to get a simulated answer without being charged',
	},
	...simplifyProperties(show, HLR_SIMPLIFIED),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const v = createValidator(this.getNode(), itemIndex);
	const numbers = [...new Set(readPhoneNumbers(v, this.getNodeParameter('phoneNumbers', itemIndex), 'Phone Numbers'))];
	if (numbers.length > 500) v.fail('Phone Numbers', `lists ${numbers.length} numbers`, 'at most 500 per item');
	const simulation = v.boolean('Simulation Mode', this.getNodeParameter('simulationMode', itemIndex, false));
	const simplify = simplifier(this, itemIndex, HLR_SIMPLIFIED);
	// Each lookup is charged, so it is never repeated blindly.
	const answer = await octopushRequest.call(this, { method: 'POST', path: '/contact/hlr-request', body: compact({ phone_numbers: numbers, simulation_mode: simulation || undefined }), itemIndex });
	return simplify((Array.isArray(answer) ? answer : [answer]) as IDataObject[]);
}
