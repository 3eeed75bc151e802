/** The Yeti sandbox: behaves like ../shared/vendor-specs (filled in by the Yeti work). */
import { Sandbox, type SandboxOptions } from './core';

export function createYetiSandbox(options: SandboxOptions = {}): Sandbox {
	return new Sandbox('yeti', options);
}
