/** The node's decrypted credentials, read once per execution. */
import type { IAdditionalCredentialOptions } from 'n8n-workflow';

import type { RequestContext } from './types';

/**
 * The node's decrypted credentials, read once per execution and handed to n8n with every request.
 * Without them n8n reads (in n8n itself: loads from the database, decrypts, resolves) the credential
 * again for each request. n8n's login step (preAuthentication) writes a new token into this same
 * object, so every later request of the execution uses it, and a 401 still renews it as before.
 * Undefined (n8n reads them itself, as before) when they cannot be read here.
 */
const credentialsByContext = new WeakMap<object, Map<string, Promise<IAdditionalCredentialOptions | undefined>>>();

export function credentialsFor(context: RequestContext, type: string): Promise<IAdditionalCredentialOptions | undefined> {
	let byType = credentialsByContext.get(context);
	if (!byType) credentialsByContext.set(context, (byType = new Map()));
	let cached = byType.get(type);
	if (!cached) {
		const reference = context.getNode().credentials?.[type];
		cached = reference
			? context.getCredentials(type).then(
					(data) => ({ credentialsDecrypted: { id: String(reference.id ?? ''), name: reference.name, type, data } }),
					() => undefined,
				)
			: Promise.resolve(undefined);
		byType.set(type, cached);
	}
	return cached;
}
