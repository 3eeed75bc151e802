/**
 * The six figures of issue 8 (plus a shared-layer probe). Each returns table rows: the node's figure,
 * the baseline's, their ratio, the target and whether it holds. Checks that are not about speed
 * (request counts, order, pairing, no 429 surfaced) fail the row too.
 */
import type { Job, Vendor } from './common';
import { mb, runWorker, sec, type SandboxProcess, type WorkerResult } from './lib';

export interface Row {
	id: string;
	figure: string;
	name: string;
	node: string;
	baseline: string;
	ratio?: number;
	target: string;
	/** undefined: information only. */
	pass?: boolean;
	notes?: string[];
	data?: Record<string, unknown>;
}

export interface FigureContext {
	sandbox: SandboxProcess;
	quick: boolean;
	log(message: string): void;
}

export interface Figure {
	number: string;
	title: string;
	run(context: FigureContext): Promise<Row[]>;
}

export interface RequestLog {
	count: number;
	counts: Record<string, number>;
	requests: Array<{ method: string; path: string; query: Record<string, string | string[]>; at: number; body?: unknown; headers?: Record<string, unknown> }>;
	statuses: Record<string, number>;
}

export function job(context: FigureContext, scenario: string, side: 'node' | 'raw', args: Job['args']): Job {
	return { scenario, side, urls: context.sandbox.urls, args };
}

export interface Pair {
	/** The fastest run of each side (memory: the smallest peak of each side). */
	node: WorkerResult;
	raw: WorkerResult;
	nodeLog: RequestLog;
	rawLog: RequestLog;
	nodeTimes: number[];
	rawTimes: number[];
	nodeMemory: number;
	rawMemory: number;
}

/**
 * Runs raw and node alternately (who goes first alternates too) `repeat` times each on a freshly reset sandbox (prepared by `before`),
 * keeps the fastest run of each side, the smallest memory peak of each, and the request log of the
 * last run of each (first `logBodies` requests with bodies and headers).
 */
export async function measurePair(
	context: FigureContext,
	vendor: Vendor,
	scenario: string,
	args: Job['args'],
	options: { repeat?: number; before?: () => Promise<void>; logBodies?: number; reset?: boolean } = {},
): Promise<Pair> {
	const repeat = options.repeat ?? (context.quick ? 1 : 2);
	const runs: Record<'node' | 'raw', WorkerResult[]> = { node: [], raw: [] };
	const logs: Partial<Record<'node' | 'raw', RequestLog>> = {};
	for (let round = 0; round < repeat; round++) {
		// Alternate who goes first, so neither side always follows the other's load on the sandbox.
		for (const side of round % 2 === 0 ? (['raw', 'node'] as const) : (['node', 'raw'] as const)) {
			if (options.reset !== false) await context.sandbox.call('reset', vendor);
			await options.before?.();
			await context.sandbox.call('clearRequests', vendor);
			runs[side].push(await runWorker(job(context, scenario, side, args)));
			logs[side] = await context.sandbox.call<RequestLog>('requests', vendor, { limit: options.logBodies ?? 3, bodies: true, headers: true });
		}
	}
	const fastest = (list: WorkerResult[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
	const leanest = (list: WorkerResult[]) => Math.min(...list.map((r) => r.memory.peakRssGrowth));
	return {
		node: fastest(runs.node),
		raw: fastest(runs.raw),
		nodeLog: logs.node!,
		rawLog: logs.raw!,
		nodeTimes: runs.node.map((r) => r.ms),
		rawTimes: runs.raw.map((r) => r.ms),
		nodeMemory: leanest(runs.node),
		rawMemory: leanest(runs.raw),
	};
}

export function checkNotes(result: WorkerResult, expectedItems: number): { ok: boolean; notes: string[] } {
	const notes: string[] = [];
	const check = result.check;
	if (check.items !== expectedItems) notes.push(`${result.side} produced ${check.items} items, expected ${expectedItems}`);
	if (check.pairedInOrder === false) notes.push(`${result.side} output is out of order or unpaired`);
	if (check.errors) notes.push(`${result.side} had ${check.errors} error items`);
	return { ok: notes.length === 0, notes };
}

export function timeRow(id: string, figure: string, name: string, pair: Pair, target: number, expectedItems: number, extraNotes: string[] = []): Row {
	const ratio = pair.node.ms / pair.raw.ms;
	const nodeCheck = checkNotes(pair.node, expectedItems);
	const rawCheck = checkNotes(pair.raw, expectedItems);
	const sameRequests = pair.nodeLog.count === pair.rawLog.count;
	const notes = [...nodeCheck.notes, ...rawCheck.notes, ...extraNotes];
	if (!sameRequests) notes.push(`node sent ${pair.nodeLog.count} requests, raw ${pair.rawLog.count}`);
	notes.push(`runs: node ${pair.nodeTimes.map(sec).join(', ')}; raw ${pair.rawTimes.map(sec).join(', ')}`);
	return {
		id,
		figure,
		name,
		node: `${sec(pair.node.ms)} (${(pair.node.ms / expectedItems).toFixed(2)} ms/item)`,
		baseline: `raw ${sec(pair.raw.ms)}`,
		ratio,
		target: `≤ ${target} × raw`,
		pass: ratio <= target && nodeCheck.ok && rawCheck.ok && sameRequests,
		notes,
		data: { nodeMs: pair.node.ms, rawMs: pair.raw.ms, nodeRequests: pair.nodeLog.count, rawRequests: pair.rawLog.count, nodeTimes: pair.nodeTimes, rawTimes: pair.rawTimes },
	};
}

export const probeFigure: Figure = {
	number: '0',
	title: 'Shared layer alone (probe node: runForEachItem + apiRequest, no vendor code)',
	async run(context) {
		const items = context.quick ? 500 : 5000;
		const pair = await measurePair(context, 'probe', 'probe-create', { items, concurrency: 1 });
		const row = timeRow('probe-create', '0', `Probe create × ${items}`, pair, 1.2, items);
		row.pass = undefined; // information: where the time goes when no vendor code runs
		row.target = 'info';
		return [row];
	},
};

export { mb };
