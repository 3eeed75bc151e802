/**
 * Send At → the ISO 8601 text Octopush documents for `send_at` ("2018-10-03T07:42:39-07:00",
 * dev.octopush.com/en/sms-gateway-api-documentation/send-sms/). Read with the shared Luxon parser
 * (shared/dates.ts): text without an offset is wall-clock time in the workflow's time zone, with that
 * zone's offset at that local time (daylight saving included); `2026-05-01 09:30` and a bare date are
 * accepted; `{{ $now }}` and other Luxon or JS dates keep their instant.
 */
import { DateTime } from '../../shared/dates';
import type { Validator } from '../../shared/validation';

/**
 * How far in the past a Send At may be and still go out (at once): a date computed as `{{ $now }}`
 * is a few moments old when it is read. Anything older is refused, never silently sent now.
 */
const PAST_GRACE_MS = 60_000;

export function toIsoDate(validate: Validator, value: unknown, timezone: string): string | undefined {
	const dateTime = validate.dateTime('Send At', value, { zone: timezone, notInPast: true, now: nowWithGrace() });
	return dateTime?.toISO({ suppressMilliseconds: true }) ?? undefined;
}

function nowWithGrace(): DateTime {
	return DateTime.now().minus({ milliseconds: PAST_GRACE_MS });
}
