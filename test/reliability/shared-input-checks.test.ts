/**
 * The shared field checks of issue 19 (items 6 and 10): numbers in decimal notation only, phone
 * numbers written with a "(0)" trunk prefix, and dates read with Luxon — zone-correct across
 * daylight-saving changes, from text, n8n's `$now`, Luxon and JS dates, never from ambiguous text.
 */
import { runInNewContext } from 'node:vm';

import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { DateTime } from '../../nodes/shared/dates';
import { createValidator, parseDecimal } from '../../nodes/shared/validation';
import { runNode } from '../harness/run-node';
import { testNodeDescription } from '../harness/test-node';

const node = { id: '1', name: 'Probe', type: 'probe', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const validate = createValidator(node, 3);

describe('numbers (item 10)', () => {
	test.each([
		['10', 10],
		['1.5', 1.5],
		['-2', -2],
		[' 42 ', 42],
		['+3', 3],
		[-2, -2],
		[0, 0],
	])('%p is %p', (value, expected) => {
		expect(validate.number('Amount', value)).toBe(expected);
	});

	test.each(['0x10', '0b1', '0o7', '1e3', '1e400', ' ', '1,5', 'Infinity', '-Infinity', 'NaN', '1_000', '10abc', '.', '1.'])('%p is refused, naming the field and item', (value) => {
		expect(() => validate.number('Amount', value)).toThrow(/^"Amount" is not a number: .* \[item 3\]$/);
	});

	test('the refusal says what is expected', () => {
		let error: (Error & { description?: string }) | undefined;
		try {
			validate.number('Amount', '0x10');
		} catch (e) {
			error = e as Error & { description?: string };
		}
		expect(error?.description).toBe('Expected a decimal number such as 10, 1.5 or -2 (digits, with a dot for decimals).');
	});

	test('numbers from expressions that are not finite are still refused', () => {
		expect(() => validate.number('Amount', Infinity)).toThrow('"Amount" is not a finite number');
		expect(() => validate.number('Amount', Number.NaN)).toThrow('"Amount" is not a finite number');
	});

	test('parseDecimal for callers that read numbers out of JSON text', () => {
		expect(parseDecimal('0x10')).toBeUndefined();
		expect(parseDecimal('16')).toBe(16);
	});
});

describe('phone numbers with a "(0)" trunk prefix (item 6)', () => {
	test.each([
		['+33 (0)6 12 34 56 78', '+33612345678'],
		['+44 (0)20 7946 0958', '+442079460958'],
		['0033 (0)6 12 34 56 78', '+33612345678'],
		['+49(0)30-1234567', '+49301234567'],
		['+1 (555) 123-4567', '+15551234567'],
		['+33 6 12 34 56 78', '+33612345678'],
	])('%p becomes %p', (raw, expected) => {
		expect(validate.phoneNumber('Phone Number', raw)).toBe(expected);
	});

	test('never "+330…": a trunk zero is never kept after the country code', () => {
		for (const raw of ['+33 (0)6 12 34 56 78', '+33(0)612345678', '+33 (0) 6 12 34 56 78']) expect(validate.phoneNumber('Phone Number', raw)).not.toMatch(/^\+330/);
	});

	test('Italy keeps its leading 0 from abroad: a "(0)" there is refused, not guessed', () => {
		expect(() => validate.phoneNumber('Phone Number', '+39 (0)6 1234 5678')).toThrow(/"Phone Number" has a "\(0\)" after \+39, where the 0 is part of the number/);
		expect(validate.phoneNumber('Phone Number', '+39 06 1234 5678')).toBe('+390612345678');
	});

	test('a "(0)" elsewhere is refused', () => {
		expect(() => validate.phoneNumber('Phone Number', '+33 6 (0)12 34 56 78')).toThrow(/"Phone Number" has a "\(0\)" that is not right after the country code/);
	});
});

describe('dates and times (item 10)', () => {
	const read = (value: unknown, zone = 'America/New_York', options: { notInPast?: boolean; now?: DateTime } = {}) => validate.dateTime('Send At', value, { zone, ...options });

	test('text without an offset takes the zone\'s offset at that local time (right on both sides of a DST change)', () => {
		// New York: UTC-5 until 8 March 2026 02:00, UTC-4 after.
		expect(read('2026-03-07T09:30:00')!.toISO()).toBe('2026-03-07T09:30:00.000-05:00');
		expect(read('2026-03-09T09:30:00')!.toISO()).toBe('2026-03-09T09:30:00.000-04:00');
		// 01:30 local on the change day is still winter time, though at that UTC instant of 01:30Z the
		// offset differs: the offset of the *local* time is used.
		expect(read('2026-03-08T01:30')!.toUTC().toISO()).toBe('2026-03-08T06:30:00.000Z');
		expect(read('2026-03-08T09:30')!.toUTC().toISO()).toBe('2026-03-08T13:30:00.000Z');
	});

	test('"2026-05-01 09:30" and a bare date are read as ISO 8601 in the zone', () => {
		expect(read('2026-05-01 09:30')!.toISO()).toBe('2026-05-01T09:30:00.000-04:00');
		expect(read('2026-05-01', 'Europe/Paris')!.toISO()).toBe('2026-05-01T00:00:00.000+02:00');
	});

	test('text with an offset or Z keeps it', () => {
		expect(read('2026-05-01T09:30:00+02:00')!.toISO()).toBe('2026-05-01T09:30:00.000+02:00');
		expect(read('2026-05-01T09:30:00Z')!.toUTC().toISO()).toBe('2026-05-01T09:30:00.000Z');
		expect(read('2026-05-01T09:30:00.123-0300')!.toMillis()).toBe(Date.UTC(2026, 4, 1, 12, 30, 0, 123));
	});

	test('Luxon DateTimes and JS Dates are the instants they are', () => {
		const luxon = DateTime.fromISO('2026-05-01T09:30:00', { zone: 'Asia/Tokyo' });
		expect(read(luxon)!.toMillis()).toBe(luxon.toMillis());
		expect(read(luxon)!.zoneName).toBe('Asia/Tokyo');
		expect(read(new Date(Date.UTC(2026, 4, 1, 7)))!.toMillis()).toBe(Date.UTC(2026, 4, 1, 7));
		// A Date from another realm (an expression sandbox) is a Date too.
		const foreign = runInNewContext('new Date(Date.UTC(2026, 4, 1, 7))') as Date;
		expect(foreign instanceof Date).toBe(false);
		expect(read(foreign)!.toMillis()).toBe(Date.UTC(2026, 4, 1, 7));
	});

	test.each([
		['0', /is not a date in ISO 8601 form: "0"/],
		['1 May 2026', /is not a date in ISO 8601 form: "1 May 2026"/],
		['05/01/2026', /is not a date in ISO 8601 form/],
		['2026', /is not a date in ISO 8601 form/],
		['2026-W18', /is not a date in ISO 8601 form/],
		['tomorrow', /is not a date in ISO 8601 form/],
		['2026-02-30', /is not a valid date: "2026-02-30"/],
		['2026-05-01T25:00', /is not a valid date/],
		[0, /is a number \(0\), not a date/],
		[1777600000000, /is a number/],
		[{ a: 1 }, /is not a date: got an object/],
		[new Date('nope'), /is an invalid date/],
	])('%p is refused with a clear error naming the field and item', (value, problem) => {
		expect(() => read(value)).toThrow(problem);
		expect(() => read(value)).toThrow(/^"Send At" .*\[item 3\]$/);
	});

	test('empty is undefined, or refused when required', () => {
		expect(read('')).toBeUndefined();
		expect(read(undefined)).toBeUndefined();
		expect(() => validate.dateTime('Send At', ' ', { zone: 'UTC', required: true })).toThrow('"Send At" is empty [item 3]');
	});

	test('an unknown time zone is said so', () => {
		expect(() => read('2026-05-01T09:30', 'Mars/Olympus')).toThrow('"Send At" cannot be read: the time zone "Mars/Olympus" is not known [item 3]');
	});

	test('"in the past" is told, and refused when asked', () => {
		const now = DateTime.fromISO('2026-05-01T12:00:00Z');
		expect(read('2026-05-01T13:00:00Z', 'UTC', { notInPast: true, now })!.toUTC().toISO()).toBe('2026-05-01T13:00:00.000Z');
		expect(() => read('2026-05-01T11:59:00Z', 'UTC', { notInPast: true, now })).toThrow(/^"Send At" is in the past: 2026-05-01T11:59:00.000Z \[item 3\]$/);
		expect(read('2020-01-01', 'UTC')!.year).toBe(2020);
	});
});

describe('inside n8n: what expressions hand to a date field', () => {
	/** Reads its "when" parameter per item, as an operation would, and outputs the ISO text. */
	const dateNode: INodeType = {
		description: testNodeDescription('dates', { properties: [{ displayName: 'When', name: 'when', type: 'string', default: '' }] }),
		async execute(this: IExecuteFunctions) {
			return [
				this.getInputData().map((_, itemIndex) => {
					const when = createValidator(this.getNode(), itemIndex).dateTime('When', this.getNodeParameter('when', itemIndex), { zone: this.getTimezone(), required: true });
					return { json: { iso: when!.toISO(), utc: when!.toUTC().toISO() } as IDataObject, pairedItem: { item: itemIndex } };
				}),
			];
		},
	};
	const run = (when: string) => runNode({ nodeType: dateNode, parameters: { when } });

	test('{{ $now }}, {{ $today }}, a Luxon DateTime and a JS Date from expressions are accepted', async () => {
		const before = Date.now();
		for (const expression of ['={{ $now }}', '={{ $today }}', '={{ DateTime.fromISO("2026-05-01T09:30:00", { zone: "Europe/Paris" }) }}', '={{ new Date(Date.UTC(2026, 4, 1, 7, 30)) }}']) {
			const { items } = await run(expression);
			expect(typeof items[0].json.iso).toBe('string');
		}
		const now = await run('={{ $now }}');
		expect(Date.parse(now.items[0].json.utc as string)).toBeGreaterThanOrEqual(before - 1000);
		const paris = await run('={{ DateTime.fromISO("2026-05-01T09:30:00", { zone: "Europe/Paris" }) }}');
		expect(paris.items[0].json.utc).toBe('2026-05-01T07:30:00.000Z');
		const js = await run('={{ new Date(Date.UTC(2026, 4, 1, 7, 30)) }}');
		expect(js.items[0].json.utc).toBe('2026-05-01T07:30:00.000Z');
	});

	test('"1 May 2026" and "0" from a mapping are refused', async () => {
		await expect(run('1 May 2026')).rejects.toThrow(/"When" is not a date in ISO 8601 form/);
		await expect(run('0')).rejects.toThrow(/"When" is not a date in ISO 8601 form/);
	});
});
