import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, createValidator } from '../../../shared/validation';
import { octopushErrorDetails, octopushRequest } from '../../transport';

const show = { resource: ['otp'], operation: ['validate'] };

/** Octopush's OTP error codes: a wrong, expired, blocked or unknown code is an answer, not a failure. */
const OTP_ERROR_CODES = new Set([194, 195, 196, 197, 198, 199]);

export const description: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
		description: 'The code the user typed',
	},
	{
		displayName: 'Find OTP By',
		name: 'findBy',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'OTP Request Token', value: 'token', description: 'The otp_request_token returned by OTP → Generate' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'The number the code was sent to' },
		],
		default: 'token',
	},
	{
		displayName: 'OTP Request Token',
		name: 'otpRequestToken',
		// Not a password field: the token is useless without the code, and OTP → Generate outputs it.
		// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show, findBy: ['token'] } },
		description: 'The otp_request_token returned by OTP → Generate',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678',
		displayOptions: { show: { ...show, findBy: ['phoneNumber'] } },
		description: 'The number the code was sent to, in international format',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const code = v.requiredText('Code', this.getNodeParameter('code', itemIndex));
	const findBy = v.oneOf('Find OTP By', this.getNodeParameter('findBy', itemIndex, 'token'), ['token', 'phoneNumber'] as const, { required: true });
	const body = compact({
		code,
		otp_request_token: findBy === 'token' ? v.requiredText('OTP Request Token', this.getNodeParameter('otpRequestToken', itemIndex)) : undefined,
		phone_number: findBy === 'phoneNumber' ? v.phoneNumber('Phone Number', this.getNodeParameter('phoneNumber', itemIndex)) : undefined,
	});
	try {
		// Not retried: a first attempt that got through would make the repeat read as a wrong code.
		const answer = (await octopushRequest.call(this, { method: 'PUT', path: '/service/otp/validate', body, idempotent: false, itemIndex })) as IDataObject;
		return { valid: true, ...answer };
	} catch (error) {
		const details = octopushErrorDetails(error);
		const vendorCode = Number(details?.code);
		if (Number(details?.httpCode) === 400 && OTP_ERROR_CODES.has(vendorCode)) {
			// The workflow branches on `valid`; the attempts left tell it whether to ask again.
			return compact({
				valid: false,
				code: vendorCode,
				message: details?.message as string | undefined,
				remaining_number_of_attempts: details?.remaining_number_of_attempts as number | undefined,
			});
		}
		// Already the NodeApiError octopushRequest raised (status, Octopush's code and message).
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
}
