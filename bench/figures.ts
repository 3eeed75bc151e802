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
	requests: Array<{ method: string; path: string; query: Record<string, string | string[]>; at: number; body?: unknown; headers?: Record<string, unknown> }>;
	statuses: Record<string, number>;
}

export function job(context: FigureContext, scenario: string, side: 'node' | 'raw', args: Job['args']): Job {
	return { scenario, side, urls: context.sandbox.urls, args };
}

export interface Pair {
	node: WorkerResult;
	raw: WorkerResult;
	nodeLog: RequestLog;
	rawLog: RequestLog;
	/** Every node run's time, then every raw run's (the best of each is used). */
	nodeTimes: number[];
	rawTimes: number[];
}

/**
 * Runs raw and node alternately `repeat` times each on a freshly reset sandbox (seeded by `before`),
 * keeps the fastest run of each side and the request log of the last run of each.
 */
export async function measurePair(
	context: FigureContext,
	vendor: Vendor,
	scenario: string,
	args: Job['args'],
	options: { repeat?: number; before?: () => Promise<void>; logBodies?: number } = {},
): Promise<Pair> {
	const repeat = options.repeat ?? 2;
	let best: Partial<Record<'node' | 'raw', WorkerResult>> = {};
	const logs: Partial<Record<'node' | 'raw', RequestLog>> = {};
	const times: Record<'node' | 'raw', number[]> = { node: [], raw: [] };
	for (let round = 0; round < repeat; round++) {
		for (const side of ['raw', 'node'] as const) {
			await context.sandbox.call('reset', vendor);
			await options.before?.();
			await context.sandbox.call('clearRequests', vendor);
			const result = await runWorker(job(context, scenario, side, args));
			times[side].push(result.ms);
			logs[side] = await context.sandbox.call<RequestLog>('requests', vendor, { limit: options.logBodies ?? 3, bodies: true, headers: true });
			if (!best[side] || result.ms < best[side]!.ms) best = { ...best, [side]: result };
		}
	}
	return { node: best.node!, raw: best.raw!, nodeLog: logs.node!, rawLog: logs.raw!, nodeTimes: times.node, rawTimes: times.raw };
}

export function checkNotes(result: WorkerResult, expectedItems: number): { ok: boolean; notes: string[] } {
	const notes: string[] = [];
	const check = result.check;
	if (check.items !== expectedItems) notes.push(`${result.side} produced ${check.items} items, expected ${expectedItems}`);
	if (check.pairedInOrder === false) notes.push(`${result.side} output is out of order or unpaired`);
	if (check.errors) notes.push(`${result.side} had ${check.errors} error items`);
	return { ok: notes.length === 0, notes };
}

function timeRow(id: string, figure: string, name: string, pair: Pair, target: number, expectedItems: number, extraNotes: string[] = []): Row {
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

const probeFigure: Figure = {
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

export const figures: Figure[] = [probeFigure];

export { mb };
