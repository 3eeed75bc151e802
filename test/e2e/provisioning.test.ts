/**
 * The provisioning cache's guarantees, on a scratch folder: an entry is built once, a second run
 * waits for the first instead of building again, a failed build leaves no entry behind, and a lock
 * left by a killed process is taken over.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { hostname, tmpdir } from 'os';
import { join } from 'path';
import { cached, withLock } from '../../scripts/n8n/provision';

let dir: string;
const quiet = () => undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'n8n-provision-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('two concurrent runs build an entry once; the second waits and reuses it', async () => {
	const target = join(dir, 'thing-1.0');
	let builds = 0;
	const build = async (tmp: string) => {
		builds += 1;
		await sleep(300);
		writeFileSync(join(tmp, 'payload'), 'complete');
		return { version: '1.0' };
	};
	await Promise.all([cached(target, 'thing', quiet, build), cached(target, 'thing', quiet, build)]);
	expect(builds).toBe(1);
	expect(readFileSync(join(target, 'payload'), 'utf8')).toBe('complete');
	expect(JSON.parse(readFileSync(join(target, 'provisioned.json'), 'utf8'))).toEqual(expect.objectContaining({ version: '1.0' }));
	// Nothing else is left next to it: no lock, no temporary folder.
	expect(readdirSync(dir)).toEqual(['thing-1.0']);
	await cached(target, 'thing', quiet, build);
	expect(builds).toBe(1);
});

test('a failed build leaves no entry, so the next run builds again', async () => {
	const target = join(dir, 'thing-2.0');
	await expect(
		cached(target, 'thing', quiet, async (tmp) => {
			writeFileSync(join(tmp, 'half'), 'x');
			throw new Error('network down');
		}),
	).rejects.toThrow('network down');
	expect(existsSync(target)).toBe(false);
	expect(existsSync(`${target}.lock`)).toBe(false);
	await cached(target, 'thing', quiet, async (tmp) => {
		writeFileSync(join(tmp, 'payload'), 'ok');
		return {};
	});
	expect(readFileSync(join(target, 'payload'), 'utf8')).toBe('ok');
});

test('an entry without its completion marker (an interrupted copy) is rebuilt', async () => {
	const target = join(dir, 'thing-3.0');
	mkdirSync(target);
	writeFileSync(join(target, 'half'), 'x');
	await cached(target, 'thing', quiet, async (tmp) => {
		writeFileSync(join(tmp, 'payload'), 'ok');
		return {};
	});
	expect(readdirSync(target).sort()).toEqual(['payload', 'provisioned.json']);
});

test('a lock left by a process that no longer exists is taken over', async () => {
	const target = join(dir, 'thing-4.0');
	const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
	mkdirSync(`${target}.lock`);
	writeFileSync(join(`${target}.lock`, 'owner.json'), JSON.stringify({ pid: dead, host: hostname() }));
	const messages: string[] = [];
	const result = await withLock(target, 'thing', (m) => messages.push(m), async () => 'ran');
	expect(result).toBe('ran');
	expect(messages.join('\n')).toMatch(/stale lock/);
	expect(existsSync(`${target}.lock`)).toBe(false);
});

test('a lock held by a live process makes the caller wait, saying so', async () => {
	const target = join(dir, 'thing-5.0');
	const messages: string[] = [];
	let release!: () => void;
	const holder = withLock(target, 'thing', quiet, () => new Promise<void>((resolve) => (release = resolve)));
	await sleep(50);
	let waited = false;
	const waiter = withLock(target, 'thing', (m) => messages.push(m), async () => {
		waited = true;
	});
	await sleep(500);
	expect(waited).toBe(false);
	expect(messages.join('\n')).toMatch(/Another run \(process \d+\) is preparing thing; waiting/);
	release();
	await holder;
	await waiter;
	expect(waited).toBe(true);
});
