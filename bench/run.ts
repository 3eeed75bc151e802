/**
 * `npm run bench`: the performance figures of issue 8, each beside its baseline from the same run.
 * The sandboxes run in their own process; every measurement runs in a fresh worker process.
 *
 * Options: --only=1,2,5 (figure numbers), --quick (smaller counts, for trying the bench out),
 *          --no-write (do not write bench/results.json and bench/LATEST.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { figure6 } from './figure-loading';
import { figure7 } from './figure-queue';
import { probeFigure, type Figure, type FigureContext, type Row } from './figures';
import { figure1, figure2, figure3, figure4, figure5 } from './figures-vendors';
import { ROOT, startSandboxProcess } from './lib';
import { BUILT_ENV } from './nodes';

const figures: Figure[] = [probeFigure, figure1, figure2, figure3, figure4, figure5, figure6, figure7];

/**
 * Figures that start infrastructure of their own for minutes (7: an n8n queue-mode cluster) and so
 * are often run alone: `--only=<these>` writes their rows into their own section of LATEST.md and
 * the README, leaving the complete run's table as it is (a complete run puts them in the table).
 */
const SEPARATE_FIGURES = new Set(['7']);

const RESULTS = path.join(__dirname, 'results.json');
const LATEST = path.join(__dirname, 'LATEST.md');
const DOCS = path.join(ROOT, 'README.md');
const DOCS_START = '<!-- bench:latest:start -->';
const DOCS_END = '<!-- bench:latest:end -->';

function arg(name: string): string | undefined {
	const flag = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (!flag) return undefined;
	return flag.includes('=') ? flag.split('=')[1] : 'true';
}

function versionOf(pkg: string): string {
	try {
		return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		return 'unknown';
	}
}

function gitCommit(): string {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
	} catch {
		return 'unknown';
	}
}

interface Results {
	date: string;
	commit: string;
	command: string;
	quick: boolean;
	machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; loadAverageAtStart: number[] };
	versions: Record<string, string>;
	durationSeconds: number;
	rows: Row[];
}

function pad(text: string, width: number) {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(rows: Row[], previous?: Results): string {
	const header = ['#', 'Figure', 'Node', 'Baseline', 'Ratio', 'Target', 'Result'];
	if (previous) header.push('Prev. ratio');
	const lines = rows.map((row) => {
		const cells = [row.figure, row.name, row.node, row.baseline, row.ratio === undefined ? '—' : row.ratio.toFixed(2), row.target, row.pass === undefined ? 'info' : row.pass ? 'PASS' : 'FAIL'];
		if (previous) {
			const before = previous.rows.find((r) => r.id === row.id);
			cells.push(before?.ratio === undefined ? '—' : `${before.ratio.toFixed(2)} (${row.ratio !== undefined ? (row.ratio - before.ratio >= 0 ? '+' : '') + (row.ratio - before.ratio).toFixed(2) : '?'})`);
		}
		return cells;
	});
	return [header, ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n').replace(/^(\|[^\n]*\|)\n/, (first) => `${first}|${header.map(() => '---').join('|')}|\n`);
}

function consoleTable(rows: Row[]): string {
	const cells = rows.map((row) => [row.figure, row.name, row.node, row.baseline, row.ratio === undefined ? '—' : row.ratio.toFixed(2), row.target, row.pass === undefined ? 'info' : row.pass ? 'PASS' : 'FAIL']);
	const header = ['#', 'Figure', 'Node', 'Baseline', 'Ratio', 'Target', 'Result'];
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => c.map((cell, i) => pad(cell, widths[i])).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main() {
	const started = Date.now();
	const quick = arg('quick') === 'true';
	const only = arg('only')?.split(',').map((s) => s.trim());
	const write = arg('no-write') === undefined;
	const previous = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Results) : undefined;

	// The nodes are measured as users run them: compiled by the package's tsc config, not through tsx.
	const built = path.join(__dirname, '.build');
	fs.rmSync(built, { recursive: true, force: true });
	execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', built], { cwd: ROOT, stdio: 'inherit' });
	process.env[BUILT_ENV] = built;

	const sandbox = await startSandboxProcess();
	const context: FigureContext = { sandbox, quick, log: (message: string) => console.log(`  ${message}`) };
	const rows: Row[] = [];
	try {
		for (const figure of figures) {
			// Figure 0 (the shared-layer probe) is a diagnostic: only when asked for.
			if (only ? !only.includes(figure.number) : figure.number === '0') continue;
			console.log(`\n${figure.number}. ${figure.title}`);
			const figureStarted = Date.now();
			try {
				const produced = await figure.run(context);
				for (const row of produced) {
					rows.push(row);
					console.log(`  ${row.name}: node ${row.node} vs ${row.baseline}${row.ratio !== undefined ? ` → ${row.ratio.toFixed(2)}` : ''} (target ${row.target}) ${row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL'}`);
					for (const note of row.notes ?? []) console.log(`    - ${note}`);
				}
			} catch (error) {
				const message = (error as Error).message.split('\n').slice(0, 6).join('\n');
				console.log(`  could not run: ${message}`);
				rows.push({ id: `${figure.number}-error`, figure: figure.number, name: figure.title, node: 'not run', baseline: '—', target: '—', pass: false, notes: [message] });
			}
			console.log(`  (${((Date.now() - figureStarted) / 1000).toFixed(1)} s)`);
		}
	} finally {
		await sandbox.stop();
	}

	const results: Results = {
		date: new Date().toISOString(),
		commit: gitCommit(),
		command: `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		quick,
		machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1024 ** 3), platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: os.loadavg() },
		versions: { node: process.version, 'n8n-core': versionOf('n8n-core'), 'n8n-workflow': versionOf('n8n-workflow'), package: versionOf('..') === 'unknown' ? (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version : 'unknown' },
		durationSeconds: Math.round((Date.now() - started) / 100) / 10,
		rows,
	};
	console.log(`\n${consoleTable(rows)}\n`);
	if (previous) console.log(`Previous run: ${previous.date} (commit ${previous.commit})\n${table(rows, previous)}\n`);
	const failed = rows.filter((r) => r.pass === false);
	console.log(`${rows.length} figures, ${failed.length} failed, ${results.durationSeconds} s in total.`);
	if (write) {
		fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`Wrote ${path.relative(ROOT, RESULTS)}.`);
		// The committed table (bench/LATEST.md, the README's Performance section) only from complete runs.
		if (!quick && !only) {
			fs.writeFileSync(LATEST, latestMarkdown(results));
			updateDocs(results);
			for (const number of SEPARATE_FIGURES) writeSeparateFigure(number, results, { latest: false });
			console.log(`Wrote ${path.relative(ROOT, LATEST)} and the table in ${path.relative(ROOT, DOCS)}.`);
		} else if (!quick && only?.every((number) => SEPARATE_FIGURES.has(number))) {
			for (const number of only) writeSeparateFigure(number, results, { latest: true });
			console.log(`Wrote figure ${only.join(', ')}'s section in ${path.relative(ROOT, LATEST)} and ${path.relative(ROOT, DOCS)}.`);
		}
	}
	process.exitCode = failed.length ? 1 : 0;
}

function summaryLine(results: Results): string {
	return `\`${results.command}\` on ${results.date.slice(0, 16).replace('T', ' ')} UTC, commit ${results.commit}, ${results.machine.cpus} × ${results.machine.cpuModel} (load average ${results.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' / ')} at start), Node ${results.versions.node}, n8n-core ${results.versions['n8n-core']}; ${results.durationSeconds} s in total.${results.quick ? ' (--quick: reduced counts, not the issue\'s figures.)' : ''}`;
}

function notesList(results: Results): string[] {
	return results.rows.filter((r) => r.notes?.length).map((r) => `- **${r.figure}. ${r.name}**: ${r.notes!.join('; ')}`);
}

function latestMarkdown(results: Results): string {
	const notes = notesList(results);
	return ['# Latest benchmark', '', summaryLine(results), '', table(results.rows), '', ...(notes.length ? ['Notes:', '', ...notes, ''] : [])].join('\n');
}

/** The text between `<!-- <key>:start -->` and `<!-- <key>:end -->` replaced (appended when absent, if `append`). */
function replaceBlock(text: string, key: string, body: string, append: boolean): string | undefined {
	const start = `<!-- ${key}:start -->`;
	const end = `<!-- ${key}:end -->`;
	const block = [start, '', body, '', end].join('\n');
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from >= 0 && to > from) return text.slice(0, from) + block + text.slice(to + end.length);
	return append ? `${text.replace(/\n*$/, '\n\n')}${block}\n` : undefined;
}

/**
 * A separate figure's rows: its section of the README (where its markers are) and, from its own run,
 * of LATEST.md (appended when new; a complete run has them in its table instead).
 */
function writeSeparateFigure(number: string, results: Results, options: { latest: boolean }) {
	const rows = results.rows.filter((row) => row.figure === number);
	if (rows.length === 0) return;
	const title = figures.find((figure) => figure.number === number)?.title ?? `Figure ${number}`;
	const notes = notesList({ ...results, rows });
	const body = [`## ${number}. ${title}`, '', summaryLine(results), '', table(rows), '', ...(notes.length ? ['Notes:', '', ...notes] : [])].join('\n');
	if (options.latest) fs.writeFileSync(LATEST, replaceBlock(fs.existsSync(LATEST) ? fs.readFileSync(LATEST, 'utf8') : '# Latest benchmark\n', `bench:figure-${number}`, body, true)!);
	if (fs.existsSync(DOCS)) {
		const docs = replaceBlock(fs.readFileSync(DOCS, 'utf8'), `bench:figure-${number}`, [summaryLine(results), '', table(rows)].join('\n'), false);
		if (docs) fs.writeFileSync(DOCS, docs);
	}
}

/** Replaces the table between the markers in README.md's Performance section. */
function updateDocs(results: Results) {
	if (!fs.existsSync(DOCS)) return;
	const text = fs.readFileSync(DOCS, 'utf8');
	const start = text.indexOf(DOCS_START);
	const end = text.indexOf(DOCS_END);
	if (start < 0 || end < start) return;
	const block = [DOCS_START, '', summaryLine(results), '', table(results.rows), '', DOCS_END].join('\n');
	fs.writeFileSync(DOCS, text.slice(0, start) + block + text.slice(end + DOCS_END.length));
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
