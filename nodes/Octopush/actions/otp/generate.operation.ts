import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';

const show = { resource: ['otp'], operation: ['generate'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'text_sms' },
			{ name: 'Voice Call', value: 'voice_sms' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		default: 'text_sms',
		description: 'How the one-time code reaches the user',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678',
		displayOptions: { show: { ...show, channel: ['text_sms', 'voice_sms', 'whatsapp'] } },
		description: 'The user\'s number in international format',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show: { ...show, channel: ['email'] } },
		description: 'The user\'s e-mail address',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Code Length', name: 'codeLength', type: 'number', typeOptions: { minValue: 3, maxValue: 32 }, default: 6, description: 'Digits in the code (3 to 32)' },
			{ displayName: 'Max Wrong Attempts', name: 'maxWrongAttempts', type: 'number', typeOptions: { minValue: 1 }, default: 3, description: 'Wrong codes accepted before the OTP is blocked' },
			{ displayName: 'Sender', name: 'sender', type: 'string', default: '', description: 'Sender name: 3 to 11 letters or digits' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '', placeholder: 'Your code is {code}', description: 'Message text; must contain {code}' },
			{ displayName: 'Validity Period (Seconds)', name: 'validityPeriod', type: 'number', typeOptions: { minValue: 1 }, default: 300, description: 'How long the code can be used' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const channel = v.oneOf('Channel', this.getNodeParameter('channel', itemIndex), ['text_sms', 'voice_sms', 'whatsapp', 'email'] as const, { required: true });
	const options = (this.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const text = v.text('Text', options.text);
	if (text !== undefined && !text.includes('{code}')) v.fail('Text', 'does not contain {code}', 'a text such as "Your code is {code}"');
	const sender = v.text('Sender', options.sender);
	if (sender !== undefined && !/^[a-zA-Z0-9]{3,11}$/.test(sender)) v.fail('Sender', `must be 3 to 11 letters or digits, got "${sender}"`, 'a sender such as MyShop');
	const body = compact({
		// The e-mail channel takes an address where the others take a phone number (our reading of the docs).
		phone_number: channel === 'email' ? undefined : v.phoneNumber('Phone Number', this.getNodeParameter('phoneNumber', itemIndex)),
		email: channel === 'email' ? v.email('Email', this.getNodeParameter('email', itemIndex), { required: true }) : undefined,
		channel,
		text,
		sender,
		code_length: v.number('Code Length', options.codeLength, { integer: true, min: 3, max: 32 }),
		validity_period: v.number('Validity Period (Seconds)', options.validityPeriod, { integer: true, min: 1 }),
		max_wrong_attempts: v.number('Max Wrong Attempts', options.maxWrongAttempts, { integer: true, min: 1 }),
	});
	// Sends a code (and costs a message), so it is never repeated blindly.
	return (await octopushRequest.call(this, { method: 'POST', path: '/service/otp/generate', body, itemIndex })) as IDataObject;
}
