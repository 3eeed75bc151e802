/**
 * The credentials store n8n would have: our credential types, their decrypted data, and the same
 * authenticate / preAuthentication behaviour as n8n's CredentialsHelper (packages/cli), so the nodes
 * under test see real headers and real token renewal.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { OCAMBA_PROVIDERS } from '../../sandbox/ocamba';
import { isScanning, recordForScan, registerBodySecrets, registerCredentialSecrets } from './secret-scan';

/** Body fields whose values are secrets: passwords, and the provider settings Ocamba marks secret. */
const SECRET_BODY_KEYS: ReadonlySet<string> = new Set([
	'password',
	...OCAMBA_PROVIDERS.flatMap((provider) => provider.settings.filter((setting) => setting.type === 'password').map((setting) => setting.name)),
]);

import { OcambaApi } from '../../credentials/OcambaApi.credentials';
import { OctopushApi } from '../../credentials/OctopushApi.credentials';
import { YetiSwitchApi } from '../../credentials/YetiSwitchApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = Object.fromEntries(
	[new OcambaApi(), new OctopushApi(), new YetiSwitchApi()].map((type) => [type.name, type]),
);

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every preAuthentication that actually ran (a login), per credential type. */
	readonly logins: Record<string, number> = {};

	constructor(readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
		for (const [type, data] of Object.entries(store)) registerCredentialSecrets(credentialTypes[type], data);
	}

	private type(name: string): ICredentialType {
		const type = credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		if (isScanning()) {
			registerBodySecrets((requestOptions as IHttpRequestOptions).body, SECRET_BODY_KEYS);
			// URLs end up in proxy and server logs: a secret put into the address or query is a leak.
			const { url, qs, uri } = requestOptions as IHttpRequestOptions & { uri?: string };
			recordForScan('request URL', { url: url ?? uri, qs }, node?.name);
		}
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[outerKey] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[this.resolve(key, credentials, workflow!, node!)] = this.resolve(value, credentials, workflow!, node!);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolve(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// n8n always logs in afresh when the credential is being tested (its temp noOp node).
		const isCredentialTest = node?.type === 'n8n-nodes-base.noOp' && node?.parameters?.temp === '';
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired && !isCredentialTest) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		this.logins[typeName] = (this.logins[typeName] ?? 0) + 1;
		// The token a login issued (a Yeti JWT) is a secret too.
		registerCredentialSecrets(type, output as ICredentialDataDecryptedObject);
		if (output[expirable.name] === undefined) return undefined;
		// n8n persists the token so the next request (and the next execution) reuses it.
		this.store[typeName] = { ...this.store[typeName], ...(output as ICredentialDataDecryptedObject) };
		return Object.assign(credentials, output as ICredentialDataDecryptedObject);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		registerCredentialSecrets(type, output);
		return output;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new Credentials({ id: details.id, name: details.name }, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No credentials of type ${type} in the test store`);
		const properties = this.type(type).properties;
		// Tests may change the store between runs (a wrong key, an expired token): those are secrets too.
		registerCredentialSecrets(this.type(type), data);
		// Defaults apply as in n8n: a field the user left untouched has its default value.
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const p of properties) withDefaults[p.name] = p.default as string;
		return { ...withDefaults, ...data };
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		registerCredentialSecrets(credentialTypes[type], data);
		this.store[type] = data;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
