/** Types and checks shared by the bench's scenarios, worker and runner. */
import type { INodeExecutionData } from 'n8n-workflow';

export type Vendor = 'ocamba' | 'octopush' | 'yeti' | 'probe';

export interface Job {
	scenario: string;
	side: 'node' | 'raw';
	urls: Record<Vendor, string>;
	/** Scenario parameters: item counts, concurrency, limits. */
	args: Record<string, number | string | boolean>;
}

export interface Outcome {
	/** Held until memory is measured: every record the run produced. */
	keep: unknown;
	/** Facts the runner checks: item count, order and pairing, first item. */
	check: Record<string, unknown>;
}

export interface Scenario {
	/** The sandbox it talks to (its request log is cleared after the warm-up). */
	vendor: Vendor;
	/** Work done before measuring (loading modules, building input items). */
	prepare?(job: Job): Promise<void>;
	/**
	 * A few requests of the same kind before measuring, on each side, so one-time initialisation
	 * (lazy modules, JIT, n8n's caches) counts against neither time nor memory. Not for figures
	 * where the first request matters (rate-limit learning).
	 */
	warmup?: Record<'node' | 'raw', (job: Job) => Promise<void>>;
	node(job: Job): Promise<Outcome>;
	raw(job: Job): Promise<Outcome>;
}

/** Order and pairing of a node's output: item i must pair to input i (one output per input). */
export function pairingCheck(items: INodeExecutionData[], inputCount: number, idOf?: (json: Record<string, unknown>) => unknown) {
	let pairedInOrder = items.length === inputCount;
	for (let i = 0; i < items.length && pairedInOrder; i++) {
		const paired = items[i].pairedItem as { item?: number } | undefined;
		if (!paired || paired.item !== i) pairedInOrder = false;
	}
	const errors = items.filter((item) => item.json && 'error' in item.json).length;
	return {
		items: items.length,
		pairedInOrder,
		errors,
		first: items[0]?.json,
		...(idOf ? { ids: items.slice(0, 3).map((item) => idOf(item.json)) } : {}),
	};
}

