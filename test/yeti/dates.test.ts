/**
 * Issue 19 item 10, Yeti's part: date fields take what n8n users give them — `{{ $now }}`, a Luxon
 * DateTime, a JS Date, ISO 8601 text (without an offset: in the workflow's time zone) — and refuse
 * what cannot be read unambiguously ("1 May 2026", "0"); numbers are decimal notation only ("0x10" is
 * refused, not read as 16). nodes/shared/dates.ts and validation.ts do the reading.
 */
import { runError, useYetiSandbox } from './helpers';

const yeti = useYetiSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const sentAttributes = () => (yeti.adminRequests().pop()!.body as { data: { attributes: Record<string, unknown> } }).data.attributes;

test('invoices start-date from {{ $now }} and end-date from a Luxon DateTime go out as ISO 8601 with their offset', async () => {
	const before = Date.now();
	await yeti.run({ resource: 'invoice', operation: 'create', account: rl('2'), startDate: '={{ $now.minus({ days: 30 }) }}', endDate: '={{ $now }}' });
	const { 'start-date': start, 'end-date': end } = sentAttributes() as { 'start-date': string; 'end-date': string };
	expect(end).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}([+-]\d{2}:\d{2}|Z)$/);
	expect(Date.parse(end)).toBeGreaterThanOrEqual(before - 1000);
	expect(Date.parse(end) - Date.parse(start)).toBeGreaterThan(29 * 86_400_000);
});

test('a JS Date and a Luxon DateTime with its own zone keep their instant', async () => {
	await yeti.run({ resource: 'invoice', operation: 'create', account: rl('2'), startDate: '={{ new Date("2026-03-01T09:00:00Z") }}', endDate: '={{ DateTime.fromISO("2026-04-01T10:00:00", { zone: "Europe/Paris" }) }}' });
	const attributes = sentAttributes();
	expect(Date.parse(String(attributes['start-date']))).toBe(Date.parse('2026-03-01T09:00:00Z'));
	expect(attributes['end-date']).toBe('2026-04-01T10:00:00.000+02:00');
});

test('text without an offset is read in the workflow time zone; with one, kept as written', async () => {
	await yeti.run({ resource: 'invoice', operation: 'create', account: rl('2'), startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-02-01 09:30' });
	const attributes = sentAttributes();
	expect(attributes['start-date']).toBe('2026-01-01T00:00:00.000Z');
	// The harness's workflow zone is n8n's default, America/New_York (UTC-5 in February).
	expect(attributes['end-date']).toBe('2026-02-01T09:30:00.000-05:00');
});

test.each([
	['1 May 2026', 'is not a date in ISO 8601 form: "1 May 2026"'],
	['0', 'is not a date in ISO 8601 form: "0"'],
	['05/01/2026', 'is not a date in ISO 8601 form: "05/01/2026"'],
])('"%s" is refused before any request', async (value, problem) => {
	const error = await runError(yeti, { resource: 'invoice', operation: 'create', account: rl('2'), startDate: value, endDate: '2026-02-01' });
	expect(error.message).toBe(`"Start Date" ${problem} [item 0]`);
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('numbers: "0x10" is refused, not sent as 16 (accounts max-call-duration is an integer)', async () => {
	const error = await runError(yeti, { resource: 'account', operation: 'update', id: '2', updateFields: { maxCallDuration: '0x10' } });
	expect(error.message).toBe('"Max Call Duration" is not a number: "0x10" [item 0]');
	const generic = await runError(yeti, { resource: 'adminRoute', route: 'accounts', operation: 'update', id: '2', attributes: { attribute: [{ name: 'max-call-duration', value: '1e3' }] } });
	expect(generic.message).toContain('is not a number: "1e3"');
	expect(yeti.adminRequests()).toHaveLength(0);
});

test('a date filter value is read the same way and sent with its offset', async () => {
	await yeti.run({ resource: 'cdr', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:time_start:datetime', operator: 'gteq', value: '={{ $now.minus({ years: 10 }) }}' }] } });
	expect(String(yeti.adminRequests()[0].query['filter[time_start_gteq]'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}([+-]\d{2}:\d{2}|Z)$/);
	const error = await runError(yeti, { resource: 'cdr', operation: 'getAll', returnAll: true, filters: { filter: [{ field: 'r:time_start:datetime', operator: 'gteq', value: '1 May 2026' }] } });
	expect(error.message).toContain('"Filters › row 1 › Value" is not a date in ISO 8601 form');
});
