import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../shared/http';
import { compact, createValidator } from '../../../shared/validation';
import { octopushErrorDetails, octopushRequest } from '../../transport';

const show = { resource: ['otp'], operation: ['validate'] };

/**
 * Octopush's OTP codes (dev.octopush.com/en/sms-gateway-api-documentation/2fa-two-factor-authentication/
 * otp-mfa-code-validation/): 196 too many wrong attempts, 197 expired, 198 not found, 199 wrong code are
 * answers about the code, output as `valid: false` for the workflow to branch on. 194 (neither phone
 * number nor token) and 195 (no code) say the request itself was incomplete: errors.
 */
const NOT_VALID_CODES = new Set([196, 197, 198, 199]);
const REQUEST_ERRORS: Record<number, { missing: string; fields: string }> = {
	194: { missing: 'the OTP Request Token or the Phone Number', fields: 'Find OTP By and its OTP Request Token or Phone Number' },
	195: { missing: 'the Code', fields: 'Code' },
};

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
		type: 'string',
		// Hidden in the editor like any token, though it is useless without the code; an expression
		// mapping it from OTP → Generate's output works as usual.
		typeOptions: { password: true },
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
	let answer: IDataObject;
	try {
		// Not retried: a first attempt that got through would make the repeat read as a wrong code.
		answer = (await octopushRequest.call(this, { method: 'PUT', path: '/service/otp/validate', body, idempotent: false, itemIndex })) as IDataObject;
	} catch (error) {
		return notValidOrFail(this, error, itemIndex);
	}
	return { valid: true, ...answer };
}

/** Octopush's answer about a code that is not valid, as an output; anything else stays an error. */
function notValidOrFail(context: IExecuteFunctions, error: unknown, itemIndex: number): IDataObject {
	const details = octopushErrorDetails(error);
	const vendorCode = Number(details?.code);
	if (Number(details?.httpCode) === 400 && NOT_VALID_CODES.has(vendorCode)) {
		// The workflow branches on `valid`; the attempts left tell it whether to ask again.
		return compact({
			valid: false,
			code: vendorCode,
			message: details?.message as string | undefined,
			remaining_number_of_attempts: details?.remaining_number_of_attempts as number | undefined,
		});
	}
	const request = REQUEST_ERRORS[vendorCode];
	if (request) {
		throw apiError(context, `Octopush needs ${request.missing} to validate a code (code ${vendorCode})`, {
			description: `Octopush said: "${String(details?.message ?? '')}". Check ${request.fields} for this item.`,
			httpCode: 400,
			itemIndex,
			details,
		});
	}
	// Already the NodeApiError octopushRequest raised (status, Octopush's code and message).
	throw error;
}
