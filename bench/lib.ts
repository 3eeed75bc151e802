/** The bench's process plumbing: the sandbox process (IPC) and one worker process per measurement. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { Job, Vendor } from './common';

export const ROOT = path.resolve(__dirname, '..');

export interface WorkerResult {
	scenario: string;
	side: 'node' | 'raw';
	ms: number;
	memory: {
		rssBefore: number;
		maxRssBefore: number;
		maxRss: number;
		peakRssGrowth: number;
		peakHeapGrowth: number;
		retainedHeapGrowth: number;
	};
	check: Record<string, unknown> & { items?: number; pairedInOrder?: boolean; errors?: number };
}

export interface SandboxProcess {
	urls: Record<Vendor, string>;
	call<T = unknown>(cmd: string, vendor?: Vendor, args?: Record<string, unknown>): Promise<T>;
	stop(): Promise<void>;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
	const child: ChildProcess = fork(path.join(__dirname, 'sandbox-server.ts'), [], {
		execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	const urls = await new Promise<Record<Vendor, string>>((resolve, reject) => {
		const onExit = (code: number | null) => reject(new Error(`sandbox process exited (${code}) before it was ready`));
		child.once('exit', onExit);
		child.on('message', (message: { ready?: boolean; urls?: Record<Vendor, string>; id?: number; result?: unknown; error?: string }) => {
			if (message.ready) {
				child.off('exit', onExit);
				resolve(message.urls!);
				return;
			}
			const waiter = pending.get(message.id!);
			if (!waiter) return;
			pending.delete(message.id!);
			if (message.error) waiter.reject(new Error(message.error));
			else waiter.resolve(message.result);
		});
	});
	return {
		urls,
		call: <T>(cmd: string, vendor?: Vendor, args?: Record<string, unknown>) =>
			new Promise<T>((resolve, reject) => {
				const id = nextId++;
				pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
				child.send({ id, cmd, vendor, args });
			}),
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.disconnect();
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Runs one side of one scenario in a fresh process; rejects with the worker's error. */
export function runWorker(job: Job, timeoutMs = 240_000, v8Flags: string[] = []): Promise<WorkerResult> {
	return new Promise((resolve, reject) => {
		// BENCH_CPU_PROF=<dir>: write a V8 CPU profile of every node-side worker there (for finding hot spots).
		const profile = process.env.BENCH_CPU_PROF && job.side === 'node' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
		const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', ...v8Flags, ...profile, path.join(__dirname, 'worker.ts'), JSON.stringify(job)], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, N8N_DIAGNOSTICS_ENABLED: 'false' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('exit', (code) => {
			clearTimeout(timer);
			const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT ') || l.startsWith('BENCH_ERROR '));
			if (line?.startsWith('BENCH_RESULT ')) return resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as WorkerResult);
			const error = line ? (JSON.parse(line.slice('BENCH_ERROR '.length)) as { message: string; stack?: string }) : undefined;
			reject(new Error(`${job.scenario}/${job.side} failed (exit ${code})${error ? `: ${error.stack ?? error.message}` : ''}\n${stderr.slice(-2000)}`));
		});
	});
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const sec = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
