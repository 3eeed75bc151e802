/**
 * The rate limiter paces from what the server announces (X-RateLimit-*): a new tier's limit replaces
 * the published one, none remaining waits for the reset, and a server window that has reset can be
 * used from its start instead of waiting out our own sliding window (Ocamba's windows are fixed).
 */
import { RateLimiter } from '../../nodes/shared/throttle';
import { countRequest } from '../../sandbox/ocamba';

const headers = (limit: number, remaining: number, resetSeconds: number) => ({
	'x-ratelimit-limit': String(limit),
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(resetSeconds),
});

async function timed(action: () => Promise<unknown>): Promise<number> {
	const started = Date.now();
	await action();
	return Date.now() - started;
}

test('a limit announced for the short window replaces the published one (another account tier)', () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
	limiter.observe(headers(100, 99, 0.4), Date.now, 1);
	limiter.observe(headers(1200, 1100, 37), Date.now, 1);
	expect(limiter.limits.map((w) => w.limit)).toEqual([100, 1200]);
});

test('none remaining holds the next request until the server window resets', async () => {
	const limiter = new RateLimiter([{ limit: 50, ms: 1000 }]);
	const ticket = await limiter.acquire();
	limiter.observe(headers(50, 0, 0.15), Date.now, ticket);
	const waited = await timed(() => limiter.acquire());
	expect(waited).toBeGreaterThanOrEqual(140);
	expect(waited).toBeLessThan(600);
});

test('after the server window resets, a full window is used at once instead of waiting a sliding window', async () => {
	const limiter = new RateLimiter([{ limit: 5, ms: 1000 }]);
	let last = 0;
	for (let i = 0; i < 5; i++) last = await limiter.acquire();
	// The server counted all five and resets its fixed window in 100 ms.
	limiter.observe(headers(5, 0, 0.1), Date.now, last);
	// Five more go right after that reset, not a second after the first five.
	const waited = await timed(async () => {
		for (let i = 0; i < 5; i++) await limiter.acquire();
	});
	expect(waited).toBeGreaterThanOrEqual(90);
	expect(waited).toBeLessThan(500);
	// The sixth of the new window waits for the window after it.
	const sixth = await timed(() => limiter.acquire());
	expect(sixth).toBeGreaterThanOrEqual(400);
});

test('while a server window runs, what it still allows (minus requests sent since) is what goes', async () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1000 }]);
	const first = await limiter.acquire();
	// Another client of the same account already used most of the window: 2 remain for 300 ms.
	limiter.observe(headers(10, 2, 0.3), Date.now, first);
	const twoMore = await timed(async () => {
		await limiter.acquire();
		await limiter.acquire();
	});
	expect(twoMore).toBeLessThan(200); // no wait, far below the 250 ms one (margin for a loaded machine)
	const third = await timed(() => limiter.acquire());
	expect(third).toBeGreaterThanOrEqual(250);
});

test('an older answer arriving late does not undo what a newer one said', async () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1000 }]);
	const older = await limiter.acquire();
	const newer = await limiter.acquire();
	limiter.observe(headers(10, 0, 0.2), Date.now, newer);
	limiter.observe(headers(10, 8, 0.2), Date.now, older);
	const waited = await timed(() => limiter.acquire());
	expect(waited).toBeGreaterThanOrEqual(190);
});

test('the minute window announced with under a second left is still the minute window', () => {
	// Near a clock-minute boundary the steady window's reset is as short as the burst window's:
	// its limit (1200) fits the minute window, not the 1 s one.
	const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
	limiter.observe(headers(50, 49, 0.7), Date.now, 1);
	limiter.observe(headers(1200, 1150, 0.8), Date.now, 2);
	expect(limiter.limits.map((w) => w.limit)).toEqual([50, 1200]);
});

test('a minute window taken for the burst window is put right by the next burst announcement', () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
	// The first announcement is the minute window in its last second: read as the burst window.
	limiter.observe(headers(1200, 1000, 0.5), Date.now, 1);
	limiter.observe(headers(50, 49, 0.4), Date.now, 2);
	expect(limiter.limits.map((w) => w.limit)).toEqual([50, 1200]);
});

describe('against the Ocamba sandbox windows on a fake clock', () => {
	afterEach(() => jest.useRealTimers());

	/**
	 * Sends `count` requests one after another the way the transport does (acquire, answer, observe;
	 * a 429 pauses for Retry-After) against the sandbox's own window accounting, starting `startAt`.
	 */
	async function simulate(count: number, limits: { perSecond: number; perMinute: number }, startAt: number) {
		jest.useFakeTimers({ now: startAt });
		const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
		const counter = { second: 0, secondCount: 0, minute: 0, minuteCount: 0 };
		const serverLimits = { ...limits, enabled: true, retryAfterUnknown: false };
		let throttled = 0;
		const run = (async () => {
			for (let sent = 0; sent < count; ) {
				const ticket = await limiter.acquire();
				const answer = countRequest(counter, serverLimits, Date.now());
				if (answer.status === 429) {
					throttled += 1;
					limiter.pause(Math.ceil(answer.waitMs / 1000) * 1000);
					continue;
				}
				// Node's HTTP client hands headers over with lower-case names.
				const received = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]));
				limiter.observe(received, Date.now, ticket);
				sent += 1;
			}
		})();
		let done = false;
		void run.finally(() => (done = true));
		// Let the virtual clock run until every request went (at most ten virtual minutes).
		for (let step = 0; step < 6000 && !done; step++) await jest.advanceTimersByTimeAsync(100);
		await run;
		return { throttled, ms: Date.now() - startAt };
	}

	const minuteBoundary = Date.UTC(2026, 10, 24, 12, 0, 0);

	test.each([
		['in the middle of a minute', minuteBoundary + 20_000],
		['2.5 s before a minute starts', minuteBoundary - 2_500],
		['1.2 s before a minute starts', minuteBoundary - 1_200],
	])('400 requests at 50/s + 1200/min starting %s go at the burst rate, no 429', async (_when, startAt) => {
		const { throttled, ms } = await simulate(400, { perSecond: 50, perMinute: 1200 }, startAt);
		expect(throttled).toBe(0);
		// 8 full burst windows: about 8 s (a stall on the published 150/min would take a minute).
		expect(ms).toBeLessThan(9_500);
	});
});
