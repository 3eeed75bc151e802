/**
 * The rate limiter paces from what the server announces (X-RateLimit-*): a new tier's limit replaces
 * the published one, none remaining waits for the reset, and a server window that has reset can be
 * used from its start instead of waiting out our own sliding window (Ocamba's windows are fixed).
 * Several limiters that share nothing (other credentials of the account, other n8n processes) stay
 * within the account's limits together, from the server's answers alone.
 */
import { RateLimiter } from '../../nodes/shared/throttle';
import { countRequest } from '../../sandbox/ocamba';
// How bench figure 7 judges a run: the shortest time the same requests could take under the limits.
import { minimumDurationMs } from '../../scripts/n8n/queue-load';

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

test('within one server window the lowest count announced wins, whatever order the answers come in', async () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1000 }]);
	const tickets = [];
	for (let i = 0; i < 4; i++) tickets.push(await limiter.acquire());
	// The server counted ticket 3 before tickets 1 and 2 (they took longer to get there), then 4.
	limiter.observe(headers(10, 3, 0.3), Date.now, tickets[3]);
	limiter.observe(headers(10, 6, 0.3), Date.now, tickets[2]);
	limiter.observe(headers(10, 4, 0.3), Date.now, tickets[0]);
	limiter.observe(headers(10, 5, 0.3), Date.now, tickets[1]);
	// 3 remain and nothing of ours is in flight: three go now, the fourth waits for the reset.
	const three = await timed(async () => {
		for (let i = 0; i < 3; i++) await limiter.acquire();
	});
	expect(three).toBeLessThan(200);
	expect(await timed(() => limiter.acquire())).toBeGreaterThanOrEqual(250);
});

test('requests still on their way when an answer was counted are not taken for counted', async () => {
	const limiter = new RateLimiter([{ limit: 10, ms: 1000 }]);
	const first = await limiter.acquire();
	const second = await limiter.acquire();
	// The second arrived first: 2 remain after it, the first is still on its way and may take one.
	limiter.observe(headers(10, 2, 0.3), Date.now, second);
	expect(await timed(() => limiter.acquire())).toBeLessThan(200);
	expect(await timed(() => limiter.acquire())).toBeGreaterThanOrEqual(250);
	limiter.observe(undefined, Date.now, first);
});

describe('sharing the account with clients it cannot see', () => {
	test('others\' use shows in the announcements: what is left of the account\'s use is our share', () => {
		const limiter = new RateLimiter([{ limit: 10, ms: 1000 }, { limit: 150, ms: 60_000 }]);
		const at = 1_000_000;
		const clock = () => at;
		let ticket = 0;
		// Our requests one at a time; between two of our answers the account's count falls by 3: two are others'.
		for (let i = 0; i < 10; i++) {
			ticket += 1;
			limiter.observe(headers(150, 120 - 3 * i, 30), clock, ticket);
		}
		// (The tickets were not acquired here, so nothing counts as in flight.)
		expect(limiter.share(at)).toBeCloseTo(1 / 3, 1);
	});

	test('a client alone never sees others, however its answers are ordered', async () => {
		const result = await simulate({ clients: 1, inFlight: 4, requests: 400 });
		expect(result.throttled).toBe(0);
		expect(result.minShare).toBe(1);
	});

	test('a 429 halves the share at once (once per window), which then grows back', () => {
		const limiter = new RateLimiter([{ limit: 10, ms: 1000 }, { limit: 150, ms: 60_000 }]);
		limiter.observe({ 'retry-after': '1' }, () => 5_000, 1);
		limiter.observe({ 'retry-after': '1' }, () => 5_100, 2);
		expect(limiter.share(5_100)).toBeCloseTo(0.5 + 0.01, 2);
		expect(limiter.share(7_000)).toBeCloseTo(0.7, 2);
		expect(limiter.share(12_000)).toBe(1);
	});

	// Clients on one account (tier C, 10/s and 150/min, counted per account by the sandbox's model),
	// each with its own limiter, a network with jitter, answers out of order. The limiter before this
	// design, on the same runs: 7.4 % of requests refused with 2 clients one at a time, 26 % with 2
	// clients four at a time, 22 % with 3 clients two at a time. Several clients that see each other
	// only through the answers are a chaotic system: one run's count of 429s swings between 0.5 % and
	// 5 % with the seed of the jitter (over 40 seeds, 2 clients four at a time averaged 2.4 % before
	// the probe of bench figure 7 and 2.3 % after), so the design is judged over eight seeded runs.
	test.each([
		[2, 1],
		[3, 1],
		[4, 1],
		[2, 4],
		[3, 2],
	])('%i clients with %i in flight each: under 3 %% refused over eight runs (429, waited out), every minute used', async (clients, inFlight) => {
		let refused = 0;
		let requests = 0;
		for (let seed = 1; seed <= 8; seed++) {
			const result = await simulate({ clients, inFlight, requests: 300, seed });
			refused += result.throttled;
			requests += result.accepted + result.throttled;
			// Every full minute carried at least 145 of the 150 allowed (nothing idles while work waits).
			const full = result.perMinute.slice(0, -1);
			expect(full.length).toBeGreaterThanOrEqual(2);
			expect({ seed, leastInAMinute: Math.min(...full) >= 145 }).toEqual({ seed, leastInAMinute: true });
		}
		expect(refused / requests).toBeLessThan(0.03);
	});
});

test('a share of a minute window used up holds back for one burst window, then a probe: its answer resumes the pace', async () => {
	// Bench figure 7's stall: others' use measured at 2/3 and a 429 left this client a part of the
	// minute's announced remainder; once it had sent that many (answers then named only the burst
	// window: the server names one window per answer), it waited for the minute's reset, 30 s, as did
	// the other workers, so no answer could tell them the minute still had room.
	const start = Date.UTC(2026, 10, 29, 23, 0, 10, 500);
	jest.useFakeTimers({ now: start });
	try {
		const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
		const minuteLeft = () => (60_000 - (Date.now() % 60_000)) / 1000;
		let minuteUsed = 300;
		const burst = { second: 0, count: 0 };
		/** The server's answer: the burst window while it is busy; a request alone after a quiet spell gets the minute window. */
		const answer = (quiet: boolean) => {
			minuteUsed += 1;
			const second = Math.floor(Date.now() / 1000);
			if (burst.second !== second) Object.assign(burst, { second, count: 0 });
			burst.count += 1;
			return quiet ? headers(1200, 1200 - minuteUsed, minuteLeft()) : headers(50, 50 - burst.count, (1000 - (Date.now() % 1000)) / 1000);
		};
		let longestWait = 0;
		let paced = 0;
		const run = (async () => {
			// Ten answers naming the minute window: the account's count grows by 3 for each of ours (two
			// are other workers'). Then a 429, and the other workers stop (they are waiting too).
			for (let i = 0; i < 10; i++) {
				minuteUsed += 2;
				limiter.observe(answer(true), Date.now, await limiter.acquire());
			}
			limiter.observe({ 'retry-after': '1' }, Date.now, await limiter.acquire());
			paced = Date.now();
			for (let sent = 0; sent < 400; sent++) {
				const asked = Date.now();
				const ticket = await limiter.acquire();
				const waited = Date.now() - asked;
				longestWait = Math.max(longestWait, waited);
				const quiet = waited >= 500;
				await new Promise((resolve) => setTimeout(resolve, 60)); // one item's round trip in the worker
				limiter.observe(answer(quiet), Date.now, ticket);
			}
		})();
		let done = false;
		void run.finally(() => (done = true));
		for (let step = 0; step < 1200 && !done; step++) await jest.advanceTimersByTimeAsync(100);
		await run;
		expect(longestWait).toBeLessThan(1_500);
		// 400 round trips of 60 ms take 24 s; the probe's answer restored the pace after at most a second.
		expect(Date.now() - paced).toBeLessThan(26_500);
	} finally {
		jest.useRealTimers();
	}
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

/**
 * `clients` limiters that share nothing, each sending `requests` with `inFlight` at a time to one
 * account of the sandbox's window model (countRequest), one-way latency 10-30 ms (seeded jitter), on a
 * fake clock. A 429 is waited out as the transport does (pause for Retry-After, then send again).
 */
async function simulate(options: { clients: number; inFlight: number; requests: number; seed?: number }) {
	const startAt = Date.UTC(2026, 0, 1, 12, 0, 20);
	jest.useFakeTimers({ now: startAt });
	try {
		const counter = { second: 0, secondCount: 0, minute: 0, minuteCount: 0 };
		const server = { perSecond: 10, perMinute: 150, enabled: true, retryAfterUnknown: false };
		let seed = options.seed ?? 42;
		const latency = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return 10 + (seed / 2147483648) * 20;
		};
		const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		const limiters: RateLimiter[] = [];
		const result = { throttled: 0, accepted: 0, minShare: 1, perMinute: [] as number[] };
		const minutes = new Map<number, number>();
		const client = async () => {
			const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
			limiters.push(limiter);
			let next = 0;
			const worker = async () => {
				while (next < options.requests) {
					next += 1;
					for (;;) {
						const ticket = await limiter.acquire();
						await pause(latency());
						const answer = countRequest(counter, server, Date.now());
						await pause(latency());
						result.minShare = Math.min(result.minShare, limiter.share());
						if (answer.status === 429) {
							result.throttled += 1;
							const wait = Math.ceil(answer.waitMs / 1000) * 1000;
							limiter.observe({ 'retry-after': String(wait / 1000) }, Date.now, ticket);
							limiter.pause(wait);
							await pause(wait);
							continue;
						}
						result.accepted += 1;
						const minute = Math.floor(Date.now() / 60_000);
						minutes.set(minute, (minutes.get(minute) ?? 0) + 1);
						// Node's HTTP client hands headers over with lower-case names.
						limiter.observe(Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value])), Date.now, ticket);
						break;
					}
				}
			};
			await Promise.all(Array.from({ length: options.inFlight }, worker));
		};
		const run = Promise.all(Array.from({ length: options.clients }, client));
		let done = false;
		void run.finally(() => (done = true));
		for (let step = 0; step < 40_000 && !done; step++) await jest.advanceTimersByTimeAsync(50);
		await run;
		result.perMinute = [...minutes.values()];
		return result;
	} finally {
		jest.useRealTimers();
	}
}

/**
 * n8n workers on one account (bench figure 7), each running one execution of `requests` items one at a
 * time, each with its own limiter (nothing shared but the answers), against the sandbox's own window
 * model (countRequest) on a fake clock. Per item: n8n's own work, then the request layer's loop:
 * acquire, a round trip with jitter (and, on a loaded machine, now and then a stall), and on a 429 the
 * Retry-After the sandbox sends, read by observe() and waited out (at least 1 s) before the same item
 * goes again (nodes/shared/http/request.ts).
 */
async function cluster(options: {
	clients: number;
	requests: number;
	startAt: number;
	limits: { perSecond: number; perMinute: number };
	seed?: number;
	/** How often a one-way trip stalls (a loaded machine: another process has the core), and for up to how long. */
	stalls?: { chance: number; maxMs: number };
}) {
	jest.useFakeTimers({ now: options.startAt });
	try {
		const counter = { second: 0, secondCount: 0, minute: 0, minuteCount: 0 };
		const server = { ...options.limits, enabled: true, retryAfterUnknown: false };
		let seed = options.seed ?? 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		const { chance, maxMs } = options.stalls ?? { chance: 0, maxMs: 0 };
		const oneWay = () => 5 + random() * 25 + (random() < chance ? random() * maxMs : 0);
		const accepted: number[] = [];
		const perMinute = new Map<number, number>();
		const minuteFull = (at: number) => (perMinute.get(Math.floor(at / 60_000)) ?? 0) >= options.limits.perMinute;
		let refused = 0;
		/** Per client: the longest its limiter held a request back while the account's minute had room. */
		const heldBack: number[] = [];
		const client = async (index: number) => {
			const limiter = new RateLimiter([{ limit: 10, ms: 1050 }, { limit: 150, ms: 60_600 }]);
			heldBack[index] = 0;
			await pause(random() * 300); // the workers do not start at the same instant
			for (let item = 0; item < options.requests; item++) {
				await pause(2 + random() * 10); // n8n's own work between two items
				for (;;) {
					const asked = Date.now();
					const ticket = await limiter.acquire();
					if (!minuteFull(asked)) heldBack[index] = Math.max(heldBack[index], Date.now() - asked);
					await pause(oneWay());
					const arrived = Date.now();
					const answer = countRequest(counter, server, arrived);
					await pause(oneWay());
					if (answer.status === 429) {
						refused += 1;
						// What the sandbox's HTTP layer sends, and how the request layer waits it out.
						const retryAfter = Math.max(1, Math.ceil(answer.waitMs / 1000));
						limiter.observe({ 'retry-after': String(retryAfter) }, Date.now, ticket);
						const wait = Math.max(retryAfter * 1000, 1000);
						limiter.pause(wait);
						await pause(wait);
						continue;
					}
					accepted.push(arrived);
					perMinute.set(Math.floor(arrived / 60_000), (perMinute.get(Math.floor(arrived / 60_000)) ?? 0) + 1);
					// Node's HTTP client hands headers over with lower-case names.
					limiter.observe(Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value])), Date.now, ticket);
					break;
				}
			}
		};
		const run = Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
		let done = false;
		void run.finally(() => (done = true));
		for (let step = 0; step < 6000 && !done; step++) await jest.advanceTimersByTimeAsync(50); // five virtual minutes at most
		await run;
		const perSecond = new Map<number, number>();
		for (const at of accepted) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
		const first = Math.min(...accepted);
		const seconds = Array.from({ length: Math.floor(Math.max(...accepted) / 1000) - Math.floor(first / 1000) + 1 }, (_, i) => perSecond.get(Math.floor(first / 1000) + i) ?? 0);
		return {
			accepted: accepted.length,
			refused,
			busiestSecond: Math.max(...perSecond.values()),
			busiestMinute: Math.max(...perMinute.values()),
			/** Achieved rate over allowed rate, as bench figure 7 judges it. */
			ratio: minimumDurationMs(accepted.length, options.limits, first) / Math.max(1, Math.max(...accepted) - first),
			heldBack,
			/** Created per server second, as bench figure 7 prints them. */
			seconds,
		};
	} finally {
		jest.useRealTimers();
	}
}

describe('three workers, 300 items each, on one account at 50/s + 1200/min (bench figure 7)', () => {
	const limits = { perSecond: 50, perMinute: 1200 };
	const minuteBoundary = Date.UTC(2026, 10, 29, 23, 0, 0);
	const offsets: Array<[string, number]> = [
		['0.2 s', 200],
		['13.7 s', 13_700],
		['30.35 s', 30_350],
		['47 s', 47_000],
		['59.5 s', 59_500],
	];
	const judge = (result: Awaited<ReturnType<typeof cluster>>) => {
		const summary = `created per second ${result.seconds.join(' ')}; 429s ${result.refused}; held back at most ${result.heldBack.map(Math.round).join(', ')} ms; rate ${result.ratio.toFixed(2)} of allowed`;
		expect({ accepted: result.accepted, summary }).toEqual({ accepted: 900, summary });
		expect(result.busiestSecond).toBeLessThanOrEqual(limits.perSecond);
		expect(result.busiestMinute).toBeLessThanOrEqual(limits.perMinute);
		expect({ refused: result.refused / (result.accepted + result.refused) < 0.02, summary }).toEqual({ refused: true, summary });
		// No client is held back by its own pacer for a whole burst window and more while the account's
		// minute still has room (Retry-After waits are the request layer's, not counted here): the
		// figure's stall was all three waiting for a minute's reset with half the minute left.
		expect({ heldBack: Math.max(...result.heldBack) < 1_500, summary }).toEqual({ heldBack: true, summary });
		return summary;
	};

	test.each(offsets)('starting %s before a clock minute, quick round trips: ≥ 0.8 of the allowed rate, within the limits', async (_when, before) => {
		const result = await cluster({ clients: 3, requests: 300, startAt: minuteBoundary - before, limits });
		const summary = judge(result);
		expect({ ratio: result.ratio >= 0.8, summary }).toEqual({ ratio: true, summary });
	});

	// A loaded machine (bench figure 7 ran at load average 24): now and then a trip stalls up to 0.6 s.
	// The rate is then bounded by the clients themselves (one item at a time), so what is judged is
	// that the pacer never holds them back while the server allows requests.
	test.each(offsets)('starting %s before a clock minute, round trips stalling on a loaded machine: nobody idles while the server allows', async (_when, before) => {
		for (const seed of [1, 2, 3, 4]) {
			const result = await cluster({ clients: 3, requests: 300, startAt: minuteBoundary - before, limits, seed, stalls: { chance: 0.05, maxMs: 600 } });
			judge(result);
		}
	});
});
