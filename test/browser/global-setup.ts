/**
 * Before any spec: the real n8n provisioned (cached across runs), then one n8n started for the whole run
 * with our packed package, the sandboxes and the sandbox credentials, and the owner account created. The
 * workers reach it through BROWSER_SUITE_ENV (n8n's address, the sandboxes' addresses, the user folder);
 * a failing test then costs no n8n restart. The returned function stops everything after the run.
 */
import { PROVISIONED_ENV } from '../../scripts/n8n/config';
import { provision } from '../../scripts/n8n/provision';
import { openSession } from '../../scripts/n8n/session';
import { BROWSER_SUITE_ENV, type SuiteInfo } from './suite';

export default async function globalSetup(): Promise<() => Promise<void>> {
	let provisioned;
	try {
		provisioned = await provision((message) => console.log(`[browser provisioning] ${message}`));
	} catch (error) {
		throw new Error(`The browser suite could not provision the real n8n it runs in, so it did not run:\n${(error as Error).message}`);
	}
	process.env[PROVISIONED_ENV] = JSON.stringify(provisioned);
	const session = await openSession({ name: 'browser', provisioned, log: () => undefined });
	try {
		await session.n8n.start({ timeoutMs: 300_000 });
		await session.n8n.ensureOwner();
	} catch (error) {
		await session.close({ keepFolder: true });
		throw error;
	}
	const info: SuiteInfo = {
		baseUrl: session.n8n.baseUrl,
		port: session.n8n.port,
		userFolder: session.userFolder,
		provisioned,
		sandboxes: { ocamba: session.sandboxes.ocamba.url, octopush: session.sandboxes.octopush.url, yeti: session.sandboxes.yeti.url },
	};
	process.env[BROWSER_SUITE_ENV] = JSON.stringify(info);
	console.log(`[browser] n8n ${session.n8n.baseUrl} (user folder ${session.userFolder})`);
	return async () => {
		await session.close({ keepFolder: process.env.BROWSER_KEEP === '1' });
	};
}
