/**
 * Ocamba's rate limits as docs.ocamba.com/guides/core/core-platform-settings/rate-limits states them:
 * per ACCOUNT (every token of the account counts together), fixed 1-second and 1-minute windows, tier
 * C = 10/s and 150/min for every endpoint we use. Answers that did not hit a limit carry
 * X-RateLimit-Limit / -Remaining / -Reset ("the number of seconds left until the rate limit window
 * refreshes"); a 429 carries Retry-After instead ("-1": the parallel limit, no wait known).
 */

export interface OcambaRateLimits {
	/** Requests per fixed 1 s window, per account (Ocamba: 10). */
	perSecond: number;
	/** Requests per fixed 1 min window, per account (Ocamba: 150). */
	perMinute: number;
	/** Enforce limits at all (headers are sent and requests counted either way). */
	enabled: boolean;
	/** Send `Retry-After: -1` (the "parallel limit, no wait known" answer) instead of the seconds. */
	retryAfterUnknown: boolean;
}

export const DEFAULT_OCAMBA_RATE_LIMITS: OcambaRateLimits = { perSecond: 10, perMinute: 150, enabled: true, retryAfterUnknown: false };

/** One account's fixed, clock-aligned windows: which second / minute they are in and the count so far. */
export interface RateCounter {
	second: number;
	secondCount: number;
	minute: number;
	minuteCount: number;
}

export type RateAnswer = { status: 429; waitMs: number } | { status: 200; headers: Record<string, string> };

export function newRateCounter(): RateCounter {
	return { second: 0, secondCount: 0, minute: 0, minuteCount: 0 };
}

/**
 * Counts one request at `now` against the account's windows: a 429 (and how long until the window
 * that is full resets) or the X-RateLimit-* headers of the answer. Pure, so the client's limiter can
 * be tested against the same server model on a fake clock.
 *
 * The guide says the headers tell "how much is left during that time window" without saying which of
 * the two: the sandbox announces the window with the smaller share left (so clients learn both), and
 * Reset in seconds with millisecond precision (e.g. "0.412").
 */
export function countRequest(counter: RateCounter, limits: OcambaRateLimits, now: number): RateAnswer {
	const second = Math.floor(now / 1000);
	const minute = Math.floor(now / 60000);
	if (counter.second !== second) Object.assign(counter, { second, secondCount: 0 });
	if (counter.minute !== minute) Object.assign(counter, { minute, minuteCount: 0 });
	const secondReset = (second + 1) * 1000 - now;
	const minuteReset = (minute + 1) * 60000 - now;
	if (limits.enabled && (counter.secondCount >= limits.perSecond || counter.minuteCount >= limits.perMinute)) {
		return { status: 429, waitMs: counter.minuteCount >= limits.perMinute ? minuteReset : secondReset };
	}
	counter.secondCount += 1;
	counter.minuteCount += 1;
	const secondLeft = Math.max(0, limits.perSecond - counter.secondCount);
	const minuteLeft = Math.max(0, limits.perMinute - counter.minuteCount);
	const useMinute = minuteLeft / limits.perMinute < secondLeft / limits.perSecond;
	return {
		status: 200,
		headers: {
			'X-RateLimit-Limit': String(useMinute ? limits.perMinute : limits.perSecond),
			'X-RateLimit-Remaining': String(useMinute ? minuteLeft : secondLeft),
			'X-RateLimit-Reset': String(Math.max(1, useMinute ? minuteReset : secondReset) / 1000),
		},
	};
}

/**
 * What each account's windows accepted, for tests that check several clients together stayed within
 * the limits: per clock second and per clock minute, the requests counted (with enforcement off, a
 * count above the limit is a client that overshot).
 */
export class AccountUsage {
	private readonly perSecond = new Map<string, Map<number, number>>();
	private readonly perMinute = new Map<string, Map<number, number>>();

	count(account: string, now: number) {
		for (const [table, key] of [
			[this.perSecond, Math.floor(now / 1000)],
			[this.perMinute, Math.floor(now / 60000)],
		] as const) {
			let windows = table.get(account);
			if (!windows) table.set(account, (windows = new Map()));
			windows.set(key, (windows.get(key) ?? 0) + 1);
		}
	}

	/** The busiest second and minute of an account. */
	peak(account: string): { second: number; minute: number } {
		const max = (windows?: Map<number, number>) => Math.max(0, ...(windows?.values() ?? []));
		return { second: max(this.perSecond.get(account)), minute: max(this.perMinute.get(account)) };
	}

	clear() {
		this.perSecond.clear();
		this.perMinute.clear();
	}
}
