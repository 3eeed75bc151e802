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

export class RateLimiter {
	private sent: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(private windows: RateWindow[]) {}

	get limits(): readonly RateWindow[] {
		return this.windows;
	}

	/** Waits until a request may be sent without exceeding any window, then counts it. */
	async acquire(now: () => number = Date.now): Promise<void> {
		const turn = this.queue.then(async () => {
			for (;;) {
				const wait = this.waitTime(now());
				if (wait <= 0) break;
				await sleep(wait);
			}
			this.sent.push(now());
		});
		// A failing sleep must not poison the queue for later callers.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	private waitTime(at: number): number {
		let wait = Math.max(0, this.pausedUntil - at);
		const longest = Math.max(...this.windows.map((w) => w.ms), 0);
		while (this.sent.length && this.sent[0] <= at - longest) this.sent.shift();
		for (const window of this.windows) {
			const inWindow = this.sent.filter((t) => t > at - window.ms);
			if (inWindow.length >= window.limit) {
				wait = Math.max(wait, inWindow[inWindow.length - window.limit] + window.ms - at + 1);
			}
		}
		return wait;
	}

	/** Holds every request back for `ms` (after a 429, or when the server says none remain). */
	pause(ms: number, now: () => number = Date.now) {
		this.pausedUntil = Math.max(this.pausedUntil, now() + ms);
	}

	/**
	 * Reads X-RateLimit-Limit / -Remaining / -Reset (seconds). The server's own count wins: none
	 * remaining pauses until the reset, and a limit different from ours for a window of that length
	 * replaces ours (another account tier).
	 */
	observe(headers: Record<string, unknown> | undefined, now: () => number = Date.now) {
		if (!headers) return;
		const read = (name: string) => {
			const value = headers[name] ?? headers[name.toLowerCase()];
			const number = Number(Array.isArray(value) ? value[0] : value);
			return value === undefined || value === '' || Number.isNaN(number) ? undefined : number;
		};
		const remaining = read('x-ratelimit-remaining');
		const reset = read('x-ratelimit-reset');
		const limit = read('x-ratelimit-limit');
		if (remaining !== undefined && remaining <= 0 && reset !== undefined && reset > 0) {
			this.pause(Math.min(reset, 120) * 1000, now);
		}
		if (limit !== undefined && limit > 0 && reset !== undefined) {
			// The window the server reports is the one whose reset is at most its length away.
			const window = this.windows.find((w) => reset * 1000 <= w.ms) ?? this.windows[this.windows.length - 1];
			if (window && window.limit !== limit) window.limit = limit;
		}
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
