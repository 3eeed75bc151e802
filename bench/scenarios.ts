/**
 * What each figure runs, on each side: `node` runs our node inside n8n-core's ExecuteContext (the test
 * harness, real httpRequestWithAuthentication), `raw` sends the same requests with the bare client.
 * Each returns what it produced (kept alive until memory is measured) and a check the runner asserts.
 */
import type { Scenario } from './common';
import { ocambaScenarios } from './scenarios/ocamba';
import { octopushScenarios } from './scenarios/octopush';
import { probeScenarios } from './scenarios/probe';
import { yetiScenarios } from './scenarios/yeti';

export type { Job, Outcome, Scenario } from './common';

export const scenarios: Record<string, Scenario> = {
	...probeScenarios,
	...yetiScenarios,
	...ocambaScenarios,
	...octopushScenarios,
};
