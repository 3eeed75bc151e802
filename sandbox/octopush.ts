/** The Octopush sandbox: behaves like ../shared/vendor-specs (filled in by the Octopush work). */
import { Sandbox, type SandboxOptions } from './core';

export function createOctopushSandbox(options: SandboxOptions = {}): Sandbox {
	return new Sandbox('octopush', options);
}
