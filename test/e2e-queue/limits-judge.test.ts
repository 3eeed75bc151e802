/**
 * The judge of the queue-mode limits run (scripts/n8n/queue-load.ts) on made-up runs: it must see
 * an item created twice, one never created, errors that reached the workflow, executions that shared
 * a worker or did not overlap, and compute the allowed rate from the server's fixed windows.
 */
import { judgeLimits, loadNames, minimumDurationMs, perSecondCounts, type LoadExecution, type LoadRun, type MeteredAnswer } from '../../scripts/n8n/queue-load';

const LIMITS = { perSecond: 10, perMinute: 150 };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function execution(id: number, worker: string, items: number, overrides: Partial<LoadExecution> = {}): LoadExecution {
	return { id: String(id), status: 'success', worker, jobId: String(id), items, errors: [], startedAt: new Date(T0).toISOString(), stoppedAt: new Date(T0 + 60_000).toISOString(), ...overrides };
}

/** The server's answers for the names, `perSecond` created per clock second from T0. */
function answersFor(names: string[], perSecond: number): MeteredAnswer[] {
	return names.map((name, index) => ({ at: T0 + Math.floor(index / perSecond) * 1000 + (index % perSecond), status: 201, method: 'POST', path: '/v2/ocamba/accounts', name }));
}

function run(executions: LoadExecution[]): LoadRun {
	return { vendor: 'ocamba', executions, spanMs: 60_000, itemsSent: executions.reduce((sum, e) => sum + e.items, 0) };
}

test('minimumDurationMs: full seconds from the first request, and the minute window when it binds', () => {
	expect(minimumDurationMs(10, LIMITS, T0)).toBe(0);
	expect(minimumDurationMs(11, LIMITS, T0)).toBe(1000);
	expect(minimumDurationMs(30, LIMITS, T0 + 400)).toBe(2000 - 400);
	// 150 per clock minute: the 151st waits for the next minute.
	expect(minimumDurationMs(151, LIMITS, T0)).toBe(60_000);
	expect(minimumDurationMs(900, { perSecond: 50, perMinute: 1200 }, T0)).toBe(17_000);
});

test('perSecondCounts counts per clock second, empty seconds as 0', () => {
	expect(perSecondCounts([T0 + 10, T0 + 20, T0 + 2500])).toEqual([2, 0, 1]);
});

test('a clean run passes, at the allowed rate', () => {
	const names = loadNames(3, 20, 'x');
	const verdict = judgeLimits(run([execution(1, 'worker-1', 20), execution(2, 'worker-2', 20), execution(3, 'worker-3', 20)]), answersFor(names.flat(), 10), names, LIMITS, 3);
	expect(verdict.problems).toEqual([]);
	expect(verdict.created).toBe(60);
	expect(verdict.utilisation).toBeCloseTo(1, 1);
	expect(verdict.ok).toBe(true);
});

test('it sees an item created twice, one never created, 429s, surfaced errors and a shared worker', () => {
	const names = loadNames(3, 20, 'x');
	const answers = answersFor(names.flat(), 10);
	answers[5] = { ...answers[5], name: names[0][4] };
	answers.push({ ...answers[0], status: 429, at: T0 + 100 });
	const executions = [execution(1, 'worker-1', 20), execution(2, 'worker-1', 20, { errors: ['execution 2: 429'] }), execution(3, 'worker-3', 19, { status: 'error' })];
	const verdict = judgeLimits(run(executions), answers, names, LIMITS, 3);
	expect(verdict.duplicates).toEqual([names[0][4]]);
	expect(verdict.missing).toEqual([names[0][5]]);
	expect(verdict.answered429).toBe(1);
	expect(verdict.surfaced).toBe(2);
	expect(verdict.problems.join('\n')).toMatch(/ran on 2 worker\(s\)/);
	expect(verdict.problems.join('\n')).toMatch(/created twice/);
	expect(verdict.problems.join('\n')).toMatch(/never created/);
	expect(verdict.problems.join('\n')).toMatch(/expected 20 each/);
	expect(verdict.ok).toBe(false);
});

test('executions one after another, or a slow rate, do not pass', () => {
	const names = loadNames(2, 20, 'x');
	const minute = 60_000;
	const apart = [execution(1, 'worker-1', 20), execution(2, 'worker-2', 20, { startedAt: new Date(T0 + 2 * minute).toISOString(), stoppedAt: new Date(T0 + 3 * minute).toISOString() })];
	expect(judgeLimits(run(apart), answersFor(names.flat(), 10), names, LIMITS, 2).problems.join('\n')).toMatch(/same time/);
	const slow = judgeLimits(run([execution(1, 'worker-1', 20), execution(2, 'worker-2', 20)]), answersFor(names.flat(), 5), names, LIMITS, 2);
	expect(slow.problems).toEqual([]);
	expect(slow.meetsRate).toBe(false);
	expect(slow.ok).toBe(false);
});
