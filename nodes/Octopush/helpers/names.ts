/**
 * Contact list and tag names, at most 30 and 20 characters
 * (dev.octopush.com/en/sms-gateway-api-documentation/add-a-contact/). Checked before any request:
 * Octopush may otherwise cut or refuse them.
 */
import type { Validator } from '../../shared/validation';

export const MAX_LIST_NAME_LENGTH = 30;
export const MAX_TAG_NAME_LENGTH = 20;

export function readListName(validate: Validator, value: unknown, options: { required?: boolean } = {}): string | undefined {
	return validate.text('List Name', value, { required: options.required, maxLength: MAX_LIST_NAME_LENGTH });
}

export function readTagName(validate: Validator, value: unknown, options: { required?: boolean } = {}): string | undefined {
	return validate.text('Tag Name', value, { required: options.required, maxLength: MAX_TAG_NAME_LENGTH });
}
