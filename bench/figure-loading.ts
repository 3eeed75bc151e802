/**
 * Figure 6: the tarball users install, and what loading it costs n8n at start-up.
 *
 * The package is built into a staging folder (the same tsc config and icons as `npm run build`, but
 * not touching the shared dist/) and packed there with the repository's package.json. Then, with the
 * real n8n the e2e tooling provisions (scripts/n8n, cached outside the repo):
 *  - n8n-core's PackageDirectoryLoader (what n8n runs per community package at start-up) loads the
 *    installed package in a fresh process: the package's own loading time;
 *  - `n8n start` until /healthz/readiness, in a user folder without and one with the package
 *    installed (each started once untimed first, so database migrations are not counted).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Figure, Row } from './figures';
import { ROOT, sec } from './lib';

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

function copyIcons(from: string, to: string) {
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		if (entry.isDirectory()) copyIcons(source, path.join(to, entry.name));
		else if (/\.(svg|png)$/.test(entry.name)) {
			fs.mkdirSync(to, { recursive: true });
			fs.copyFileSync(source, path.join(to, entry.name));
		}
	}
}

/** Builds and packs the package in a staging folder; returns the tarball and what npm says about it. */
export function stageAndPack(stage: string): { tarball: string; pack: PackResult; buildMs: number } {
	fs.rmSync(stage, { recursive: true, force: true });
	fs.mkdirSync(stage, { recursive: true });
	for (const file of ['package.json', 'index.js', 'README.md', 'LICENSE', 'LICENSE.md']) {
		if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
	}
	const started = Date.now();
	execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')], { cwd: ROOT, stdio: 'pipe' });
	copyIcons(path.join(ROOT, 'nodes'), path.join(stage, 'dist', 'nodes'));
	copyIcons(path.join(ROOT, 'credentials'), path.join(stage, 'dist', 'credentials'));
	const buildMs = Date.now() - started;
	const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const [pack] = JSON.parse(output.slice(output.indexOf('['))) as PackResult[];
	return { tarball: path.join(stage, pack.filename), pack, buildMs };
}

function loadWithN8nLoader(nodeBin: string, n8nDir: string, packageDir: string): Promise<{ ms: number; nodes: string[]; credentials: string[] }> {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [path.join(__dirname, 'load-package.js'), n8nDir, packageDir], {
			env: { ...process.env, NODE_PATH: path.join(n8nDir, 'node_modules'), NODE_ENV: 'production', N8N_USER_FOLDER: path.join(os.tmpdir(), 'n8n-bench-loader') },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('exit', () => {
			const line = stdout.split('\n').find((l) => l.startsWith('LOAD_RESULT ') || l.startsWith('LOAD_ERROR '));
			if (line?.startsWith('LOAD_RESULT ')) return resolve(JSON.parse(line.slice(12)));
			reject(new Error(`loader failed: ${line ?? ''} ${stderr.slice(-1000)}`));
		});
	});
}

export const figure6: Figure = {
	number: '6',
	title: 'Loading: tarball size, and n8n start-up with and without the package',
	async run(context) {
		const rows: Row[] = [];
		const stage = path.join(os.tmpdir(), `n8n-nodes-bench-pack-${process.pid}`);
		const { tarball, pack, buildMs } = stageAndPack(stage);
		const unwanted = pack.files.filter((f) => /\.(map|ts)$|(^|\/)(test|tests|__tests__)\/|\.test\.|(^|\/)(sandbox|bench|scripts)\//.test(f.path) && !f.path.endsWith('.d.ts'));
		const declarations = pack.files.filter((f) => f.path.endsWith('.d.ts'));
		const biggest = [...pack.files].sort((a, b) => b.size - a.size).slice(0, 3).map((f) => `${f.path} ${(f.size / 1024).toFixed(0)} kB`);
		rows.push({
			id: 'tarball',
			figure: '6',
			name: 'Tarball (npm pack)',
			node: `${(pack.size / 1024).toFixed(1)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked, ${pack.entryCount} files`,
			baseline: '—',
			target: 'no maps, sources or tests',
			pass: unwanted.length === 0 && declarations.length === 0,
			notes: [
				...(unwanted.length ? [`unwanted files: ${unwanted.map((f) => f.path).join(', ')}`] : []),
				...(declarations.length ? [`${declarations.length} .d.ts files`] : []),
				`largest: ${biggest.join('; ')}`,
				`built in a staging folder in ${sec(buildMs)} (tsc -p tsconfig.build.json + icons), packed with the repository's package.json "files"`,
			],
			data: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount },
		});

		// The real n8n of the e2e tooling (provisioned and cached by scripts/n8n; first use installs it).
		let provisioning: typeof import('../scripts/n8n/provision');
		let cli: typeof import('../scripts/n8n/cli');
		try {
			provisioning = await import('../scripts/n8n/provision');
			cli = await import('../scripts/n8n/cli');
		} catch (error) {
			rows.push({ id: 'n8n-start', figure: '6', name: 'n8n start-up', node: 'not run', baseline: '—', target: 'info', notes: [`scripts/n8n not usable: ${(error as Error).message}`] });
			return rows;
		}
		const quiet = () => undefined;
		const runtime = await provisioning.ensureNodeRuntime(quiet);
		const n8n = await provisioning.ensureN8n(runtime, quiet);
		const provisioned = { runtime, n8n, tarball };
		const withPackage = await provisioning.createUserFolder('bench-with-package', provisioned, quiet);
		const withoutPackage = path.join(path.dirname(withPackage), `bench-without-package-${process.pid}-${Date.now().toString(36)}`);
		fs.mkdirSync(path.join(withoutPackage, '.n8n', 'nodes'), { recursive: true });
		fs.writeFileSync(path.join(withoutPackage, '.n8n', 'nodes', 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
		try {
			const installed = path.join(withPackage, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-ocamba-octopush-yeti');
			const loads: number[] = [];
			let loaded: { nodes: string[]; credentials: string[] } = { nodes: [], credentials: [] };
			for (let i = 0; i < 3; i++) {
				const result = await loadWithN8nLoader(runtime.nodeBin, n8n.dir, installed);
				loads.push(result.ms);
				loaded = result;
			}
			const loadMs = Math.min(...loads);
			rows.push({
				id: 'n8n-loader',
				figure: '6',
				name: "Package load (n8n-core's PackageDirectoryLoader)",
				node: `${loadMs.toFixed(0)} ms for ${loaded.nodes.length} nodes + ${loaded.credentials.length} credentials`,
				baseline: '—',
				target: 'info',
				notes: [`fresh process each, n8n ${n8n.version} on Node ${runtime.version}, best of ${loads.length}: ${loads.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; loaded ${loaded.nodes.join(', ')}`],
				data: { loadMs, loads, nodes: loaded.nodes, credentials: loaded.credentials },
			});

			const startOnce = async (folder: string): Promise<number> => {
				const instance = new cli.N8n(provisioned, folder, { log: quiet });
				const started = Date.now();
				await instance.start({ timeoutMs: 180_000 });
				const ms = Date.now() - started;
				await instance.stop();
				return ms;
			};
			const repeat = context.quick ? 1 : 2;
			// First starts create and migrate each database: not counted.
			await startOnce(withoutPackage);
			await startOnce(withPackage);
			const times: Record<'with' | 'without', number[]> = { with: [], without: [] };
			for (let i = 0; i < repeat; i++) {
				times.without.push(await startOnce(withoutPackage));
				times.with.push(await startOnce(withPackage));
			}
			const best = (list: number[]) => Math.min(...list);
			const difference = best(times.with) - best(times.without);
			rows.push({
				id: 'n8n-start',
				figure: '6',
				name: 'n8n start until ready, with the package',
				node: `${sec(best(times.with))} (${difference >= 0 ? '+' : ''}${difference} ms)`,
				baseline: `without ${sec(best(times.without))}`,
				ratio: best(times.with) / best(times.without),
				target: 'info',
				notes: [
					`n8n ${n8n.version}, Node ${runtime.version}, SQLite, already migrated; best of ${repeat}: with ${times.with.map(sec).join(', ')}; without ${times.without.map(sec).join(', ')}`,
					'the difference is within the noise of a whole n8n start; the loader figure above is the package\'s own cost',
				],
				data: { withMs: times.with, withoutMs: times.without },
			});
		} finally {
			for (const folder of [withPackage, withoutPackage]) fs.rmSync(folder, { recursive: true, force: true });
			fs.rmSync(stage, { recursive: true, force: true });
		}
		return rows;
	},
};
