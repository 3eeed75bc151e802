/**
 * Runs one of our nodes inside n8n-core's real ExecuteContext / LoadOptionsContext: real parameter
 * resolution (expressions included), real httpRequestWithAuthentication, real pairing helpers.
 * Only the credentials store is ours (see credentials.ts).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecuteContext, LoadOptionsContext } from 'n8n-core';

import { TestCredentialsHelper } from './credentials';
import { recordForScan, registerParameterSecrets, serializeError } from './secret-scan';

export const PACKAGE_PREFIX = 'n8n-nodes-ocamba-octopush-yeti';

export interface RunNodeOptions {
	nodeType: INodeType;
	/** The node's parameters, exactly as n8n stores them in a workflow (expressions allowed). */
	parameters: INodeParameters;
	/** Input items (json only is enough); defaults to one empty item. */
	items?: Array<IDataObject | INodeExecutionData>;
	/** Credentials by type; pass the same helper across runs to keep a stored token. */
	credentials?: Record<string, ICredentialDataDecryptedObject> | TestCredentialsHelper;
	continueOnFail?: boolean;
	executionId?: string;
	nodeName?: string;
	/** The node's typeVersion as saved in the workflow (default: the newest the node declares). */
	typeVersion?: number;
}

export interface RunNodeResult {
	/** The node's outputs (output 0 for every node of ours). */
	outputs: INodeExecutionData[][];
	items: INodeExecutionData[];
	credentialsHelper: TestCredentialsHelper;
	context: ExecuteContext;
}

function toItems(items: RunNodeOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
}

function nodeTypesFor(nodeType: INodeType): INodeTypes {
	const byName = (name: string) => {
		if (name === `${PACKAGE_PREFIX}.${nodeType.description.name}`) return nodeType;
		throw new Error(`Unknown node type ${name}`);
	};
	return {
		getByName: byName,
		getByNameAndVersion: byName,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

export function buildWorkflow(nodeType: INodeType, parameters: INodeParameters, options: { continueOnFail?: boolean; nodeName?: string; typeVersion?: number } = {}) {
	const credentialNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const node: INode = {
		id: 'node-under-test',
		name: options.nodeName ?? nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `${PACKAGE_PREFIX}.${nodeType.description.name}`,
		typeVersion:
			options.typeVersion ??
			(Array.isArray(nodeType.description.version) ? Math.max(...nodeType.description.version) : nodeType.description.version),
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: `cred-${name}`, name: `${name} (test)` }])),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(nodeType),
		settings: {},
	});
	// Defaults of parameters the test left out are filled in, as the editor does when saving.
	node.parameters = resolveDefaults(nodeType, parameters, node);
	return { workflow, node };
}

function resolveDefaults(nodeType: INodeType, parameters: INodeParameters, node: INode): INodeParameters {
	// NodeHelpers.getNodeParameters applies defaults only to displayed parameters, like the editor.
	const { NodeHelpers } = require('n8n-workflow') as typeof import('n8n-workflow');
	const resolved = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		parameters,
		true,
		false,
		// The node (its typeVersion) decides which version's parameters and defaults apply.
		node,
		nodeType.description,
	);
	return { ...(resolved ?? {}), ...parameters } as INodeParameters;
}

export function buildAdditionalData(credentialsHelper: TestCredentialsHelper, executionId = 'exec-1') {
	return {
		credentialsHelper,
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function helperFor(credentials: RunNodeOptions['credentials']) {
	if (credentials instanceof TestCredentialsHelper) return credentials;
	return new TestCredentialsHelper({ ...(credentials ?? {}) });
}

/** The ExecuteContext n8n's WorkflowExecute builds for one run of the node, on the given items. */
export function createExecuteContext(options: RunNodeOptions) {
	const credentialsHelper = helperFor(options.credentials);
	const { workflow, node } = buildWorkflow(options.nodeType, options.parameters, options);
	const items = toItems(options.items);
	const runExecutionData = createRunExecutionData();
	const additionalData = buildAdditionalData(credentialsHelper, options.executionId);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: { main: [{ previousNode: 'Start' }] } },
		[],
	);
	return { context, node, credentialsHelper };
}

/** Runs the node's execute() once, as n8n's WorkflowExecute does for one node run. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { context, node, credentialsHelper } = createExecuteContext(options);
	if (!options.nodeType.execute) throw new Error('Node type has no execute()');
	registerParameterSecrets(options.nodeType, node.parameters);
	let outputs: INodeExecutionData[][];
	try {
		outputs = ((await options.nodeType.execute.call(context)) ?? []) as INodeExecutionData[][];
	} catch (error) {
		recordForScan('runNode error', serializeError(error), node.name);
		throw error;
	}
	recordForScan('runNode output', outputs, node.name);
	return { outputs, items: outputs[0] ?? [], credentialsHelper, context };
}

/** Runs `call`, recording its result or error for the secret scan. */
async function recorded<T>(source: string, nodeName: string, call: () => Promise<T>): Promise<T> {
	try {
		const result = await call();
		recordForScan(`${source} result`, result, nodeName);
		return result;
	} catch (error) {
		recordForScan(`${source} error`, serializeError(error), nodeName);
		throw error;
	}
}

/** Calls a loadOptions method the way the editor does when a dropdown opens. */
export async function loadOptions(
	nodeType: INodeType,
	method: string,
	parameters: INodeParameters,
	credentials: RunNodeOptions['credentials'],
	/** The parameter asking, as the editor names it ("parameters.filters.filter[0].choices"): `&field` resolves beside it. */
	path = 'parameters',
) {
	const credentialsHelper = helperFor(credentials);
	const { workflow, node } = buildWorkflow(nodeType, parameters);
	const additionalData = buildAdditionalData(credentialsHelper);
	(additionalData as unknown as { currentNodeParameters: INodeParameters }).currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method}`);
	return await recorded(`loadOptions ${method}`, node.name, async () => await fn.call(context));
}

/** Calls a listSearch method the way the editor's resource locator does. */
export async function listSearch(
	nodeType: INodeType,
	method: string,
	parameters: INodeParameters,
	credentials: RunNodeOptions['credentials'],
	filter?: string,
	paginationToken?: string,
) {
	const credentialsHelper = helperFor(credentials);
	const { workflow, node } = buildWorkflow(nodeType, parameters);
	const additionalData = buildAdditionalData(credentialsHelper);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const fn = nodeType.methods?.listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	return await recorded(`listSearch ${method}`, node.name, async () => await fn.call(context, filter, paginationToken));
}

export type { NodeParameterValueType };
