/** The Ocamba sandbox: behaves like ../shared/vendor-specs (filled in by the Ocamba work). */
import { Sandbox, type SandboxOptions } from './core';

export function createOcambaSandbox(options: SandboxOptions = {}): Sandbox {
	return new Sandbox('ocamba', options);
}
