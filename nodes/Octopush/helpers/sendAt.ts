/**
 * Send At → the ISO 8601 text Octopush documents for `send_at` ("2018-10-03T07:42:39-07:00",
 * dev.octopush.com/en/sms-gateway-api-documentation/send-sms/).
 */
import type { Validator } from '../../shared/validation';

/** Turns a date (text with or without offset, or a Luxon DateTime from an expression) into ISO 8601. */
export function toIsoDate(validate: Validator, value: unknown, timezone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	if (value instanceof Date) return value.toISOString();
	const text = validate.requiredText('Send At', value);
	const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const parsed = Date.parse(withOffset ? text : `${text}Z`);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(parsed)) {
		validate.fail('Send At', `is not a date: "${text}"`, 'an ISO 8601 date such as 2026-05-01T09:30:00+02:00');
	}
	if (withOffset) return text;
	// A time without offset is wall-clock time in the workflow's time zone (as n8n's date picker means it).
	const offsetMinutes = zoneOffsetMinutes(parsed, timezone);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${text.slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The offset of a time zone at (roughly) a UTC instant, in minutes. */
function zoneOffsetMinutes(utcMs: number, timezone: string): number {
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
		return Math.round((asUtc - utcMs) / 60000);
	} catch {
		return 0;
	}
}
