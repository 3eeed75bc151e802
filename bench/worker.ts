/**
 * One measurement in a fresh process: `tsx bench/worker.ts '<job json>'` runs one scenario side
 * (the node inside n8n-core's ExecuteContext, or the raw client) and prints one line
 * `BENCH_RESULT {...}`: wall time of the run only (imports and warm-up excluded), peak memory, and
 * what the run produced (checked by the scenario, e.g. order and pairing).
 *
 * Both sides load the same modules (n8n-core, the node classes) before measuring, so their memory
 * baselines are the same and only what the run itself adds differs.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

import { scenarios, type Job } from './scenarios';

function collectGarbage() {
	// --expose-gc cannot be passed through tsx's loader reliably; turn it on at run time instead.
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	gc();
	gc();
}

async function main() {
	const job = JSON.parse(process.argv[2]) as Job;
	const scenario = scenarios[job.scenario];
	if (!scenario) throw new Error(`Unknown scenario ${job.scenario}`);
	const side = scenario[job.side];
	await scenario.prepare?.(job);
	if (scenario.warmup && job.args.warmup !== false) {
		await scenario.warmup[job.side](job);
		// The warm-up's requests are not the measured run's: clear them from the sandbox's log.
		const cleared = await fetch(`${job.urls[scenario.vendor]}/__sandbox/requests`, { method: 'DELETE' });
		if (cleared.status !== 204) throw new Error(`could not clear the ${scenario.vendor} sandbox log (${cleared.status})`);
	}
	collectGarbage();
	const before = process.memoryUsage();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let peakHeap = before.heapUsed + before.arrayBuffers;
	let peakRss = before.rss;
	const sample = () => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers);
		peakRss = Math.max(peakRss, now.rss);
	};
	const sampler = setInterval(sample, 5);
	const started = performance.now();
	const outcome = await side(job);
	const ms = performance.now() - started;
	clearInterval(sampler);
	sample();
	// What is still held (the output, kept alive below) once garbage is gone.
	collectGarbage();
	const after = process.memoryUsage();
	const maxRss = process.resourceUsage().maxRSS * 1024;
	const result = {
		scenario: job.scenario,
		side: job.side,
		ms,
		memory: {
			rssBefore: before.rss,
			maxRssBefore,
			maxRss,
			/**
			 * What the run added to the process's resident memory at its peak: RSS sampled every 5 ms
			 * (and at the end) minus RSS before the run. (getrusage's maxRSS is a lifetime maximum: start-up
			 * and warm-up may already have reached it, so it cannot tell what the run added.)
			 */
			peakRssGrowth: peakRss - before.rss,
			/** Sampled every 5 ms: JS heap + array buffers, minus what was there before. */
			peakHeapGrowth: peakHeap - (before.heapUsed + before.arrayBuffers),
			/** After a full GC at the end, with the output still referenced. */
			retainedHeapGrowth: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
		},
		check: outcome.check,
	};
	// Keep the output alive until measured: the raw side must also hold every record.
	if (outcome.keep === undefined && job.side === 'node') throw new Error('scenario returned nothing');
	process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(result)}\n`);
	process.exit(0);
}

main().catch((error: Error) => {
	process.stdout.write(`\nBENCH_ERROR ${JSON.stringify({ message: error.message, stack: error.stack })}\n`);
	process.exit(1);
});
