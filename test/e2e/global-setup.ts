/**
 * Jest globalSetup of the e2e project: provisions the real n8n once for every e2e test file
 * (Node 24 + n8n from the cache, or installed on the first run; the package built when stale and
 * packed). A provisioning failure fails the run here, with what failed and where the log is.
 */
import { PROVISIONED_ENV } from '../../scripts/n8n/config';
import { provision } from '../../scripts/n8n/provision';

export default async function globalSetup() {
	let provisioned;
	try {
		provisioned = await provision((message) => console.log(`[e2e provisioning] ${message}`));
	} catch (error) {
		throw new Error(`The end-to-end suite could not provision the real n8n it runs in, so it did not run:\n${(error as Error).message}`);
	}
	process.env[PROVISIONED_ENV] = JSON.stringify(provisioned);
}
