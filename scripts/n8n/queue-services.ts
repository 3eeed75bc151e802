/**
 * The two services n8n's queue mode needs, run as plain local processes for one run: Redis (the
 * job queue and the pub/sub between n8n processes) and PostgreSQL (the database every n8n process
 * shares). Each listens on a loopback port chosen free at run time, keeps its data in a temporary
 * folder, and is stopped by its process id. Binaries come from Debian's packages (`redis-server`,
 * `postgresql`), installed with apt-get when missing.
 *
 * PostgreSQL refuses to run as root: when this runs as root the server runs as the `postgres` user
 * the Debian package creates, and the data folder is handed to it.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { freePort } from './cli';
import { ProvisionError, defaultLog, run, type Log } from './provision';

/** The Debian packages that bring each binary. */
const PACKAGES = { redis: 'redis-server', postgres: 'postgresql' } as const;

/** Run folders are named `<RUN_PREFIX><pid>-<random>` so a later run can tell abandoned ones. */
const RUN_PREFIX = 'n8n-queue-';
/** Inside a run folder: the services' process ids, so a later run can stop what a killed run left. */
const PIDS_FILE = 'pids.json';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface QueueBinaries {
	redisServer: string;
	/** The folder holding initdb, postgres and pg_isready. */
	postgresBin: string;
}

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		const candidate = join(dir, name);
		if (dir && existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<major>/bin, off PATH. */
function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const majors = readdirSync(root)
			.filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return join(root, majors[0], 'bin');
	}
	const initdb = onPath('initdb');
	if (initdb && onPath('postgres') && onPath('pg_isready')) return initdb.slice(0, -'/initdb'.length);
	return undefined;
}

function findBinaries(): Partial<QueueBinaries> {
	return { redisServer: onPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined), postgresBin: findPostgresBin() };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Finds redis-server and PostgreSQL's programs, installing the Debian packages that are missing. */
export async function ensureQueueBinaries(log: Log = defaultLog): Promise<QueueBinaries> {
	let found = findBinaries();
	const missing = [...(found.redisServer ? [] : [PACKAGES.redis]), ...(found.postgresBin ? [] : [PACKAGES.postgres])];
	if (missing.length) {
		const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
		if (!onPath('apt-get')) {
			throw new ProvisionError(
				`Queue mode needs ${missing.join(' and ')}, which are not installed, and apt-get is not available here to install them.\n` +
					`Install Redis (redis-server) and PostgreSQL (initdb, postgres, pg_isready) with this system's package manager, then run again.`,
			);
		}
		if (!isRoot()) {
			throw new ProvisionError(`Queue mode needs ${missing.join(' and ')}, which are not installed. Install them as root, then run again:\n  sudo sh -c '${command}'`);
		}
		log(`Installing ${missing.join(' and ')} from Debian's packages (${command})…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await run('apt-get', ['update'], { cwd: tmpdir(), env, progress: { everyMs: 30_000, log, label: 'apt-get update' } });
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { cwd: tmpdir(), env, progress: { everyMs: 30_000, log, label: `installing ${missing.join(', ')}` } });
		found = findBinaries();
		if (!found.redisServer || !found.postgresBin) {
			throw new ProvisionError(`apt-get installed ${missing.join(', ')} but ${found.redisServer ? 'initdb/postgres' : 'redis-server'} is still not found`);
		}
	}
	return { redisServer: found.redisServer!, postgresBin: found.postgresBin! };
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The command line of a running process (Linux), to check a recorded pid still is what we started. */
function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
	} catch {
		return '';
	}
}

/**
 * Run folders of earlier runs whose process is gone (killed before it could clean up): stops the
 * services they recorded (only when that pid still runs with that folder on its command line) and
 * removes the folder.
 */
export function removeAbandonedRuns(log: Log = defaultLog): void {
	for (const entry of readdirSync(tmpdir())) {
		const match = entry.startsWith(RUN_PREFIX) ? /^n8n-queue-(\d+)-/.exec(entry) : null;
		if (!match || processAlive(Number(match[1]))) continue;
		const folder = join(tmpdir(), entry);
		try {
			const pids = JSON.parse(readFileSync(join(folder, PIDS_FILE), 'utf8')) as Record<string, number>;
			for (const [name, pid] of Object.entries(pids)) {
				if (processAlive(pid) && commandLine(pid).includes(folder)) {
					log(`Stopping ${name} (process ${pid}) left running by an interrupted run`);
					process.kill(pid, 'SIGKILL');
				}
			}
		} catch {
			/* nothing recorded */
		}
		rmSync(folder, { recursive: true, force: true });
	}
}

export interface LocalService {
	name: string;
	port: number;
	pid: number;
	logFile: string;
	stop(): Promise<void>;
}

interface Started {
	child: ChildProcess;
	exit: Promise<number>;
	output: () => string;
	log: WriteStream;
}

function startProcess(command: string, args: string[], logFile: string, options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv; cwd: string }): Started {
	const log = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, uid: options.uid, gid: options.gid, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const capture = (chunk: Buffer) => {
		log.write(chunk);
		if (output.length < 50_000) output += chunk.toString();
	};
	child.stdout!.on('data', capture);
	child.stderr!.on('data', capture);
	const exit = new Promise<number>((resolve) => {
		child.on('error', () => resolve(127));
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
	return { child, exit, output: () => output, log };
}

/** Stops a started server by its pid: `signal` first, SIGKILL after the grace period. */
async function stopProcess(started: Started, signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
	const { child } = started;
	if (child.exitCode === null && child.signalCode === null && child.pid) {
		process.kill(child.pid, signal);
		const timer = setTimeout(() => child.pid && processAlive(child.pid) && process.kill(child.pid, 'SIGKILL'), graceMs);
		await started.exit;
		clearTimeout(timer);
	}
	await new Promise<void>((resolve) => started.log.end(resolve));
}

async function waitUntil(what: string, started: Started, ready: () => Promise<boolean>, timeoutMs: number, logFile: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exited: number | undefined;
	void started.exit.then((code) => (exited = code));
	while (Date.now() < deadline) {
		if (exited !== undefined) throw new ProvisionError(`${what} exited with code ${exited} before it was ready (log: ${logFile}):\n${started.output().trim().split('\n').slice(-15).join('\n')}`);
		if (await ready()) return;
		await sleep(200);
	}
	throw new ProvisionError(`${what} was not ready within ${timeoutMs / 1000} s (log: ${logFile}):\n${started.output().trim().split('\n').slice(-15).join('\n')}`);
}

/** Sends one inline command to Redis and resolves with its first answer line ('' when unreachable). */
export async function redisCommand(port: number, command: string, timeoutMs = 2000): Promise<string> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (value: string) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(value);
		};
		const timer = setTimeout(() => done(''), timeoutMs);
		socket.on('error', () => done(''));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.split('\r\n')[0]);
		});
	});
}

async function startRedis(binaries: QueueBinaries, folder: string, log: Log): Promise<LocalService> {
	const port = await freePort();
	const dataDir = join(folder, 'redis');
	const logFile = join(folder, 'redis.log');
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	// No persistence: the queue lives as long as this run.
	const started = startProcess(binaries.redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'], logFile, { cwd: dataDir });
	await waitUntil('redis-server', started, async () => (await redisCommand(port, 'PING')) === '+PONG', 30_000, logFile);
	log(`Redis listening on 127.0.0.1:${port} (process ${started.child.pid})`);
	return { name: 'redis', port, pid: started.child.pid!, logFile, stop: () => stopProcess(started, 'SIGTERM') };
}

/** The postgres user's ids when running as root (the server refuses root), else undefined. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (!isRoot()) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new ProvisionError('PostgreSQL will not run as root and there is no "postgres" user on this machine (the Debian package creates it): reinstall postgresql or run as another user.');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'n8n';

async function startPostgres(binaries: QueueBinaries, folder: string, log: Log): Promise<LocalService> {
	const port = await freePort();
	const dataDir = join(folder, 'postgres');
	const logFile = join(folder, 'postgres.log');
	const user = postgresUser();
	if (user) chownSync(folder, user.uid, user.gid);
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const asServerUser = { uid: user?.uid, gid: user?.gid, env, cwd: folder };
	// A throwaway cluster: trust on loopback (nothing else can reach it), no fsync (data lives one run).
	const initdb = startProcess(join(binaries.postgresBin, 'initdb'), ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], logFile, asServerUser);
	const initCode = await initdb.exit;
	await new Promise<void>((resolve) => initdb.log.end(resolve));
	if (initCode !== 0) throw new ProvisionError(`initdb failed (exit ${initCode}), log: ${logFile}:\n${initdb.output().trim().split('\n').slice(-15).join('\n')}`);
	const started = startProcess(
		join(binaries.postgresBin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${folder}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		logFile,
		asServerUser,
	);
	const isReady = async () => spawnSync(join(binaries.postgresBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER, '-d', 'postgres'], { env }).status === 0;
	await waitUntil('postgres', started, isReady, 60_000, logFile);
	const createdb = join(binaries.postgresBin, 'createdb');
	const created = spawnSync(existsSync(createdb) ? createdb : 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER, POSTGRES_DATABASE], { env, encoding: 'utf8' });
	if (created.status !== 0) {
		await stopProcess(started, 'SIGINT');
		throw new ProvisionError(`createdb ${POSTGRES_DATABASE} failed: ${created.stderr || created.error?.message}`);
	}
	log(`PostgreSQL listening on 127.0.0.1:${port} (process ${started.child.pid}, data in ${dataDir})`);
	// SIGINT is PostgreSQL's "fast" shutdown: it does not wait for n8n's pooled connections to close.
	return { name: 'postgres', port, pid: started.child.pid!, logFile, stop: () => stopProcess(started, 'SIGINT') };
}

export interface QueueServices {
	redis: LocalService;
	postgres: LocalService;
	/** The temporary folder holding both data folders and logs. */
	folder: string;
	stop(options?: { keepFolder?: boolean }): Promise<void>;
}

/** Starts Redis and PostgreSQL for one run (installing them first when missing). */
export async function startQueueServices(log: Log = defaultLog): Promise<QueueServices> {
	const binaries = await ensureQueueBinaries(log);
	removeAbandonedRuns(log);
	const folder = mkdtempSync(join(tmpdir(), `${RUN_PREFIX}${process.pid}-`));
	const pids: Record<string, number> = {};
	const started: LocalService[] = [];
	const stopAll = async () => {
		for (const service of started.reverse()) await service.stop().catch(() => undefined);
		started.length = 0;
	};
	try {
		for (const start of [startRedis, startPostgres]) {
			const service = await start(binaries, folder, log);
			started.push(service);
			pids[service.name] = service.pid;
			writeFileSync(join(folder, PIDS_FILE), JSON.stringify(pids));
		}
	} catch (error) {
		await stopAll();
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
	const [redis, postgres] = started;
	let stopped = false;
	return {
		redis,
		postgres,
		folder,
		stop: async ({ keepFolder = false } = {}) => {
			if (stopped) return;
			stopped = true;
			await stopAll();
			if (!keepFolder) rmSync(folder, { recursive: true, force: true });
		},
	};
}
