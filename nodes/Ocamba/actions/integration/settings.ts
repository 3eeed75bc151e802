/**
 * Changing an integration's settings without losing any. Ocamba's Update Integration page never says
 * whether a partial `settings` object is merged into the stored one or replaces it (its example sends
 * the provider's complete settings: docs.ocamba.com/api/hood/v1.0/reference/update-integrations-by_id).
 * So the node reads the integration first and sends the provider's COMPLETE settings: the ones the
 * user filled in, the stored values of the others. Safe under both readings. A value that cannot be
 * read back (masked, or not returned) cannot be sent back: the user is asked for it instead of it
 * being dropped.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Validator } from '../../../shared/validation';
import { providerSettingDescriptors } from '../../transport/providers';
import { embeddedDescriptors, isReadableValue, isSecretSetting, type SettingDescriptor } from '../../transport/secrets';
import { KNOWN_PROVIDERS, type ProviderSettingsInput } from './providers';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The settings of a provider the node knows, as descriptors (secret ones typed password). */
function knownDescriptors(providerId: string): SettingDescriptor[] | undefined {
	return KNOWN_PROVIDERS.find((p) => p.id === providerId)?.settings.map((s) => ({ name: s.key, title: s.displayName, type: s.secret ? 'password' : 'string', required: s.required }));
}

/** A provider's settings: the node's table, else what the integration embeds, else the provider list. */
export async function settingDescriptors(context: IExecuteFunctions, providerId: string, integration?: IDataObject): Promise<SettingDescriptor[]> {
	const known = knownDescriptors(providerId);
	if (known) return known;
	const embedded = integration ? embeddedDescriptors(integration) : [];
	if (embedded.length) return embedded;
	return (await providerSettingDescriptors.call(context, providerId)) ?? [];
}

function providerName(providerId: string): string {
	const known = KNOWN_PROVIDERS.find((p) => p.id === providerId);
	return known ? `${known.name} (provider ${providerId})` : `provider ${providerId}`;
}

/**
 * The provider's complete settings for a PATCH: `given` (what the user filled in) over the stored
 * values, and which of them are secrets. Fails, naming the fields, when the integration belongs to another provider or when a
 * setting must be sent but its stored value cannot be read back.
 */
export async function completeSettings(
	context: IExecuteFunctions,
	validate: Validator,
	integration: IDataObject,
	given: ProviderSettingsInput,
	label: string,
): Promise<{ settings: IDataObject; secretNames: string[] }> {
	const storedProvider = integration.provider_id === undefined || integration.provider_id === null ? '' : String(integration.provider_id);
	if (storedProvider && storedProvider !== given.provider_id) {
		validate.fail(label, `is ${providerName(given.provider_id)}, but integration ${String(integration.id ?? '')} belongs to ${providerName(storedProvider)}`, 'the integration\'s own provider (Get shows its provider_id)');
	}
	const stored = isObject(integration.settings) ? integration.settings : {};
	const descriptors = await settingDescriptors(context, given.provider_id, integration);
	// Without any description of the provider, its settings are the ones stored plus the ones given.
	const names = descriptors.length ? descriptors.map((d) => d.name) : [...new Set([...Object.keys(stored), ...Object.keys(given.settings)])];
	for (const name of Object.keys(given.settings)) if (!names.includes(name)) names.push(name);
	const complete: IDataObject = {};
	const unreadable: string[] = [];
	for (const name of names) {
		const descriptor = descriptors.find((d) => d.name === name);
		const value = stored[name] as unknown;
		if (given.settings[name] !== undefined) {
			complete[name] = given.settings[name];
		} else if (isReadableValue(value)) {
			complete[name] = value;
		} else if ((value !== undefined && value !== '' && value !== null) || descriptor?.required) {
			// Masked, or a required setting Ocamba did not return: sending the rest could erase it.
			unreadable.push(descriptor?.title ?? name);
		}
	}
	if (unreadable.length) {
		const secret = descriptors.filter((d) => unreadable.includes(d.title ?? d.name)).some(isSecretSetting);
		validate.fail(
			unreadable.join('", "'),
			`must be filled in to change this integration's settings: Ocamba did not return ${unreadable.length === 1 ? 'its value' : 'their values'}${secret ? ' (secrets come back hidden)' : ''}, and the node sends the provider's complete settings so that none is lost`,
			`${unreadable.join(', ')} filled in as well, or no setting at all to change only the name or status`,
		);
	}
	const secretNames = [...given.secretNames, ...descriptors.filter(isSecretSetting).map((d) => d.name)];
	return { settings: complete, secretNames };
}
