/**
 * Which integration settings are secrets, so their values never reach an output.
 *
 * GET /v1/hood/providers describes each setting as `{title, name, type, required, deprecated}`
 * (docs.ocamba.com/api/hood/v1.0/create-test-notification, "provider-settings", whose own example is
 * name "p_key", title "Private key"), but its one documented example gives Twilio's "Auth Token" the
 * type "string" like every other setting (api/hood/v1.0/reference/view-integrations-by_id). So a
 * setting is secret when the provider list marks it (a password/secret type), or when its name or its
 * title says so (token, key, pass, secret, private, ...), or when it is a secret of a provider the
 * node knows. Hiding a harmless value is the safe mistake; showing a key is not.
 */
import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '__hidden__';

/** A provider setting as GET /v1/hood/providers (or Get Integration's `provider`) describes it. */
export interface SettingDescriptor {
	name: string;
	title?: string;
	type?: string;
	required?: boolean;
}

const SECRET_TYPES = new Set(['password', 'secret', 'hidden', 'token', 'key']);
const SECRET_WORDS = new Set([
	'auth',
	'bearer',
	'cert',
	'certificate',
	'credential',
	'credentials',
	'jwt',
	'key',
	'pass',
	'passphrase',
	'passwd',
	'password',
	'pin',
	'private',
	'pwd',
	'salt',
	'secret',
	'signature',
	'signing',
	'token',
]);

/** "signing_key", "Private key", "appKey", "API-Key" → their lower-case words. */
function words(text: string): string[] {
	return text
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

/** Whether a name or title speaks of a secret: a secret word, or a word ending in one ("apikey", "accesstoken"). */
export function soundsSecret(text: string | undefined): boolean {
	if (!text) return false;
	return words(text).some((word) => SECRET_WORDS.has(word) || /(key|token|secret|password)$/.test(word));
}

export function isSecretSetting(setting: SettingDescriptor): boolean {
	return SECRET_TYPES.has(String(setting.type ?? '').toLowerCase()) || soundsSecret(setting.name) || soundsSecret(setting.title);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The settings descriptors an integration carries itself (Get Integration embeds its provider). */
export function embeddedDescriptors(integration: IDataObject): SettingDescriptor[] {
	const provider = integration.provider;
	if (!isObject(provider) || !Array.isArray(provider.settings)) return [];
	return (provider.settings as unknown[]).filter((s): s is IDataObject => isObject(s) && typeof s.name === 'string') as unknown as SettingDescriptor[];
}

/**
 * The integration with its secret settings hidden. `descriptors` are the provider's settings as
 * Ocamba describes them (the list, or the ones the integration embeds); `alsoSecret` are names known
 * to be secret otherwise (the node's own provider table, Secret Settings rows).
 */
export function redactIntegration<T extends IDataObject>(integration: T, descriptors: SettingDescriptor[] = [], alsoSecret: Iterable<string> = []): T {
	const settings = integration.settings;
	if (!isObject(settings)) return integration;
	const all = [...descriptors, ...embeddedDescriptors(integration)];
	const secret = new Set<string>(alsoSecret);
	for (const descriptor of all) if (isSecretSetting(descriptor)) secret.add(descriptor.name);
	const hidden = Object.fromEntries(
		Object.entries(settings).map(([key, value]) => [key, (secret.has(key) || soundsSecret(key)) && value !== '' && value !== null ? REDACTED : value]),
	);
	return { ...integration, settings: hidden };
}

/**
 * Whether a setting's value as read back is the value itself: not absent, not empty, not masked.
 * A masked value ("********", "••••", "abc***") sent back would overwrite the real secret.
 */
export function isReadableValue(value: unknown): value is string {
	return typeof value === 'string' && value !== '' && value !== REDACTED && !/[*•●]{3,}/.test(value);
}
