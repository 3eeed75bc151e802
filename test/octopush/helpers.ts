/** Shared set-up for the Octopush node tests: one sandbox per test file, real n8n execution. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Octopush } from '../../nodes/Octopush/Octopush.node';
import { forgetSends } from '../../nodes/Octopush/transport/send';
import { createOctopushSandbox, OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN, type OctopushSandbox } from '../../sandbox/octopush';
import { runNode, type RunNodeResult } from '../harness/run-node';

export interface OctopushFixture {
	sandbox: OctopushSandbox;
	credentials: { octopushApi: { apiLogin: string; apiKey: string; baseUrl: string } };
	run(parameters: IDataObject, items?: IDataObject[], options?: { continueOnFail?: boolean; executionId?: string; typeVersion?: number }): Promise<RunNodeResult>;
	/** Runs and returns the thrown error (fails the test when nothing is thrown). */
	fail(parameters: IDataObject, items?: IDataObject[], options?: { typeVersion?: number; executionId?: string }): Promise<Error & { description?: string; context?: IDataObject; httpCode?: string }>;
	json(items: INodeExecutionData[]): IDataObject[];
}

export function useOctopush(): OctopushFixture {
	const fixture = {} as OctopushFixture;
	beforeAll(async () => {
		fixture.sandbox = createOctopushSandbox();
		const url = await fixture.sandbox.start();
		fixture.credentials = { octopushApi: { apiLogin: OCTOPUSH_SANDBOX_LOGIN, apiKey: OCTOPUSH_SANDBOX_KEY, baseUrl: `${url}/v1/public` } };
	});
	afterAll(async () => fixture.sandbox.stop());
	beforeEach(() => {
		fixture.sandbox.reset();
		// Every test reuses execution id exec-1: what one test sent is not an earlier attempt of the next.
		forgetSends();
	});
	fixture.run = async (parameters, items, options = {}) =>
		await runNode({
			nodeType: new Octopush(),
			parameters: parameters as never,
			items,
			credentials: fixture.credentials,
			continueOnFail: options.continueOnFail,
			executionId: options.executionId,
			typeVersion: options.typeVersion,
		});
	fixture.fail = async (parameters, items, options = {}) => {
		const error = await fixture.run(parameters, items, options).then(
			() => undefined,
			(e: unknown) => e,
		);
		if (!error) throw new Error('Expected the node to fail, it did not');
		return error as Error & { description?: string; context?: IDataObject; httpCode?: string };
	};
	fixture.json = (items) => items.map((item) => item.json);
	return fixture;
}

/** Headers every Octopush request must carry. */
export const AUTH_HEADERS = { 'api-login': OCTOPUSH_SANDBOX_LOGIN, 'api-key': OCTOPUSH_SANDBOX_KEY, 'content-type': 'application/json' };

export { OCTOPUSH_SANDBOX_KEY, OCTOPUSH_SANDBOX_LOGIN };
