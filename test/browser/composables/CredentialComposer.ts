import type { N8nPage } from '../pages/N8nPage';

/** A credential as a person tries it: open it from a node, change a value, save (n8n tests it). */
export class CredentialComposer {
	constructor(private readonly n8n: N8nPage) {}

	/** Opens the node's selected credential in its dialog. */
	async openFromNode(): Promise<void> {
		await this.n8n.ndv.getCredentialEditButton().click();
		await this.n8n.credentialModal.waitForModal();
	}

	/** Changes fields of the open credential and saves: n8n runs the credential's test. */
	async changeAndTest(values: Record<string, string>): Promise<void> {
		for (const [field, value] of Object.entries(values)) await this.n8n.credentialModal.fillField(field, value);
		await this.n8n.credentialModal.save();
	}
}
