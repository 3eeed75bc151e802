/**
 * Provisioning a real n8n for the demo, `npm start` and the end-to-end suite:
 *  - a Node runtime n8n accepts (the system one when new enough, else Node 24 from the npm registry),
 *  - n8n itself (npm install, then sqlite3 built for that Node),
 * both cached outside the repo and keyed by version, built in a temporary folder and renamed into
 * place when complete (so an interrupted or concurrent run never leaves a half cache), under a lock
 * (so a second run waits instead of paying the install twice);
 *  - our package packed with `npm pack` and installed into a throwaway N8N_USER_FOLDER the way n8n
 *    installs community packages (`<folder>/.n8n/nodes`, bare package.json, `npm install <tarball>`).
 */
import { spawn } from 'child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'fs';
import { hostname } from 'os';
import { delimiter, dirname, join } from 'path';
import semver from 'semver';
import {
	N8N_EXPRESSION_SANDBOX_NODE,
	N8N_INSTALL_OVERRIDES,
	N8N_VERSION,
	NODE_RUNTIME_VERSION,
	PACKAGE_NAME,
	REPO_ROOT,
	WORK_ROOT,
	cacheRoot,
} from './config';

export type Log = (message: string) => void;

export const defaultLog: Log = (message) => console.log(`[n8n] ${message}`);

/** Raised for anything that stops provisioning; the message says what failed and where the log is. */
export class ProvisionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProvisionError';
	}
}

export interface NodeRuntime {
	/** The node executable n8n runs on. */
	nodeBin: string;
	/** Its install root (holds include/node: native modules are built against these headers). */
	nodeRoot: string;
	version: string;
}

export interface N8nInstall {
	dir: string;
	/** n8n's CLI entry script (run it with the runtime's node). */
	n8nScript: string;
	version: string;
}

export interface Provisioned {
	runtime: NodeRuntime;
	n8n: N8nInstall;
	/** The packed tarball of this repository. */
	tarball: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Environment for npm/node children: the chosen runtime first on PATH, native builds against its headers. */
export function runtimeEnv(runtime: NodeRuntime, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${dirname(runtime.nodeBin)}${delimiter}${process.env.PATH ?? ''}`,
		// The machine's npm config may point nodedir at an older Node's headers.
		npm_config_nodedir: runtime.nodeRoot,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Append output here instead of inheriting; tail shown on failure. */
	logFile?: string;
	/** Say something every this many ms while the command runs. */
	progress?: { everyMs: number; log: Log; label: string };
}

/** Runs a command to completion; throws ProvisionError with the log tail on a non-zero exit. */
export async function run(command: string, args: string[], options: RunOptions): Promise<string> {
	const started = Date.now();
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
	let stdout = '';
	let combined = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		combined += chunk.toString();
		log?.write(chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => {
		combined += chunk.toString();
		log?.write(chunk);
	});
	const timer = options.progress
		? setInterval(() => {
				const seconds = Math.round((Date.now() - started) / 1000);
				options.progress!.log(`  … ${options.progress!.label} (${seconds} s so far)`);
			}, options.progress.everyMs)
		: undefined;
	const code = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (status) => resolve(status ?? 1));
	}).finally(() => {
		if (timer) clearInterval(timer);
	});
	await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
	if (code !== 0) {
		const tail = combined.trim().split('\n').slice(-30).join('\n');
		throw new ProvisionError(
			`\`${command} ${args.join(' ')}\` failed (exit ${code}) in ${options.cwd}` +
				(options.logFile ? `\nFull log: ${options.logFile}` : '') +
				`\nLast lines:\n${tail}`,
		);
	}
	return stdout;
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Holds `<target>.lock` (an atomic mkdir) while `fn` runs. A lock left by a dead process on this
 * host is taken over; otherwise the caller waits, saying who it waits for.
 */
export async function withLock<T>(target: string, what: string, log: Log, fn: () => Promise<T>): Promise<T> {
	const lockDir = `${target}.lock`;
	const ownerFile = join(lockDir, 'owner.json');
	let announced = false;
	mkdirSync(dirname(lockDir), { recursive: true });
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		let owner: { pid?: number; host?: string } | undefined;
		try {
			owner = JSON.parse(readFileSync(ownerFile, 'utf8'));
		} catch {
			owner = undefined;
		}
		let ageMs = 0;
		try {
			ageMs = Date.now() - statSync(lockDir).mtimeMs;
		} catch {
			continue; // released meanwhile
		}
		const stale = owner?.pid
			? owner.host === hostname() && !processAlive(owner.pid)
			: ageMs > 60_000; // a lock whose owner never wrote its name within a minute is abandoned
		if (stale) {
			log(`Removing a stale lock on ${what} (left by process ${owner?.pid ?? 'unknown'})`);
			// Rename first so two waiters never both delete a lock a third has just taken.
			const grave = `${lockDir}.stale-${process.pid}`;
			try {
				renameSync(lockDir, grave);
				rmSync(grave, { recursive: true, force: true });
			} catch {
				/* someone else took care of it */
			}
			continue;
		}
		if (!announced) {
			log(`Another run (process ${owner?.pid ?? '?'}) is preparing ${what}; waiting for it…`);
			announced = true;
		}
		await sleep(2000);
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

const MARKER = 'provisioned.json';

/**
 * Builds a cache entry at most once: `build(tmpDir)` fills a temporary folder that is renamed to
 * `target` only when it succeeded; a marker file inside says the entry is complete.
 */
export async function cached(target: string, what: string, log: Log, build: (tmp: string) => Promise<Record<string, unknown>>) {
	if (existsSync(join(target, MARKER))) return;
	await withLock(target, what, log, async () => {
		if (existsSync(join(target, MARKER))) return; // built by the run we waited for
		if (existsSync(target)) {
			log(`Removing an incomplete ${what} at ${target}`);
			rmSync(target, { recursive: true, force: true });
		}
		const tmp = `${target}.tmp-${process.pid}`;
		rmSync(tmp, { recursive: true, force: true });
		mkdirSync(tmp, { recursive: true });
		try {
			const info = await build(tmp);
			writeFileSync(join(tmp, MARKER), JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2));
			renameSync(tmp, target);
		} catch (error) {
			log(`Preparing ${what} failed; the partial copy stays at ${tmp} for inspection (it is ignored and replaced next time)`);
			throw error;
		}
	});
	// Earlier failed attempts of this process or dead ones are not worth keeping.
	for (const entry of readdirSync(dirname(target))) {
		const match = entry.match(/\.tmp-(\d+)$/);
		if (match && entry.startsWith(`${target.split('/').pop()}.tmp-`) && !processAlive(Number(match[1]))) {
			rmSync(join(dirname(target), entry), { recursive: true, force: true });
		}
	}
}

/**
 * The Node versions n8n `version` accepts (its package.json `engines.node`): read from the cached
 * install when there is one, else asked of the npm registry (once, before the first install).
 */
export async function n8nNodeEngines(version: string = N8N_VERSION): Promise<string> {
	const installed = join(cacheRoot(), `n8n-${version}`, 'node_modules', 'n8n', 'package.json');
	if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).engines?.node ?? '*';
	const output = await run('npm', ['view', `n8n@${version}`, 'engines', '--json'], { cwd: REPO_ROOT });
	const engines = output.trim() ? (JSON.parse(output) as { node?: string }) : {};
	return engines.node ?? '*';
}

/**
 * Which Node runs n8n: the system one when it satisfies `engines` and the expression sandbox's needs,
 * else the pinned build when that does; `undefined` when neither does (provisioning then says so
 * instead of running n8n on a Node it does not support).
 */
export function chooseNodeVersion(engines: string, systemVersion: string = process.versions.node): string | undefined {
	const fits = (version: string) =>
		semver.satisfies(version, engines, { includePrerelease: true }) &&
		semver.satisfies(version, N8N_EXPRESSION_SANDBOX_NODE, { includePrerelease: true });
	return [systemVersion, NODE_RUNTIME_VERSION].find(fits);
}

/**
 * The Node runtime n8n runs on, following that n8n version's `engines.node`: this process's Node when
 * it qualifies, else Node NODE_RUNTIME_VERSION from the npm registry (cached).
 */
export async function ensureNodeRuntime(log: Log = defaultLog, n8nVersion: string = N8N_VERSION): Promise<NodeRuntime> {
	const engines = await n8nNodeEngines(n8nVersion);
	const chosen = chooseNodeVersion(engines);
	if (chosen === undefined) {
		throw new ProvisionError(
			`n8n ${n8nVersion} needs Node ${engines} (and ${N8N_EXPRESSION_SANDBOX_NODE} for its expression sandbox); neither ` +
				`this Node (${process.versions.node}) nor the pinned runtime (${NODE_RUNTIME_VERSION}, scripts/n8n/config.ts) satisfies that`,
		);
	}
	if (chosen === process.versions.node) {
		return { nodeBin: process.execPath, nodeRoot: dirname(dirname(process.execPath)), version: process.versions.node };
	}
	const packageName = `node-${process.platform}-${process.arch}`;
	const target = join(cacheRoot(), `node-${NODE_RUNTIME_VERSION}`);
	const nodeRoot = join(target, 'node_modules', packageName);
	const nodeBin = join(nodeRoot, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!existsSync(join(target, MARKER))) {
		log(`System Node ${process.versions.node} does not satisfy n8n ${n8nVersion} (engines node ${engines}, expression sandbox ${N8N_EXPRESSION_SANDBOX_NODE}).`);
		log(`Installing Node ${NODE_RUNTIME_VERSION} (${packageName} from the npm registry) into ${target} (first run only)…`);
	}
	await cached(target, `Node ${NODE_RUNTIME_VERSION}`, log, async (tmp) => {
		writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'node-runtime', private: true }));
		await run('npm', ['install', `${packageName}@${NODE_RUNTIME_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: tmp,
			logFile: join(tmp, 'install.log'),
		});
		const tmpBin = join(tmp, 'node_modules', packageName, 'bin', 'node');
		const version = (await run(tmpBin, ['--version'], { cwd: tmp })).trim();
		if (version !== `v${NODE_RUNTIME_VERSION}`) {
			throw new ProvisionError(`${packageName}@${NODE_RUNTIME_VERSION} reports ${version}`);
		}
		return { node: version, package: packageName };
	});
	return { nodeBin, nodeRoot, version: NODE_RUNTIME_VERSION };
}

/**
 * Where n8n `version` is cached for this runtime: `n8n-<version>`, unless that entry was built on
 * another Node major (its sqlite3 would not load), then `n8n-<version>-node<major>`.
 */
export function n8nCacheDir(version: string, runtime: NodeRuntime): string {
	const plain = join(cacheRoot(), `n8n-${version}`);
	const marker = join(plain, MARKER);
	if (!existsSync(marker)) return plain;
	const builtOn = String(JSON.parse(readFileSync(marker, 'utf8')).node ?? '');
	const major = (v: string) => v.replace(/^v/, '').split('.')[0];
	return major(builtOn) === major(runtime.version) ? plain : `${plain}-node${major(runtime.version)}`;
}

/** n8n itself, installed once per version into the cache with sqlite3 built for the runtime. */
export async function ensureN8n(runtime: NodeRuntime, log: Log = defaultLog): Promise<N8nInstall> {
	const target = n8nCacheDir(N8N_VERSION, runtime);
	const n8nScript = join(target, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(join(target, MARKER))) {
		log(`Installing n8n ${N8N_VERSION} into ${target}`);
		log('  first run only: about 5 minutes and 2.8 GB; later runs reuse it');
	}
	await cached(target, `n8n ${N8N_VERSION}`, log, async (tmp) => {
		const env = runtimeEnv(runtime, {
			// sqlite3 is built from source: no prebuilt-binary download from GitHub.
			npm_config_build_from_source: 'true',
		});
		const logFile = join(tmp, 'install.log');
		// Overrides stand in for dependencies n8n fetches from hosts other than the registry (see config.ts).
		writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true, overrides: N8N_INSTALL_OVERRIDES }));
		log(`  npm install n8n@${N8N_VERSION} (log: ${logFile})`);
		// Install scripts stay off: an optional Kafka addon cannot be built here, and n8n needs only sqlite3 built.
		await run('npm', ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: tmp,
			env,
			logFile,
			progress: { everyMs: 30_000, log, label: 'still installing n8n' },
		});
		log(`  building sqlite3 for Node ${runtime.version}`);
		try {
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: tmp,
				env,
				logFile,
				progress: { everyMs: 30_000, log, label: 'still building sqlite3' },
			});
		} catch (error) {
			// No compiler (python3, make, a C++ compiler)? sqlite3 publishes prebuilt N-API binaries: try those.
			log(`  building sqlite3 from source failed; trying its prebuilt binary (${(error as Error).message.split('\n')[0]})`);
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: tmp,
				env: { ...env, npm_config_build_from_source: 'false' },
				logFile,
			});
		}
		// Prove the result before it goes into the cache.
		await run(runtime.nodeBin, ['-e', "require('sqlite3')"], { cwd: tmp, env });
		const sandboxPackage = join(tmp, 'node_modules', 'isolated-vm', 'package.json');
		const sandboxEngines = existsSync(sandboxPackage) ? JSON.parse(readFileSync(sandboxPackage, 'utf8')).engines?.node : undefined;
		if (sandboxEngines && !semver.satisfies(runtime.version, sandboxEngines, { includePrerelease: true })) {
			throw new ProvisionError(
				`n8n ${N8N_VERSION}'s expression sandbox (isolated-vm) needs Node ${sandboxEngines}, the runtime is ${runtime.version}: ` +
					'raise N8N_EXPRESSION_SANDBOX_NODE in scripts/n8n/config.ts',
			);
		}
		const version = (await run(runtime.nodeBin, [join(tmp, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
			cwd: tmp,
			env: { ...env, N8N_USER_FOLDER: join(tmp, '.version-check') },
		}))
			.trim()
			.split('\n')
			.pop();
		if (version !== N8N_VERSION) throw new ProvisionError(`the installed n8n reports version ${version}, expected ${N8N_VERSION}`);
		rmSync(join(tmp, '.version-check'), { recursive: true, force: true });
		return { n8n: N8N_VERSION, node: runtime.version };
	});
	return { dir: target, n8nScript, version: N8N_VERSION };
}

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

/** True when dist/ is older than a source it is built from. */
export function buildIsStale(): boolean {
	const dist = newestMtime(join(REPO_ROOT, 'dist'));
	if (dist === 0) return true;
	const sources = Math.max(
		newestMtime(join(REPO_ROOT, 'nodes')),
		newestMtime(join(REPO_ROOT, 'credentials')),
		newestMtime(join(REPO_ROOT, 'package.json')),
	);
	return sources > dist;
}

/** Builds (when dist/ is stale or `build` is forced) and packs this repository; returns the tarball path. */
export async function packPackage(log: Log = defaultLog, options: { build?: boolean } = {}): Promise<string> {
	const build = options.build ?? buildIsStale();
	if (build) {
		log('Building the package (npm run build)');
		await run('npm', ['run', 'build'], { cwd: REPO_ROOT });
	}
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const listed: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = listed.filter((path) => !existsSync(join(REPO_ROOT, path)));
	if (missing.length) {
		throw new ProvisionError(
			`package.json lists files the build did not produce, so n8n could not load the package: ${missing.join(', ')}`,
		);
	}
	const destination = join(WORK_ROOT, 'pack');
	mkdirSync(destination, { recursive: true });
	const output = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: REPO_ROOT });
	const [result] = JSON.parse(output.slice(output.indexOf('[')));
	const tarball = join(destination, result.filename);
	log(`Packed ${result.filename} (${result.entryCount} files)`);
	return tarball;
}

/**
 * A fresh N8N_USER_FOLDER with our tarball installed as n8n installs community packages:
 * `<folder>/.n8n/nodes/package.json` (bare) and `npm install <tarball>` there. Peer dependencies are
 * left out as n8n does (n8n-workflow comes from n8n itself).
 */
export async function createUserFolder(name: string, provisioned: Provisioned, log: Log = defaultLog): Promise<string> {
	removeAbandonedUserFolders();
	const folder = join(WORK_ROOT, `${name}-${process.pid}-${Date.now().toString(36)}`);
	const nodesDir = join(folder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	await run(
		'npm',
		['install', provisioned.tarball, '--ignore-scripts', '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--no-package-lock'],
		{ cwd: nodesDir, env: runtimeEnv(provisioned.runtime) },
	);
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (!existsSync(installed)) throw new ProvisionError(`npm install of ${provisioned.tarball} did not produce ${installed}`);
	log(`Installed ${PACKAGE_NAME} into ${nodesDir}`);
	return folder;
}

/** Marks a user folder as kept on purpose (--keep): it survives the clean-up below. */
export const KEEP_MARKER = '.keep';

/** User folders of runs that were killed (their process is gone) and not kept on purpose. */
export function removeAbandonedUserFolders(): void {
	if (!existsSync(WORK_ROOT)) return;
	for (const entry of readdirSync(WORK_ROOT)) {
		const match = entry.match(/-(\d+)-[a-z0-9]+$/);
		if (!match || processAlive(Number(match[1]))) continue;
		const folder = join(WORK_ROOT, entry);
		if (existsSync(join(folder, KEEP_MARKER))) continue;
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Everything a real-n8n run needs, installing what the cache does not have yet. */
export async function provision(log: Log = defaultLog, options: { build?: boolean } = {}): Promise<Provisioned> {
	try {
		const runtime = await ensureNodeRuntime(log);
		const n8n = await ensureN8n(runtime, log);
		const tarball = await packPackage(log, options);
		log(`Using n8n ${n8n.version} on Node ${runtime.version} (cache: ${cacheRoot()})`);
		return { runtime, n8n, tarball };
	} catch (error) {
		if (error instanceof ProvisionError) throw error;
		throw new ProvisionError(`Provisioning n8n failed: ${(error as Error).message}`);
	}
}
