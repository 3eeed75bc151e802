/**
 * Tests a credential the way n8n's "Test" button does (CredentialsTester in packages/cli): a temporary
 * noOp-named node whose one property routes the credential's `test.request`, run by n8n-core's
 * RoutingNode with the decrypted credential (so `preAuthentication` runs, as in n8n).
 */
import type { ICredentialDataDecryptedObject, INode, INodeType } from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { TestCredentialsHelper, credentialTypes } from './credentials';
import { buildAdditionalData } from './run-node';
import { recordForScan } from './secret-scan';
import { testNodeDescription } from './test-node';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const result = await runCredentialTest(type, data);
	// What n8n shows next to the Test button.
	recordForScan('testCredential result', result, `credential ${type}`);
	return result;
}

async function runCredentialTest(type: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const credentialType = credentialTypes[type];
	if (!credentialType?.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const helper = new TestCredentialsHelper({ [type]: { ...data } });
	const decrypted = await helper.getDecrypted({} as never, { id: 'temp', name: 'temp' }, type);
	const nodeType: INodeType = {
		description: testNodeDescription('n8n-nodes-base.noOp', { credential: type, properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }] }),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [type]: { id: 'temp', name: 'temp' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as never,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(helper),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'temp', name: 'temp', type, data: decrypted });
	try {
		await routingNode.runNode();
	} catch (error) {
		const status = error.cause?.response?.status;
		// n8n's CredentialsTester: a `responseCode` rule's message replaces the status text.
		const rule = (credentialType.test.rules ?? []).find((r) => r.type === 'responseCode' && r.properties.value === status);
		if (status !== undefined && rule) return { status: 'Error', message: rule.properties.message };
		if (status !== undefined && (status < 199 || status > 299)) {
			return { status: 'Error', message: error.cause.response.statusText || `Received HTTP status code: ${status}` };
		}
		if (error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
