/** Shared set-up of the Yeti tests: one sandbox per file, a credentials store per test, runNode with our node. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { YetiSwitch } from '../../nodes/YetiSwitch/YetiSwitch.node';
import { createYetiSandbox, YETI_SANDBOX_PASSWORD, YETI_SANDBOX_USERNAME, type YetiSandbox, type YetiSandboxOptions } from '../../sandbox/yeti';
import { TestCredentialsHelper } from '../harness/credentials';
import { runNode } from '../harness/run-node';

export const JSONAPI = 'application/vnd.api+json';

export interface YetiTestContext {
	sandbox: YetiSandbox;
	credentials(overrides?: IDataObject): TestCredentialsHelper;
	run(parameters: IDataObject, options?: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: TestCredentialsHelper }): Promise<{ items: INodeExecutionData[]; credentialsHelper: TestCredentialsHelper }>;
	/** Requests to the admin API (the login excluded). */
	adminRequests(): YetiSandbox['requests'];
}

export function useYetiSandbox(options: YetiSandboxOptions = {}): YetiTestContext {
	const context = {} as YetiTestContext;
	beforeAll(async () => {
		context.sandbox = createYetiSandbox(options);
		await context.sandbox.start();
	});
	afterAll(async () => context.sandbox.stop());
	beforeEach(() => context.sandbox.reset());
	context.credentials = (overrides = {}) =>
		new TestCredentialsHelper({ yetiSwitchApi: { baseUrl: context.sandbox.url, username: YETI_SANDBOX_USERNAME, password: YETI_SANDBOX_PASSWORD, ...overrides } as never });
	context.run = async (parameters, runOptions = {}) => {
		const result = await runNode({
			nodeType: new YetiSwitch(),
			parameters: parameters as never,
			items: runOptions.items as never,
			credentials: runOptions.credentials ?? context.credentials(),
			continueOnFail: runOptions.continueOnFail,
		});
		return { items: result.items, credentialsHelper: result.credentialsHelper };
	};
	context.adminRequests = () => context.sandbox.requests.filter((r) => r.path !== '/api/rest/admin/auth');
	return context;
}

/** Runs the node expecting it to throw; returns the error. */
export async function runError(context: YetiTestContext, parameters: IDataObject, options: Parameters<YetiTestContext['run']>[1] = {}): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject }> {
	try {
		await context.run(parameters, options);
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('Expected the node to fail, it succeeded');
}

export const SEED_BODY = {
	data: {
		type: 'accounts',
		attributes: {
			name: 'name',
			'min-balance': 1,
			'max-balance': 10,
			vat: 11,
			'origination-capacity': 100,
			'termination-capacity': 110,
			'total-capacity': 100,
			'balance-low-threshold': 90,
			'balance-high-threshold': 95,
			'send-balance-notifications-to': [1],
			timezone: 'Europe/Kyiv',
		},
		relationships: { contractor: { data: { type: 'contractors', id: 4 } } },
	},
};

/** The seed's parameters: Currency left empty, as the seed (Yeti before 1.14.72) sends none. */
export const SEED_PARAMETERS = {
	resource: 'account',
	operation: 'create',
	name: 'name',
	minBalance: 1,
	maxBalance: 10,
	contractor: { __rl: true, mode: 'id', value: '4' },
	additionalFields: {
		vat: 11,
		originationCapacity: 100,
		terminationCapacity: 110,
		totalCapacity: 100,
		balanceLowThreshold: 90,
		balanceHighThreshold: 95,
		sendBalanceNotificationsTo: '1',
		timezone: 'Europe/Kyiv',
	},
};

/** The same account for a current server (1.14.72 and later require a currency). */
export const CURRENT_PARAMETERS = { ...SEED_PARAMETERS, currency: 'USD' };
