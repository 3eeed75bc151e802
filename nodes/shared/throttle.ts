/**
 * Request pacing shared by every node run in this n8n process: a limiter per credential that keeps
 * to the vendor's published limits and learns other tiers from X-RateLimit-* headers. A vendor may
 * count per ACCOUNT (Ocamba: docs.ocamba.com/guides/core/core-platform-settings/rate-limits), so
 * other credentials of the account, other nodes and other n8n worker processes spend the same budget.
 * They share nothing with this limiter but the server's answers, and these are enough:
 * - the server's count wins: while an announced window runs, what it still allows (minus what we
 *   sent since the answer) is all we may send;
 * - what others use shows in the announcements: the remaining count falls faster than our own
 *   requests explain. Our part of the account's use is then our share: windows the server did not
 *   announce (it announces one at a time) get only that share of their limit, and of an announced
 *   window's remainder we take only our share before the next answer, so clients together stay
 *   within the limits;
 * - a 429 halves what we allow ourselves at once, which then grows back (additive increase,
 *   multiplicative decrease, as TCP and the AWS SDKs' adaptive retry do), for what no announcement
 *   could foresee (a client that just started);
 * - our share is a guess, the server's count is not: a long window our share alone holds us back in
 *   (the server's last count still had room) gets one request per shortest window anyway, whose
 *   answer is the fresh count (see waitTime).
 * How close this gets is measured in test/shared/throttle.test.ts (several clients on one account)
 * and bench figure 4 (one client: the allowed rate is used).
 */
import { sleep } from 'n8n-workflow';

export interface RateWindow {
	/** Requests allowed per window. */
	limit: number;
	/** Window length in milliseconds. */
	ms: number;
}

/** What the server said about one of its windows in one answer (X-RateLimit-*). */
interface Announcement {
	/** When the server's current window ends (its counter restarts), by our clock. */
	resetAt: number;
	/** Requests the server still allowed in that window when it counted the request. */
	remaining: number;
	/** The ticket of the request that brought this answer (our requests after it are not counted in it). */
	ticket: number;
}

/** The first answer read in one of the server's windows: what others used is measured against it. */
interface Baseline extends Announcement {
	/** The lowest remaining count seen in this window (it never grows within one). */
	lowest: number;
}

/**
 * The least margin for clocks and arrival jitter: a request sent this close before a server window
 * resets may still arrive after it and count in the new window. The measured round trip widens it.
 */
const BOUNDARY_MARGIN_MS = 25;
/** The smallest share of a window we keep allowing ourselves, however busy the account. */
const MIN_SHARE = 0.05;
/** After a 429 halved our share, how much of it comes back per shortest window without one. */
const RECOVERY_PER_WINDOW = 0.1;
/** Others' use is measured from at least this many requests the server counted. */
const MIN_SAMPLE = 4;

export class RateLimiter {
	private sent: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();
	/** Per window (same index as `windows`): the server's own count, when it announced it. */
	private server: Array<Announcement | undefined> = [];
	/** Per window: whether its limit came from the server (X-RateLimit-Limit) rather than our defaults. */
	private learned: boolean[] = [];
	/** Requests counted so far; each one's number is its ticket. */
	private issued = 0;
	/** When each request in flight was sent, by ticket (its round trip widens the boundary margin). */
	private inFlight = new Map<number, number>();
	/** The most requests we had in flight at once: how far our own answers can be out of order. */
	private peakInFlight = 1;
	/** The longest recent round trip (decaying), in ms. */
	private roundTripMs = 0;
	/** Per window: the baseline of the server window being read. */
	private baselines: Array<Baseline | undefined> = [];
	/** Per window: the part of the account's requests other clients made, when last measured. */
	private others: Array<{ part: number; used: number; at: number } | undefined> = [];
	/** After a 429: our share, and when it was cut (it grows back from there). */
	private backoff = { share: 1, at: 0 };

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
				// Looked at again at least once per shortest window: an answer to a request in flight or a
				// share growing back after a 429 may end the wait early.
				await sleep(Math.min(wait, this.shortestMs));
			}
			const at = now();
			this.sent.push(at);
			ticket = ++this.issued;
			this.inFlight.set(ticket, at);
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight.size);
		});
		// A failing sleep must not poison the queue for later callers.
		this.queue = turn.catch(() => undefined);
		await turn;
		return ticket;
	}

	private get shortestMs(): number {
		return Math.min(...this.windows.map((w) => w.ms), 1000);
	}

	private get marginMs(): number {
		return Math.max(BOUNDARY_MARGIN_MS, this.roundTripMs);
	}

	/**
	 * Our part of the account's budget (1 when we are alone): the smaller of what the server's counts
	 * leave us after others' use, and what the last 429 left us (growing back since).
	 */
	share(at: number = Date.now()): number {
		const recovered = this.backoff.share + (RECOVERY_PER_WINDOW * Math.max(0, at - this.backoff.at)) / this.shortestMs;
		// The measurement from the most requests wins; one holds for two of its windows (others that
		// stopped are forgotten after that).
		let best: { part: number; used: number } | undefined;
		this.others.forEach((other, index) => {
			if (other && at - other.at < 2 * this.windows[index].ms && (!best || other.used > best.used)) best = other;
		});
		return Math.max(MIN_SHARE, Math.min(1, recovered, 1 - (best?.part ?? 0)));
	}

	/**
	 * How long the next request must wait. What the server's count (or our own requests alone) says is
	 * used up is waited out to the window's reset, however long. What only our share rations (a guess
	 * from others' use, cut by a 429) is waited out too in the shortest window, and in a longer window
	 * when its last announced count leaves no more than one request for each client we share it with;
	 * otherwise it holds us back for at most one shortest window after our last request, and then one
	 * request goes: its answer is what tells every client the account's current count. Before this
	 * probe, three workers that had each used their share of a minute window's announced remainder all
	 * waited for its reset, nobody sent, so no answer could say the server still allowed half the
	 * minute (bench figure 7: 48 s idle).
	 */
	private waitTime(at: number): number {
		let used = Math.max(0, this.pausedUntil - at);
		let rationed = 0;
		let probeable = 0;
		const shortest = Math.min(...this.windows.map((w) => w.ms));
		const longest = Math.max(...this.windows.map((w) => w.ms), 0);
		while (this.sent.length && this.sent[0] <= at - longest) this.sent.shift();
		const share = this.share(at);
		const margin = this.marginMs;
		this.windows.forEach((window, index) => {
			const ration = (wait: number, probe: boolean) => {
				if (probe && window.ms > shortest) probeable = Math.max(probeable, wait);
				else rationed = Math.max(rationed, wait);
			};
			const server = this.server[index];
			if (server && at < server.resetAt) {
				// The server's window is still running and it told us its count: what it still allows, and
				// our share of that, minus what we sent after the request it answered and what we sent before
				// it that is still on its way (it may arrive after it, uncounted).
				let uncounted = this.issued - server.ticket;
				for (const ticket of this.inFlight.keys()) if (ticket < server.ticket) uncounted += 1;
				const ours = Math.floor(server.remaining * share);
				const untilReset = server.resetAt - at + margin;
				if (server.remaining - uncounted <= 0) used = Math.max(used, untilReset);
				else if (ours - uncounted <= 0) ration(untilReset, server.remaining - uncounted > 1 / share);
				return;
			}
			// Our own sliding count against the limit and against our share of it; requests sent well
			// before the server's last reset no longer count for it (fixed windows), so a fresh window can
			// be used from its start.
			const from = server ? Math.max(at - window.ms, server.resetAt - margin) : at - window.ms;
			const inWindow = this.sent.filter((t) => t > from);
			const freeIn = (allowed: number) => inWindow[inWindow.length - allowed] + window.ms - at + 1;
			if (inWindow.length >= window.limit) used = Math.max(used, freeIn(window.limit));
			const budget = Math.max(1, Math.floor(window.limit * share));
			if (inWindow.length >= budget) ration(freeIn(budget), true);
		});
		const lastSent = this.sent[this.sent.length - 1];
		const nextProbe = lastSent === undefined ? 0 : Math.max(0, lastSent + this.shortestMs - at);
		return Math.max(used, rationed, Math.min(probeable, nextProbe));
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
				this.baselines[at] = undefined;
				this.baselines[index] = undefined;
			}
		});
		return this.windows.findIndex((w) => w.limit === limit);
	}

	/**
	 * Reads X-RateLimit-Limit / -Remaining / -Reset (seconds), or Retry-After (a 429). The server's own
	 * count wins: none remaining pauses until the reset, a limit different from ours for that window
	 * replaces ours (another account tier), and while that window runs, what it still allows is what we
	 * may send. `ticket` is the answered request's (from acquire()); without it the counts are not used.
	 * Call it once per request acquired, whatever the outcome (the headers may be empty).
	 */
	observe(headers: Record<string, unknown> | undefined, now: () => number = Date.now, ticket?: number) {
		const at = now();
		const sentAt = ticket === undefined ? undefined : this.inFlight.get(ticket);
		if (sentAt !== undefined) {
			this.inFlight.delete(ticket!);
			this.roundTripMs = Math.max(at - sentAt, this.roundTripMs * 0.95);
		}
		if (!headers) return;
		const read = (name: string) => {
			const value = headers[name] ?? headers[name.toLowerCase()];
			const number = Number(Array.isArray(value) ? value[0] : value);
			return value === undefined || value === '' || Number.isNaN(number) ? undefined : number;
		};
		if (read('retry-after') !== undefined) this.throttled(at);
		const remaining = read('x-ratelimit-remaining');
		const reset = read('x-ratelimit-reset');
		const limit = read('x-ratelimit-limit');
		if (remaining !== undefined && remaining <= 0 && reset !== undefined && reset > 0) {
			this.pause(Math.min(reset, 120) * 1000, () => at);
		}
		if (limit === undefined || limit <= 0 || reset === undefined) return;
		if (this.windows.length === 0) return;
		let index = this.windowFor(limit, reset);
		if (this.windows[index].limit !== limit || !this.learned[index]) index = this.learn(index, limit);
		if (remaining === undefined || ticket === undefined) return;
		const announcement: Announcement = { resetAt: at + Math.min(reset, 120) * 1000, remaining, ticket };
		this.measureOthers(index, announcement, at);
		// Answers arrive in any order, but within one server window the count only grows: the lowest
		// remaining announced is the latest count. A later window replaces an earlier one.
		const previous = this.server[index];
		if (previous && at < previous.resetAt) {
			const sameWindow = Math.abs(announcement.resetAt - previous.resetAt) < this.windows[index].ms / 2;
			if (sameWindow ? announcement.remaining >= previous.remaining : announcement.resetAt < previous.resetAt) return;
		}
		this.server[index] = announcement;
	}

	/**
	 * What other clients of the account used in this server window: the server counted `used`
	 * requests between the baseline's request and this one; ours among them are the requests we sent
	 * in between, give or take those in flight (their answers may come in any order). The rest is
	 * theirs. Never more than is sure, so a client alone never sees others.
	 */
	private measureOthers(index: number, answer: Announcement, at: number) {
		const base = this.baselines[index];
		if (!base || at >= base.resetAt || Math.abs(answer.resetAt - base.resetAt) >= this.windows[index].ms / 2) {
			// A new server window (or the first answer): measure against this one from now on.
			this.baselines[index] = { ...answer, lowest: answer.remaining };
			return;
		}
		// An answer that overtook a later one says nothing new.
		if (answer.remaining > base.lowest || answer.ticket <= base.ticket) return;
		base.lowest = answer.remaining;
		const used = base.remaining - answer.remaining;
		if (used < MIN_SAMPLE) return;
		const theirs = Math.max(0, used - (answer.ticket - base.ticket) - this.peakInFlight);
		this.others[index] = { part: theirs / used, used, at };
	}

	/** A 429 (Retry-After): our share is halved, once per shortest window however many answers say so. */
	private throttled(at: number) {
		if (this.backoff.at !== 0 && at - this.backoff.at < this.shortestMs) return;
		this.backoff = { share: Math.max(MIN_SHARE, this.share(at) / 2), at };
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
