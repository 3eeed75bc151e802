/**
 * Figure 7 (issue 18): the nodes on n8n's queue mode, in a real n8n 2.40.7 cluster (Redis,
 * PostgreSQL, main, webhook processor, workers; scripts/n8n/queue.ts) started for this figure.
 *  - One Ocamba account's limits (Ocamba's 10/s + 150/min scaled up to 50/s + 1200/min, as figure 4)
 *    while three executions of 300 creates run at the same time on three workers: the rate achieved
 *    against the rate the server's windows allow, 429s answered and surfaced, items created twice;
 *    beside the same 900 items on one worker (the three executions at once in one process).
 *  - Yeti-Switch Create Account × 3,000 as two executions of 1,500: on two workers vs on one.
 * The executions start through the webhook processor; which worker ran each is read from its log.
 */
import os from 'node:os';

import type { Figure, FigureContext, Row } from './figures';
import { sec } from './lib';

const RATE_TARGET = '≥ 0.80 of allowed, 0 surfaced, 0 duplicates';

export const figure7: Figure = {
	number: '7',
	title: "Queue mode: one Ocamba account's rate limits across workers; Yeti-Switch creates split across workers",
	async run(context: FigureContext) {
		const { provision } = await import('../scripts/n8n/provision');
		const { openQueueCluster } = await import('../scripts/n8n/queue');
		const load = await import('../scripts/n8n/queue-load');
		const items = context.quick ? 100 : 300;
		const yetiTotal = context.quick ? 600 : 3000;
		const quiet = () => undefined;
		const metered = await load.startMeteredOcamba();
		const started = Date.now();
		const workflows = load.loadWorkflows();
		const cluster = await openQueueCluster({
			name: 'bench-queue',
			provisioned: await provision(quiet),
			log: context.log,
			workers: 0,
			credentials: [load.loadCredential(metered)],
			workflows: [workflows.ocamba, workflows.yeti],
			activate: [load.LOAD_WORKFLOWS.ocamba.id, load.LOAD_WORKFLOWS.yeti.id],
		});
		context.log(`cluster ready in ${sec(Date.now() - started)} (main, webhook processor; workers start per run)`);
		const rows: Row[] = [];
		try {
			const limits = `${load.LOAD_OCAMBA_LIMITS.perSecond}/s + ${load.LOAD_OCAMBA_LIMITS.perMinute}/min`;
			const limitsRow = (id: string, name: string, verdict: Awaited<ReturnType<typeof load.runOcambaLimits>>, judged: boolean): Row => ({
				id,
				figure: '7',
				name,
				node: `${verdict.achievedPerSecond.toFixed(1)} req/s; 429s answered ${verdict.answered429}, surfaced ${verdict.surfaced}; duplicates ${verdict.duplicates.length}, lost ${verdict.missing.length}`,
				baseline: `allowed ${verdict.allowedPerSecond.toFixed(1)} req/s`,
				ratio: verdict.utilisation,
				target: judged ? RATE_TARGET : 'info',
				pass: judged ? verdict.ok : undefined,
				notes: [
					`executions ${verdict.run.executions.map((execution) => `${execution.id} on ${execution.worker ?? '?'} (pid ${execution.workerPid ?? '?'}, ${execution.items} items)`).join(', ')}; ran at the same time: ${verdict.together ? 'yes' : 'NO'}`,
					`created per server second: ${verdict.perSecond.join(' ')}`,
					...verdict.problems,
				],
				data: { ...verdict, run: undefined, executions: verdict.run.executions.map(({ id: executionId, worker, workerPid, items: count, startedAt, stoppedAt }) => ({ executionId, worker, workerPid, items: count, startedAt, stoppedAt })) },
			});

			context.log(`Ocamba: 3 executions × ${items} creates on 3 workers (one job each)…`);
			const three = await Promise.all([cluster.addWorker(1), cluster.addWorker(1), cluster.addWorker(1)]);
			const across = await load.runOcambaLimits(cluster, metered, { executions: 3, items, label: 'bench across', expectWorkers: 3 });
			rows.push(limitsRow('queue-ocamba-limits-3-workers', `Ocamba Create Account × ${3 * items}, 3 executions at once on 3 workers, limits ${limits}`, across, true));
			await cluster.stopWorkers(three);

			context.log(`Ocamba: the same on 1 worker (3 jobs at once)…`);
			const one = await cluster.addWorker(3);
			const single = await load.runOcambaLimits(cluster, metered, { executions: 3, items, label: 'bench one', expectWorkers: 1 });
			rows.push(limitsRow('queue-ocamba-limits-1-worker', `Same ${3 * items} items on 1 worker (3 executions at once in one process)`, single, false));

			const yeti = cluster.session.sandboxes.yeti;
			const yetiRun = async (label: string) => {
				yeti.clearRequests();
				const run = await load.runLoad(cluster, 'yeti', load.loadNames(2, yetiTotal / 2, label));
				const creates = yeti.requestsTo('POST', '/api/rest/admin/accounts');
				const names = creates.map((request) => (request.body as { data?: { attributes?: { name?: string } } })?.data?.attributes?.name);
				const distinct = new Set(names).size;
				const errors = run.executions.flatMap((execution) => execution.errors);
				return { run, creates: creates.length, distinct, errors, workers: [...new Set(run.executions.map((execution) => execution.worker))] };
			};
			context.log(`Yeti: 2 executions × ${yetiTotal / 2} creates on 1 worker…`);
			const yetiOne = await yetiRun('bench yeti one');
			await cluster.stopWorkers([one]);
			context.log(`Yeti: the same on 2 workers…`);
			await Promise.all([cluster.addWorker(1), cluster.addWorker(1)]);
			const yetiTwo = await yetiRun('bench yeti two');
			const ratio = yetiOne.run.spanMs / yetiTwo.run.spanMs;
			const checks = [yetiOne, yetiTwo].flatMap((side, index) => {
				const label = index === 0 ? '1 worker' : '2 workers';
				const problems: string[] = [];
				if (side.creates !== yetiTotal || side.distinct !== yetiTotal) problems.push(`${label}: ${side.creates} creates for ${side.distinct} distinct names, expected ${yetiTotal}`);
				if (side.errors.length) problems.push(`${label}: ${side.errors.length} error(s): ${side.errors.slice(0, 2).join('; ')}`);
				if (side.workers.length !== index + 1) problems.push(`${label}: ran on ${side.workers.join(', ')}`);
				return problems;
			});
			rows.push({
				id: 'queue-yeti-create-workers',
				figure: '7',
				name: `Yeti Create Account × ${yetiTotal.toLocaleString('en')} (2 executions × ${(yetiTotal / 2).toLocaleString('en')}), 2 workers vs 1`,
				node: `2 workers ${sec(yetiTwo.run.spanMs)} (${((yetiTotal / yetiTwo.run.spanMs) * 1000).toFixed(0)} items/s)`,
				baseline: `1 worker ${sec(yetiOne.run.spanMs)} (${((yetiTotal / yetiOne.run.spanMs) * 1000).toFixed(0)} items/s)`,
				ratio,
				target: 'throughput ratio: info; every item created once',
				pass: checks.length ? false : undefined,
				notes: [
					`time from the first execution's start to the last one's end (n8n's execution records); ${yetiTotal} creates received each time, each name once`,
					`on ${yetiOne.workers.join(', ')} vs ${yetiTwo.workers.join(', ')}; the machine's ${os.cpus().length} cores also run the sandbox, Redis, PostgreSQL and the other n8n processes`,
					...checks,
				],
				data: { oneWorkerMs: yetiOne.run.spanMs, twoWorkersMs: yetiTwo.run.spanMs },
			});
		} finally {
			await cluster.close();
			await metered.stop();
		}
		return rows;
	},
};
