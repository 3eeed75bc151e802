/**
 * `npm run demo`: every example workflow run in a real n8n against the local sandboxes.
 * Starts the sandboxes, provisions n8n (cached after the first run), installs our packed package,
 * imports the sandbox credentials and every examples/*.json, executes each one headlessly
 * (`n8n execute --id`; trigger examples are activated in a started n8n and sent a callback),
 * prints a table and one example's output in full. Exit code 0 only when every example succeeded.
 *
 * Options: --only=<text> (examples whose name contains it), --show=<name> (whose output to print),
 * --keep (keep the n8n user folder for inspection), --rebuild (build even when dist/ looks fresh).
 */
import { loadExamples, operationOf, mainNode, type Example } from './n8n/examples';
import { ProvisionError } from './n8n/provision';
import { openSession, runExample, runTriggerExample, type ExampleResult, type Session } from './n8n/session';

function flag(name: string): string | undefined {
	const match = process.argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
	if (!match) return undefined;
	return match.includes('=') ? match.slice(match.indexOf('=') + 1) : 'true';
}

function pad(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function printTable(results: ExampleResult[]) {
	const rows = results.map((result) => [
		result.example.name,
		result.nodeName ?? '-',
		operationOf(mainNode(result.example)),
		result.items === undefined ? '-' : String(result.items),
		result.status === 'passed' ? (result.trigger ? 'ok (trigger)' : 'ok') : 'FAILED',
	]);
	const header = ['workflow', 'node', 'operation', 'items out', 'status'];
	const widths = header.map((title, column) => Math.min(48, Math.max(title.length, ...rows.map((row) => row[column].length))));
	const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column])).join('  ');
	console.log('');
	console.log(line(header));
	console.log(widths.map((width) => '-'.repeat(width)).join('  '));
	for (const row of rows) console.log(line(row));
	console.log('');
}

function printOutput(result: ExampleResult) {
	console.log(`Output of "${result.nodeName}" in ${result.example.name} (${result.output?.length ?? 0} item(s)):`);
	console.log(JSON.stringify(result.output ?? [], null, 2));
	console.log('');
}

async function main(): Promise<number> {
	const only = flag('only');
	const all = loadExamples();
	const examples = only ? all.filter((example) => example.name.includes(only)) : all;
	if (examples.length === 0) {
		console.error(only ? `No example matches "${only}".` : 'No example workflows found in examples/.');
		return 1;
	}
	console.log(`Running ${examples.length} example workflow(s) in a real n8n against the local sandboxes.`);
	let session: Session | undefined;
	const results: ExampleResult[] = [];
	// Ctrl+C: stop n8n and the sandboxes and remove the throwaway folder before leaving.
	const interrupt = () => {
		console.log('\nInterrupted; cleaning up…');
		void (session?.close() ?? Promise.resolve()).finally(() => process.exit(130));
	};
	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	try {
		session = await openSession({ name: 'demo', build: flag('rebuild') ? true : undefined });
		const triggers = examples.filter((example) => example.expect?.trigger);
		const headless = examples.filter((example) => !example.expect?.trigger);
		await session.n8n.importWorkflows(examples.map((example: Example) => example.workflow));
		for (const example of triggers) await session.n8n.publishWorkflow(example.workflow.id);
		console.log(`Imported credentials and ${examples.length} workflow(s); executing…`);
		for (const example of headless) {
			const result = await runExample(session, example);
			results.push(result);
			report(result);
		}
		if (triggers.length) {
			console.log('Starting n8n to run the trigger example(s) through their webhooks…');
			await session.n8n.start();
			await session.n8n.ensureOwner();
			for (const example of triggers) {
				const result = await runTriggerExample(session, example);
				results.push(result);
				report(result);
			}
			await session.n8n.stop();
		}
	} catch (error) {
		if (error instanceof ProvisionError) {
			console.error(`\nProvisioning n8n failed, nothing was run:\n${error.message}`);
		} else {
			console.error(`\nThe demo stopped: ${(error as Error).stack ?? error}`);
		}
		await session?.close({ keepFolder: true });
		if (session) console.error(`n8n user folder kept for inspection: ${session.userFolder}`);
		return 1;
	}
	const keep = Boolean(flag('keep'));
	await session.close({ keepFolder: keep });
	if (keep) console.log(`n8n user folder kept: ${session.userFolder}`);

	printTable(results);
	const show = flag('show');
	const shown =
		(show && results.find((result) => result.example.name === show)) ||
		results.find((result) => result.status === 'passed' && !result.trigger && (result.output?.length ?? 0) > 0) ||
		results[0];
	if (shown) printOutput(shown);
	const failed = results.filter((result) => result.status !== 'passed');
	if (failed.length) {
		console.log(`${failed.length} of ${results.length} example(s) FAILED:`);
		for (const result of failed) {
			console.log(`  ${result.example.name}:`);
			for (const problem of result.problems) console.log(`    - ${problem}`);
		}
		return 1;
	}
	console.log(`All ${results.length} example(s) succeeded.`);
	return 0;
}

function report(result: ExampleResult) {
	const seconds = (result.durationMs / 1000).toFixed(1);
	const mark = result.status === 'passed' ? 'ok    ' : 'FAILED';
	console.log(`  ${mark} ${result.example.name} (${seconds} s)${result.problems[0] ? ` — ${result.problems[0]}` : ''}${result.warning ? ` (note: ${result.warning})` : ''}`);
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
