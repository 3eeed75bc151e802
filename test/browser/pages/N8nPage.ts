import type { Page } from '@playwright/test';

import { CredentialComposer } from '../composables/CredentialComposer';
import { WorkflowComposer } from '../composables/WorkflowComposer';
import { CanvasPage } from './CanvasPage';
import { CredentialModal } from './CredentialModal';
import { NdvPage } from './NdvPage';
import { NodeCreatorPanel } from './NodeCreatorPanel';
import { SignInPage } from './SignInPage';

/** One object for a spec: the editor's pages and components, and the multi-step flows over them. */
export class N8nPage {
	readonly canvas: CanvasPage;
	readonly nodeCreator: NodeCreatorPanel;
	readonly ndv: NdvPage;
	readonly credentialModal: CredentialModal;
	readonly signIn: SignInPage;
	readonly workflows: WorkflowComposer;
	readonly credentials: CredentialComposer;

	constructor(readonly page: Page) {
		this.canvas = new CanvasPage(page);
		this.nodeCreator = new NodeCreatorPanel(page);
		this.ndv = new NdvPage(page);
		this.credentialModal = new CredentialModal(page);
		this.signIn = new SignInPage(page);
		this.workflows = new WorkflowComposer(this);
		this.credentials = new CredentialComposer(this);
	}
}
