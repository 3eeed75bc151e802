/**
 * The suite-wide secret scan. Every node run through the harness records what a user (or a log
 * collector) could see — output items, thrown errors, loadOptions/listSearch results, credential-test
 * answers, console and n8n logger output — and every secret the tests used is registered. At the end
 * of the jest run (globalTeardown) everything recorded is searched for every secret: one hit fails
 * the run and names where it was found.
 *
 * Jest runs test files in worker processes, so both go to append-only files in one directory per run
 * (created by globalSetup, passed to the workers through an environment variable). Without that
 * directory (a test file run outside this jest config) recording is a no-op.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

import type { ICredentialDataDecryptedObject, ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

export const SCAN_DIR_ENV = 'N8N_NODES_SECRET_SCAN_DIR';

/** Shorter values (e.g. a test password "x") would match everywhere and prove nothing. */
export const MIN_SECRET_LENGTH = 6;

export interface ScanLocation {
	testPath?: string;
	testName?: string;
	/** What was recorded: "runNode output", "runNode error", "console.log", "n8n logger", ... */
	source: string;
	node?: string;
}

interface SecretLine {
	kind: 'secret';
	value: string;
	label: string;
	where?: ScanLocation;
}

interface RecordLine {
	kind: 'record';
	where: ScanLocation;
	payload: unknown;
}

export interface ScanHit {
	label: string;
	/** The secret with all but its first characters masked, so the report itself leaks nothing. */
	masked: string;
	where: ScanLocation;
	/** Where in the recorded payload, e.g. `$[1].json.error`. */
	path: string;
}

let scanDirOverride: string | undefined;

/** Where this process records for the scan, if it does (the test run does; the bench does not). */
function configuredScanDir(): string | undefined {
	return scanDirOverride ?? process.env[SCAN_DIR_ENV];
}

export function isScanning(): boolean {
	return Boolean(configuredScanDir());
}

/** For the scanner's own test: record into another directory than the run's. */
export function useScanDirectory(dir: string | undefined) {
	scanDirOverride = dir;
}

function scanDir(): string | undefined {
	const dir = configuredScanDir();
	if (!dir) return undefined;
	if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
	return dir;
}

function fileFor(dir: string, kind: 'secrets' | 'records') {
	return join(dir, `${kind}-${process.pid}-${process.env.JEST_WORKER_ID ?? '0'}.jsonl`);
}

/** The running test, when called inside one. */
export function currentTest(): { testPath?: string; testName?: string } {
	const state = (globalThis as { expect?: { getState?: () => { testPath?: string; currentTestName?: string } } }).expect?.getState?.();
	return { testPath: state?.testPath, testName: state?.currentTestName };
}

const registered = new Set<string>();

/** Declares a value the suite must never see in any output, error or log. */
export function registerSecret(value: unknown, label = 'secret') {
	if (typeof value !== 'string' && typeof value !== 'number') return;
	const text = String(value);
	const dir = scanDir();
	if (!dir || text.length < MIN_SECRET_LENGTH || registered.has(`${dir}|${text}`)) return;
	registered.add(`${dir}|${text}`);
	const line: SecretLine = { kind: 'secret', value: text, label, where: { ...currentTest(), source: 'registerSecret' } };
	appendFileSync(fileFor(dir, 'secrets'), `${JSON.stringify(line)}\n`);
}

/** Registers every password-type field of a credential (API keys, tokens, passwords, session JWTs). */
export function registerCredentialSecrets(type: ICredentialType | undefined, data: ICredentialDataDecryptedObject | undefined) {
	if (!type || !data) return;
	for (const property of type.properties) {
		if (property.typeOptions?.password) registerSecret(data[property.name], `${type.name}.${property.name}`);
	}
}

/**
 * Password-type parameters whose value is not a secret but a handle the nodes output by design:
 * OTP → Generate outputs `otp_request_token` for Validate to map it, and n8n's lint rule
 * (node-param-type-options-password-missing) wants a field named "…Token" hidden in the editor.
 */
const HIDDEN_BUT_OUTPUT_BY_DESIGN = new Set(['otpRequestToken']);

/** Registers the values given to the node's password-type parameters (e.g. a sub-account password). */
export function registerParameterSecrets(nodeType: INodeType, parameters: Record<string, unknown>) {
	const visit = (properties: INodeProperties[] | undefined, values: unknown, path: string) => {
		if (!properties || values === null || typeof values !== 'object') return;
		for (const property of properties) {
			const value = (values as Record<string, unknown>)[property.name];
			if (value === undefined) continue;
			const here = `${path}.${property.name}`;
			if (property.typeOptions?.password) {
				if (HIDDEN_BUT_OUTPUT_BY_DESIGN.has(property.name)) continue;
				// An expression's result is not known here; its text is not the secret.
				if (!(typeof value === 'string' && value.startsWith('='))) registerSecret(value, `${nodeType.description.name}${here}`);
				continue;
			}
			const options = property.options as Array<INodeProperties | { name: string; values?: INodeProperties[] }> | undefined;
			if (!options || !options.length || typeof options[0] !== 'object' || !('name' in options[0])) continue;
			if (property.type === 'collection') visit(options as INodeProperties[], value, here);
			if (property.type === 'fixedCollection') {
				for (const group of options as Array<{ name: string; values?: INodeProperties[] }>) {
					const groupValue = (value as Record<string, unknown>)[group.name];
					for (const entry of Array.isArray(groupValue) ? groupValue : [groupValue]) visit(group.values, entry, `${here}.${group.name}`);
				}
			}
		}
	};
	visit(nodeType.description.properties, parameters, '');
}

/** Turns anything into plain JSON-able data without throwing (cycles, Buffers, Errors, BigInts). */
export function toPlain(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
	if (value === null || value === undefined) return value;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return String(value);
	if (typeof value === 'function' || typeof value === 'symbol') return undefined;
	if (Buffer.isBuffer(value)) return value.toString('utf8');
	if (depth > 12) return inspect(value, { depth: 0 });
	if (seen.has(value as object)) return '[circular]';
	seen.add(value as object);
	if (Array.isArray(value)) return value.map((entry) => toPlain(entry, depth + 1, seen));
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) result[key] = toPlain(entry, depth + 1, seen);
	return result;
}

/**
 * What n8n shows and stores of an error: its message, description and context, its toJSON (what the
 * execution log persists), its enumerable fields (errorResponse, httpCode, details) and its stack.
 */
export function serializeError(error: unknown): unknown {
	if (!(error instanceof Error)) return toPlain(error);
	const e = error as Error & { description?: unknown; context?: unknown; toJSON?: () => unknown };
	let json: unknown;
	try {
		json = toPlain(typeof e.toJSON === 'function' ? e.toJSON() : JSON.parse(JSON.stringify(e)));
	} catch (failure) {
		json = `unserializable: ${(failure as Error).message}`;
	}
	return {
		name: e.name,
		message: e.message,
		description: toPlain(e.description),
		context: toPlain(e.context),
		json,
		// The node (with all its parameters, as the workflow stores them) is n8n's, not part of the message.
		fields: toPlain({ ...e, node: undefined }),
		stack: e.stack,
	};
}

/** Records something a user or a log could see, for the end-of-run scan. */
export function recordForScan(source: string, payload: unknown, node?: string) {
	const dir = scanDir();
	if (!dir) return;
	const line: RecordLine = { kind: 'record', where: { ...currentTest(), source, ...(node ? { node } : {}) }, payload: toPlain(payload) };
	appendFileSync(fileFor(dir, 'records'), `${JSON.stringify(line)}\n`);
}

function readLines<T>(dir: string, prefix: string): T[] {
	if (!existsSync(dir)) return [];
	const lines: T[] = [];
	for (const file of readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl')).sort()) {
		for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
			if (!line.trim()) continue;
			try {
				lines.push(JSON.parse(line) as T);
			} catch {
				// A line cut short (a worker killed mid-write) is still searched, as text.
				lines.push({ kind: 'record', where: { source: `unreadable line in ${file}` }, payload: line, value: '' } as T);
			}
		}
	}
	return lines;
}

export function mask(secret: string): string {
	return `${secret.slice(0, 3)}${'*'.repeat(Math.max(3, secret.length - 3))}`;
}

const SECRET_WORDS = new Set(['secret', 'token', 'password', 'passwd', 'jwt', 'key', 'apikey', 'private']);

/** Whether a constant or field name says it holds a secret: `OCTOPUSH_SANDBOX_KEY`, `apiKey`, `auth_token`, `JWT_SECRET`. */
export function isSecretName(name: string): boolean {
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[\s_\-.]+/)
		.map((word) => word.toLowerCase());
	return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * Request bodies carry secrets of their own: a sub-account password, a provider's auth token or API
 * key (the settings a vendor marks secret). Values sent under these keys are registered as secrets.
 */
export function registerBodySecrets(body: unknown, secretKeys: ReadonlySet<string>) {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return;
		}
	}
	const visit = (value: unknown, depth: number) => {
		if (depth > 8 || value === null || typeof value !== 'object') return;
		if (Array.isArray(value)) {
			value.forEach((entry) => visit(entry, depth + 1));
			return;
		}
		for (const [key, entry] of Object.entries(value)) {
			if (secretKeys.has(key) && (typeof entry === 'string' || typeof entry === 'number')) registerSecret(entry, `request body field "${key}"`);
			else visit(entry, depth + 1);
		}
	};
	visit(parsed, 0);
}

/** Secrets the sandboxes define (exported constants whose name says they are secret). */
export function collectModuleSecrets(moduleExports: Record<string, unknown>, moduleName: string): Array<{ value: string; label: string }> {
	const found: Array<{ value: string; label: string }> = [];
	const secretName = (name: string) => isSecretName(name);
	const visit = (value: unknown, name: string, label: string, depth: number) => {
		if (depth > 6 || value === null || value === undefined) return;
		if (typeof value === 'string') {
			if (secretName(name) && value.length >= MIN_SECRET_LENGTH) found.push({ value, label });
			return;
		}
		if (typeof value !== 'object' || Buffer.isBuffer(value)) return;
		if (Array.isArray(value)) {
			value.forEach((entry) => visit(entry, name, `${label}[]`, depth + 1));
			return;
		}
		// A provider setting described as `{ name: 'auth_token', secret: true, value: '...' }`.
		const record = value as Record<string, unknown>;
		if (record.secret === true && typeof record.value === 'string') found.push({ value: record.value, label: `${label}.value` });
		for (const [key, entry] of Object.entries(record)) visit(entry, key, `${label}.${key}`, depth + 1);
	};
	for (const [name, value] of Object.entries(moduleExports)) {
		if (typeof value === 'function') continue;
		visit(value, name, `${moduleName}.${name}`, 0);
	}
	return found.filter((s) => s.value.length >= MIN_SECRET_LENGTH);
}

/** Searches every recorded payload for every secret; returns the hits (empty means clean). */
export function scanDirectory(dir: string, extraSecrets: Array<{ value: string; label: string }> = []): { hits: ScanHit[]; secrets: number; records: number } {
	const secrets = new Map<string, string>();
	for (const s of [...readLines<SecretLine>(dir, 'secrets'), ...extraSecrets]) {
		if (s.value.length >= MIN_SECRET_LENGTH && !secrets.has(s.value)) secrets.set(s.value, s.label);
	}
	const records = readLines<RecordLine>(dir, 'records');
	const hits: ScanHit[] = [];
	const visit = (value: unknown, path: string, record: RecordLine) => {
		if (typeof value === 'string') {
			for (const [secret, label] of secrets) {
				if (value.includes(secret)) hits.push({ label, masked: mask(secret), where: record.where, path });
			}
			return;
		}
		if (value === null || typeof value !== 'object') return;
		if (Array.isArray(value)) value.forEach((entry, i) => visit(entry, `${path}[${i}]`, record));
		else for (const [key, entry] of Object.entries(value)) {
			visit(key, `${path}{key}`, record);
			visit(entry, `${path}.${key}`, record);
		}
	};
	for (const record of records) visit(record.payload, '$', record);
	return { hits, secrets: secrets.size, records: records.length };
}

export function formatHits(hits: ScanHit[]): string {
	return hits
		.map((hit) => `- ${hit.label} (${hit.masked}) in ${hit.where.source}${hit.where.node ? ` of node "${hit.where.node}"` : ''} at ${hit.path}\n    test: ${hit.where.testName ?? '(outside a test)'}\n    file: ${hit.where.testPath ?? '(unknown)'}`)
		.join('\n');
}
