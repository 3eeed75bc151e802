/**
 * Driving a provisioned n8n: CLI commands with the right environment (import, publish, execute,
 * export:nodes), `n8n start` on a chosen port with readiness wait and clean stop, and a small REST
 * client (owner setup, login, credential test, executions) for the running instance.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { OWNER, n8nMajor } from './config';
import { defaultLog, runtimeEnv, type Log, type Provisioned } from './provision';

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** What `n8n execute --rawOutput` prints: the run, of which the tooling reads resultData. */
export interface ExecutionRun {
	finished?: boolean;
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface NodeRun {
	error?: { message?: string; description?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
	executionStatus?: string;
}

export interface ExecuteResult {
	ok: boolean;
	run?: ExecutionRun;
	/** The reason when not ok: n8n's error message or the process failure. */
	error?: string;
	/** Something odd that did not change the verdict. */
	warning?: string;
	command: CommandResult;
}

/** A free TCP port on loopback (asked from the OS, so parallel runs do not collide). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** True when something already listens on the port. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(true));
		server.listen(port, host, () => server.close(() => resolve(false)));
	});
}

/**
 * Finds the JSON document n8n printed among its log lines: `JSON.stringify(x, null, 2)` starts with
 * a lone `{` and every line inside is indented, so a log line another part of n8n (the task runner)
 * wrote in the middle of it is recognised by its missing indent and left out.
 */
export function extractJson(stdout: string): unknown {
	const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{' && lines[start] !== '[') continue;
		const closing = lines[start] === '{' ? '}' : ']';
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end] !== closing) continue;
			const block = lines.slice(start, end + 1);
			for (const candidate of [block, [block[0], ...block.slice(1, -1).filter((line) => line.startsWith(' ')), closing]]) {
				try {
					return JSON.parse(candidate.join('\n'));
				} catch {
					/* keep looking */
				}
			}
		}
	}
	return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The n8n processes of queue mode: the main (`start`), a queue worker, a webhook processor. */
export type N8nProcess = 'start' | 'worker' | 'webhook';

export interface N8nOptions {
	/** Port for `n8n start` (default: a free one). */
	port?: number;
	/** Listen address for `n8n start` (default loopback only). */
	listenAddress?: string;
	log?: Log;
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
}

export class N8n {
	readonly log: Log;
	port = 0;
	private server?: ChildProcess;
	private serverLog?: WriteStream;
	private serverExit?: Promise<number>;
	private cookie = '';

	constructor(
		readonly provisioned: Provisioned,
		readonly userFolder: string,
		private readonly options: N8nOptions = {},
	) {
		this.log = options.log ?? defaultLog;
	}

	/** The major version of the provisioned n8n (1 or 2). */
	get major(): number {
		return n8nMajor(this.provisioned.n8n.version);
	}

	get baseUrl(): string {
		return `http://localhost:${this.port}`;
	}

	/** Environment for every n8n process: this user folder, nothing phoned home, quiet logs. */
	async env(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
		const inherited = runtimeEnv(this.provisioned.runtime);
		// Under jest NODE_ENV is "test", which makes n8n refuse to load nodes ("Not available in tests").
		for (const key of Object.keys(inherited)) if (key.startsWith('JEST_')) delete inherited[key];
		return {
			...inherited,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// No calls to api.n8n.io: the vetted-package list and the MCP server registry stay off
			// (n8n 1.x has no such module and refuses to start when an unknown one is named).
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			...(this.major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			// Every n8n process brings its own task broker: give each its own port so runs never collide.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...this.options.env,
			...extra,
		};
	}

	/** Runs `n8n <args>` to completion. */
	async command(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
		const started = Date.now();
		const env = await this.env(extraEnv);
		const child = spawn(this.provisioned.runtime.nodeBin, [this.provisioned.n8n.n8nScript, ...args], {
			cwd: this.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise<number>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (status) => resolve(status ?? 1));
		});
		return { code, stdout, stderr, durationMs: Date.now() - started };
	}

	private async mustSucceed(args: string[], what: string): Promise<CommandResult> {
		const result = await this.command(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${what} failed (exit ${result.code}):\n${tail(result.stdout + '\n' + result.stderr)}`);
		}
		return result;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = join(this.userFolder, 'credentials-import.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		await this.mustSucceed(['import:credentials', `--input=${file}`], 'import:credentials');
	}

	/** Imports workflows (objects as exported by n8n) in one n8n run. */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<void> {
		if (workflows.length === 0) return;
		const dir = join(this.userFolder, 'workflows-import');
		mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, index) => {
			writeFileSync(join(dir, `${String(index).padStart(3, '0')}.json`), JSON.stringify(workflow, null, 2));
		});
		await this.mustSucceed(['import:workflow', '--separate', `--input=${dir}`], 'import:workflow');
	}

	/** Marks a workflow published (active); takes effect when n8n (re)starts. */
	async publishWorkflow(id: string): Promise<void> {
		// n8n 2.x "publishes" a workflow; n8n 1.x has no publish:workflow and sets it active instead.
		if (this.major >= 2) await this.mustSucceed(['publish:workflow', `--id=${id}`], 'publish:workflow');
		else await this.mustSucceed(['update:workflow', `--id=${id}`, '--active=true'], 'update:workflow');
	}

	/** `n8n execute --id --rawOutput`: the run data when it succeeded, the error when not. */
	async execute(id: string): Promise<ExecuteResult> {
		const command = await this.command(['execute', `--id=${id}`, '--rawOutput']);
		const run = extractJson(command.stdout) as ExecutionRun | undefined;
		const runError = run?.data?.resultData?.error;
		// The printed run is the verdict: under load `n8n execute` now and then exits with 1 after printing a
		// finished, successful run (while shutting down its task runner), with nothing logged.
		const succeeded = Boolean(run?.data?.resultData) && !runError && (run?.status ?? 'success') === 'success' && run?.finished !== false;
		if (succeeded) {
			const warning = command.code === 0 ? undefined : `n8n exited with code ${command.code} after reporting the run as successful`;
			return { ok: true, run, command, warning };
		}
		let error = runError
			? `${runError.node?.name ? `${runError.node.name}: ` : ''}${runError.message ?? 'failed'}`
			: undefined;
		if (!error) {
			const lines = (command.stdout + '\n' + command.stderr)
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line && !/python|task runner|task-runner/i.test(line));
			const what = command.code === 0 ? 'n8n printed no readable run' : `n8n exited with code ${command.code}`;
			error = `${what}; last output: ${lines.slice(-4).join(' | ') || '(none)'}`;
		}
		return { ok: false, run, error, command };
	}

	/** `n8n export:nodes`: every node type this n8n loaded. */
	async exportNodes(): Promise<Array<{ name: string; displayName?: string; version?: number | number[] }>> {
		const file = join(this.userFolder, 'nodes-export.json');
		await this.mustSucceed(['export:nodes', `--output=${file}`], 'export:nodes');
		return JSON.parse(readFileSync(file, 'utf8'));
	}

	/**
	 * `n8n start` (or, in queue mode, `n8n worker` / `n8n webhook`) in the background; resolves when
	 * its health endpoint answers ready (a worker's is its own small server on this port).
	 */
	async start(options: { timeoutMs?: number; logFile?: string; process?: N8nProcess; args?: string[] } = {}): Promise<void> {
		const kind = options.process ?? 'start';
		this.port = this.options.port ?? (await freePort());
		const logFile = options.logFile ?? join(this.userFolder, `n8n-${kind}.log`);
		this.serverLog = createWriteStream(logFile, { flags: 'a' });
		const env = await this.env({
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: this.options.listenAddress ?? '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_PROTOCOL: 'http',
			// Queue mode points every process at the webhook processor's address instead.
			N8N_WEBHOOK_URL: this.options.env?.N8N_WEBHOOK_URL ?? `http://localhost:${this.port}/`,
			...(kind === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
		});
		const child = spawn(this.provisioned.runtime.nodeBin, [this.provisioned.n8n.n8nScript, kind, ...(options.args ?? [])], {
			cwd: this.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: false,
		});
		this.server = child;
		let output = '';
		const capture = (chunk: Buffer) => {
			this.serverLog?.write(chunk);
			if (output.length < 200_000) output += chunk.toString();
		};
		child.stdout!.on('data', capture);
		child.stderr!.on('data', capture);
		this.serverExit = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
		const deadline = Date.now() + (options.timeoutMs ?? 120_000);
		let exited: number | undefined;
		void this.serverExit.then((code) => (exited = code));
		while (Date.now() < deadline) {
			if (exited !== undefined) {
				throw new Error(`n8n ${kind} exited with code ${exited} before it was ready (log: ${logFile}):\n${tail(output)}`);
			}
			try {
				const response = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`);
				// n8n 1.x answers ready before its REST API is mounted (POST /rest/login is a 404 for a few seconds).
				if (response.ok && (kind !== 'start' || this.major >= 2 || (await this.restMounted()))) return;
			} catch {
				/* not listening yet */
			}
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n ${kind} was not ready within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s (log: ${logFile}):\n${tail(output)}`);
	}

	/** True once the REST API answers (its public settings endpoint). */
	private async restMounted(): Promise<boolean> {
		const response = await fetch(`http://127.0.0.1:${this.port}/rest/settings`);
		return response.ok;
	}

	/** The started n8n's process id (undefined when none runs). */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** Resolves with the exit code when the started n8n exits (at once when none runs). */
	async exited(): Promise<number> {
		return this.serverExit ? await this.serverExit : 0;
	}

	/** Stops the started n8n (SIGTERM, then SIGKILL after a grace period). */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.server;
		if (!child || !this.serverExit) return;
		this.server = undefined;
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await this.serverExit;
			clearTimeout(timer);
		}
		await new Promise<void>((resolve) => (this.serverLog ? this.serverLog.end(resolve) : resolve()));
		this.serverLog = undefined;
	}

	/**
	 * fetch, repeated for a GET whose connection was closed before an answer (seen once on n8n 1.123
	 * serving its large /types/nodes.json on a loaded machine); other methods are never repeated.
	 */
	private async fetchOnce(method: string, url: string, init: RequestInit): Promise<Response> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await fetch(url, init);
			} catch (error) {
				if (method !== 'GET' || attempt >= 3) throw error;
				await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
			}
		}
	}

	/** A REST call to the started n8n, carrying the session cookie once logged in. */
	async rest<T = unknown>(method: string, path: string, body?: unknown, options: { fromRoot?: boolean } = {}): Promise<{ status: number; body: T }> {
		const response = await this.fetchOnce(method, `http://127.0.0.1:${this.port}${options.fromRoot ? '' : '/rest'}${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
				// n8n's browser-id check pairs the cookie with the client that got it.
				'browser-id': 'n8n-nodes-ocamba-octopush-yeti-tooling',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON */
		}
		// n8n wraps most answers in { data }.
		const unwrapped = parsed && typeof parsed === 'object' && 'data' in (parsed as object) ? (parsed as { data: T }).data : (parsed as T);
		return { status: response.status, body: unwrapped };
	}

	/** Creates the owner account (first start) or logs in as it (later starts). */
	async ensureOwner(owner = OWNER): Promise<void> {
		const setup = await this.rest('POST', '/owner/setup', owner);
		if (setup.status === 200) return;
		const login = await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (login.status !== 200) {
			throw new Error(
				`Could not create or log in as the owner ${owner.email}: setup answered ${setup.status} ${JSON.stringify(setup.body)}, login ${login.status} ${JSON.stringify(login.body)}`,
			);
		}
	}
}

function tail(text: string, lines = 25): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
