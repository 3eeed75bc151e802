/**
 * The Octopush Trigger's webhook methods in "automatic" mode: the account's callback URLs (one per kind,
 * for the whole account) are pointed at this trigger while it listens, and put back afterwards.
 *
 * - checkExists: true only if every chosen kind's URL is ours and the snapshot of what was there is kept.
 * - create: keeps the first snapshot (two activations without a deactivation must not save our own URL as
 *   "what was there"), points the chosen kinds at us, reads back to learn whether Octopush kept the
 *   query string (then callbacks must carry our token), and undoes its change if anything fails.
 * - delete: puts back only the keys that still point at us (a person may have changed one since).
 *
 * n8n runs these with the workflow's static data: the production activation's is saved in the database;
 * "Listen for test event" runs them on a fresh, separate copy with the Test URL (n8n's test-webhooks.ts),
 * so a test on top of an active production trigger snapshots, and then restores, the production URL.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError, randomString } from 'n8n-workflow';

import {
	CALLBACK_URL_KEYS,
	editAccountSettings,
	getAccountSettings,
	pointsAt,
	wholeSection,
	withoutQuery,
	type CallbackEvent,
} from '../transport/callbacks';

/** What the trigger keeps in the workflow's static data (per node) while it is registered. */
export interface RegistrationState {
	/** The URL set on the account (with the token when Octopush keeps query strings). */
	registeredUrl?: string;
	/** The account's URLs before the first registration, per key ('' when none was set). */
	previousCallbacks?: IDataObject;
	/** The token each callback must carry in its query string, when Octopush keeps it. */
	token?: string;
}

/** The query parameter carrying the token (a name no Octopush field uses). */
export const TOKEN_PARAMETER = 'n8nToken';

export function registrationState(context: IHookFunctions | IWebhookFunctions): RegistrationState & IDataObject {
	return context.getWorkflowStaticData('node') as RegistrationState & IDataObject;
}

export function isAutomatic(context: IHookFunctions | IWebhookFunctions): boolean {
	return context.getNodeParameter('registration', 'manual') === 'automatic';
}

/** The account keys of the chosen events ("Other Callback" has no URL of its own). */
function chosenKeys(context: IHookFunctions): string[] {
	const events = context.getNodeParameter('events', []) as CallbackEvent[];
	return events.filter((event): event is Exclude<CallbackEvent, 'other'> => event in CALLBACK_URL_KEYS).map((event) => CALLBACK_URL_KEYS[event]);
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL to register');
	return url;
}

function callbacksOf(settings: IDataObject): IDataObject {
	const callbacks = settings.callbacks;
	return typeof callbacks === 'object' && callbacks !== null && !Array.isArray(callbacks) ? (callbacks as IDataObject) : {};
}

export async function callbacksRegistered(this: IHookFunctions): Promise<boolean> {
	// "By hand": nothing to register, so n8n never calls create.
	if (!isAutomatic(this)) return true;
	const state = registrationState(this);
	const keys = chosenKeys(this);
	if (!state.registeredUrl || !state.previousCallbacks || withoutQuery(state.registeredUrl) !== withoutQuery(webhookUrl(this))) return false;
	const current = callbacksOf(await getAccountSettings.call(this));
	return keys.every((key) => key in state.previousCallbacks! && current[key] === state.registeredUrl);
}

export async function registerCallbacks(this: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(this)) return true;
	const keys = chosenKeys(this);
	if (keys.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one of Delivery Report, Inbound SMS or STOP Request to register', {
			description: '"Other Callback" has no URL of its own in Octopush. To receive only other callbacks, set "Set Callback URLs" to By Hand.',
		});
	}
	const ourUrl = webhookUrl(this);
	const state = registrationState(this);
	const current = callbacksOf(await getAccountSettings.call(this));
	const previous: IDataObject = { ...(state.previousCallbacks ?? {}) };
	for (const key of keys) {
		// Our own URL is never "what was there" (a registration whose deactivation never ran).
		if (!(key in previous)) previous[key] = pointsAt(current[key], ourUrl) ? '' : ((current[key] as string | null | undefined) ?? '');
	}
	const token = state.token ?? randomString(32);
	const registered = `${ourUrl}${ourUrl.includes('?') ? '&' : '?'}${TOKEN_PARAMETER}=${token}`;
	const changes: IDataObject = Object.fromEntries(keys.map((key) => [key, registered]));
	// Kinds chosen before and not any more (the events changed while active): put back what was there.
	for (const [key, value] of Object.entries(previous)) {
		if (!keys.includes(key)) {
			if (pointsAt(current[key], ourUrl)) changes[key] = value;
			delete previous[key];
		}
	}
	let failure: Error;
	try {
		await editAccountSettings.call(this, { callbacks: wholeSection(current, changes) });
		const stored = callbacksOf(await getAccountSettings.call(this));
		const kept = keys.every((key) => stored[key] === registered);
		// Octopush's documents do not say whether a callback URL keeps its query string: the answer decides.
		const dropped = !kept && keys.every((key) => typeof stored[key] === 'string' && stored[key] === withoutQuery(registered));
		if (kept || dropped) {
			Object.assign(state, { registeredUrl: kept ? registered : withoutQuery(registered), previousCallbacks: previous });
			if (kept) state.token = token;
			else delete state.token;
			return true;
		}
		const key = keys.find((k) => stored[k] !== registered)!;
		failure = new NodeOperationError(this.getNode(), 'Octopush did not keep the callback URL this trigger set', {
			description: `After the change, ${key} reads ${JSON.stringify(stored[key] ?? null)} instead of this trigger's URL. Check the account's Callbacks page in Octopush.`,
		});
	} catch (error) {
		failure = error as Error;
	}
	// The change may have gone through while the trigger cannot listen: undo it before n8n reports the failure.
	await putBack(this, previous, withoutQuery(registered)).catch((undoError: Error) => {
		this.logger.warn(`Octopush Trigger: could not put back the account's callback URLs after a failed activation: ${undoError.message}`);
	});
	throw failure;
}

/** Puts back the snapshot for every key that still points at `ourUrl`. */
async function putBack(context: IHookFunctions, previous: IDataObject, ourUrl: string): Promise<void> {
	const current = callbacksOf(await getAccountSettings.call(context));
	const restore: IDataObject = {};
	for (const [key, value] of Object.entries(previous)) {
		// '' clears a URL that was not set before (Octopush documents no other way to unset one).
		if (pointsAt(current[key], ourUrl)) restore[key] = value ?? '';
	}
	if (Object.keys(restore).length) await editAccountSettings.call(context, { callbacks: wholeSection(current, restore) });
}

export async function restoreCallbacks(this: IHookFunctions): Promise<boolean> {
	// Whatever the mode is now: a registration made earlier is undone.
	const state = registrationState(this);
	if (!state.registeredUrl) return true;
	try {
		await putBack(this, state.previousCallbacks ?? {}, state.registeredUrl);
	} catch (error) {
		// Kept for the next deactivation to try again (n8n ignores the answer, as for Stripe and Telegram).
		this.logger.warn(`Octopush Trigger: could not put back the account's callback URLs: ${(error as Error).message}`);
		return false;
	}
	delete state.registeredUrl;
	delete state.previousCallbacks;
	delete state.token;
	return true;
}
