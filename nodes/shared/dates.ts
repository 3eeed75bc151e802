/**
 * Date and time fields, read with Luxon (n8n ships it and its scanner allows importing it; it is a dev
 * dependency here, never a runtime one). A value becomes a Luxon DateTime that keeps its offset;
 * callers format it for their vendor. Only unambiguous input is accepted: "05/01/2026" (May or
 * January?), "1 May 2026" (language) and "0" (a timestamp? which unit?) are refused with what to write.
 */
import { DateTime } from 'luxon';

export { DateTime };

/**
 * ISO 8601 in its extended form: a full date, optionally a time (hours and minutes at least, `T` or a
 * space between), optionally an offset or Z. Luxon alone would also take "2026" or "2026-W18".
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** An offset after the time (a bare date's "-01" is its day, not an offset). */
const HAS_OFFSET = /[T ]\d{2}:\d{2}.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

export const DATE_TIME_EXAMPLE = 'an ISO 8601 date and time such as 2026-05-01T09:30:00+02:00, 2026-05-01 09:30 (in the time zone), 2026-05-01, or {{ $now }}';

/** Why a value is not a date and time, in words that follow the field's name. */
export class DateTimeProblem {
	constructor(readonly problem: string) {}
}

/**
 * Reads a date and time. Text without an offset is wall-clock time in `zone` (an IANA name such as
 * Europe/Paris, usually the workflow's time zone): its offset is the zone's offset at that local time,
 * so a date across a daylight-saving change gets the right one. Text with an offset or Z keeps it.
 * Luxon DateTimes (n8n's `$now`, `DateTime.fromISO(...)` in an expression, from n8n's own copy of
 * Luxon) and JS Dates are taken as the instant they are.
 */
export function readDateTime(value: unknown, zone: string): DateTime | DateTimeProblem {
	if (!DateTime.local().setZone(zone).isValid) return new DateTimeProblem(`cannot be read: the time zone "${zone}" is not known`);
	if (DateTime.isDateTime(value)) {
		// From another copy of Luxon (n8n's): rebuilt here from its instant and zone.
		const other = value as { isValid: boolean; toMillis(): number; zoneName?: string | null };
		if (!other.isValid) return new DateTimeProblem('is an invalid date');
		const rebuilt = DateTime.fromMillis(other.toMillis(), { zone: other.zoneName ?? zone });
		return rebuilt.isValid ? rebuilt : DateTime.fromMillis(other.toMillis(), { zone });
	}
	// Not `instanceof Date`: a Date made by an expression may come from another realm (n8n's sandbox).
	if (Object.prototype.toString.call(value) === '[object Date]') {
		const date = value as Date;
		return Number.isNaN(date.getTime()) ? new DateTimeProblem('is an invalid date') : DateTime.fromMillis(date.getTime(), { zone });
	}
	if (typeof value === 'number') return new DateTimeProblem(`is a number (${value}), not a date: a timestamp's unit and zone are ambiguous`);
	if (typeof value !== 'string') return new DateTimeProblem(`is not a date: got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value}`);
	const text = value.trim();
	if (!ISO_DATE_TIME.test(text)) return new DateTimeProblem(`is not a date in ISO 8601 form: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`);
	const iso = text.replace(' ', 'T');
	const parsed = HAS_OFFSET.test(text) ? DateTime.fromISO(iso, { setZone: true }) : DateTime.fromISO(iso, { zone });
	if (!parsed.isValid) return new DateTimeProblem(`is not a valid date: ${JSON.stringify(text)} (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'invalid'})`);
	return parsed;
}

/** Whether the instant is before now (give `now` to compare with another instant). */
export function isInPast(dateTime: DateTime, now: DateTime = DateTime.now()): boolean {
	return dateTime.toMillis() < now.toMillis();
}
