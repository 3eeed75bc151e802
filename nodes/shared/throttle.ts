/**
 * Request pacing shared by every node run in this n8n process: a sliding-window limiter per vendor
 * account, so many items (or several nodes on one account) stay under the vendor's published limits,
 * and learns from X-RateLimit-* headers so other account tiers work without configuration.
 */
import { sleep } from 'n8n-workflow';

export interface RateWindow {
	/** Requests allowed per window. */
	limit: number;
	/** Window length in milliseconds. */
	ms: number;
}

/** What the server last said about one of its windows (X-RateLimit-* on an answer). */
interface ServerWindow {
	/** When the server's current window ends (its counter restarts). */
	resetAt: number;
	/** Requests the server still allowed in that window when it answered. */
	remaining: number;
	/** The ticket of the request that brought this answer: later tickets are not in `remaining` yet. */
	ticket: number;
}

/**
 * Margin for clocks and arrival jitter: a request sent this close before a server window resets may
 * still arrive after it and count in the new window.
 */
const BOUNDARY_MARGIN_MS = 25;

export class RateLimiter {
	private sent: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();
	/** Per window (same index as `windows`): the server's own count, when it announced it. */
	private server: Array<ServerWindow | undefined> = [];
	/** Per window: whether its limit came from the server (X-RateLimit-Limit) rather than our defaults. */
	private learned: boolean[] = [];
	/** Requests counted so far; each one's number is its ticket. */
	private issued = 0;

	/** `windows` shortest first. */
	constructor(private windows: RateWindow[]) {}

	get limits(): readonly RateWindow[] {
		return this.windows;
	}

	/**
	 * Waits until a request may be sent without exceeding any window, then counts it. Resolves with
	 * its ticket; pass it to observe() with the answer's headers.
	 */
	async acquire(now: () => number = Date.now): Promise<number> {
		let ticket = 0;
		const turn = this.queue.then(async () => {
			for (;;) {
				const wait = this.waitTime(now());
				if (wait <= 0) break;
				await sleep(wait);
			}
			this.sent.push(now());
			ticket = ++this.issued;
		});
		// A failing sleep must not poison the queue for later callers.
		this.queue = turn.catch(() => undefined);
		await turn;
		return ticket;
	}

	private waitTime(at: number): number {
		let wait = Math.max(0, this.pausedUntil - at);
		const longest = Math.max(...this.windows.map((w) => w.ms), 0);
		while (this.sent.length && this.sent[0] <= at - longest) this.sent.shift();
		this.windows.forEach((window, index) => {
			const server = this.server[index];
			if (server && at < server.resetAt) {
				// The server's window is still running and it told us its count: use what it allows,
				// minus what we sent after the request it answered.
				if (server.remaining - (this.issued - server.ticket) <= 0) {
					wait = Math.max(wait, server.resetAt - at + BOUNDARY_MARGIN_MS);
				}
				return;
			}
			// Our own sliding count; requests sent well before the server's last reset no longer count
			// for it (fixed windows), so a fresh window can be used from its start.
			const from = server ? Math.max(at - window.ms, server.resetAt - BOUNDARY_MARGIN_MS) : at - window.ms;
			const inWindow = this.sent.filter((t) => t > from);
			if (inWindow.length >= window.limit) {
				wait = Math.max(wait, inWindow[inWindow.length - window.limit] + window.ms - at + 1);
			}
		});
		return wait;
	}

	/** Holds every request back for `ms` (after a 429, or when the server says none remain). */
	pause(ms: number, now: () => number = Date.now) {
		this.pausedUntil = Math.max(this.pausedUntil, now() + ms);
	}

	/**
	 * Which of our windows (shortest first) an announcement describes: the one with that limit;
	 * else one the reset fits in, preferring a window whose limit the server has not told us yet.
	 * The reset alone is not enough: near a clock-minute boundary the minute window resets within a
	 * second too, and taking it for the burst window left the minute window at its published limit.
	 */
	private windowFor(limit: number, resetSeconds: number): number {
		const exact = this.windows.findIndex((w) => w.limit === limit);
		if (exact >= 0) return exact;
		const fits = this.windows.map((_, index) => index).filter((index) => resetSeconds * 1000 <= this.windows[index].ms);
		if (fits.length === 0) return this.windows.length - 1;
		return fits.find((index) => !this.learned[index]) ?? fits[0];
	}

	/**
	 * Sets a window's limit from the server, keeping longer windows at no fewer requests than shorter
	 * ones. Returns the window that now has that limit (the announcement's window).
	 */
	private learn(index: number, limit: number): number {
		this.windows[index].limit = limit;
		this.learned[index] = true;
		// A longer window allowing fewer requests than a shorter one means an earlier announcement was
		// taken for the wrong window: swap the two limits (and forget the counts read with them).
		this.windows.forEach((other, at) => {
			if (at === index || !this.learned[at]) return;
			const [shorter, longer] = at < index ? [other, this.windows[index]] : [this.windows[index], other];
			if (shorter.limit > longer.limit) {
				[shorter.limit, longer.limit] = [longer.limit, shorter.limit];
				this.server[at] = undefined;
				this.server[index] = undefined;
			}
		});
		return this.windows.findIndex((w) => w.limit === limit);
	}

	/**
	 * Reads X-RateLimit-Limit / -Remaining / -Reset (seconds). The server's own count wins: none
	 * remaining pauses until the reset, a limit different from ours for that window replaces ours
	 * (another account tier), and while that window runs, what it still allows is what we may send.
	 * `ticket` is the answered request's (from acquire()); without it the counts are not used.
	 */
	observe(headers: Record<string, unknown> | undefined, now: () => number = Date.now, ticket?: number) {
		if (!headers) return;
		const read = (name: string) => {
			const value = headers[name] ?? headers[name.toLowerCase()];
			const number = Number(Array.isArray(value) ? value[0] : value);
			return value === undefined || value === '' || Number.isNaN(number) ? undefined : number;
		};
		const remaining = read('x-ratelimit-remaining');
		const reset = read('x-ratelimit-reset');
		const limit = read('x-ratelimit-limit');
		const at = now();
		if (remaining !== undefined && remaining <= 0 && reset !== undefined && reset > 0) {
			this.pause(Math.min(reset, 120) * 1000, () => at);
		}
		if (limit === undefined || limit <= 0 || reset === undefined) return;
		if (this.windows.length === 0) return;
		let index = this.windowFor(limit, reset);
		if (this.windows[index].limit !== limit || !this.learned[index]) index = this.learn(index, limit);
		if (remaining === undefined || ticket === undefined) return;
		const previous = this.server[index];
		// Answers can arrive out of order: only a newer request's answer replaces what we know.
		if (previous && previous.ticket > ticket && previous.resetAt > at) return;
		this.server[index] = { resetAt: at + Math.min(reset, 120) * 1000, remaining, ticket };
	}
}

const limiters = new Map<string, RateLimiter>();

/** One limiter per key (vendor + credential + base URL) for the whole process. */
export function getRateLimiter(key: string, windows: RateWindow[]): RateLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(windows.map((w) => ({ ...w })));
		limiters.set(key, limiter);
	}
	return limiter;
}

/** For tests and benchmarks that change the sandbox's limits between runs. */
export function forgetRateLimiters() {
	limiters.clear();
}
