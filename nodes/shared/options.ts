/**
 * The "Request Options" every node of ours offers: timeout, how many requests run at once, and how
 * long rate limits may be waited out. Read once per execution.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SETTINGS, type RequestSettings } from './http';

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Request Option',
	default: {},
	description: 'How requests are sent: timeout, parallel requests, retries',
	options: [
		{
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'When the service answers "too many requests", how long in total to wait and retry before failing',
		},
		{
			displayName: 'Requests in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 1,
			description:
				'How many items are sent at the same time. 1 sends them one after another; more is faster for large inputs. Output order and item pairing are kept either way.',
		},
		{
			displayName: 'Retries on Temporary Failures',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a read, update or delete is retried after a server error, a dropped connection or a timeout. Creates and sends are never repeated blindly.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for an answer to one request before giving up',
		},
	],
};

interface RequestOptionValues {
	timeout?: number;
	concurrency?: number;
	maxRetries?: number;
	maxRateLimitWait?: number;
}

function readValues(context: IExecuteFunctions | ILoadOptionsFunctions): RequestOptionValues {
	try {
		if ('getInputData' in context) {
			return (context.getNodeParameter('requestOptions', 0, {}) ?? {}) as RequestOptionValues;
		}
		return (context.getNodeParameter('requestOptions', {}) ?? {}) as RequestOptionValues;
	} catch {
		return {};
	}
}

type Settings = RequestSettings & { concurrency: number };

/**
 * Settings per execution context: the collection is read at item 0, so one read per node run is the
 * same answer, and transports call this for every request (n8n's getNodeParameter copies and checks
 * the whole collection each time, which showed up in the per-item benchmark).
 */
const settingsByContext = new WeakMap<object, Settings>();

/** The request settings for this execution (defaults where the user set nothing). */
export function readRequestSettings(context: IExecuteFunctions | ILoadOptionsFunctions): Settings {
	const cached = settingsByContext.get(context);
	if (cached) return { ...cached };
	const settings = readSettings(context);
	settingsByContext.set(context, settings);
	return { ...settings };
}

function readSettings(context: IExecuteFunctions | ILoadOptionsFunctions): Settings {
	const values = readValues(context);
	const positive = (value: unknown, fallback: number) => {
		const number = Number(value);
		return value === undefined || value === '' || !Number.isFinite(number) || number < 0 ? fallback : number;
	};
	return {
		...DEFAULT_SETTINGS,
		timeoutMs: Math.max(1, positive(values.timeout, DEFAULT_SETTINGS.timeoutMs / 1000)) * 1000,
		maxRetries: Math.floor(positive(values.maxRetries, DEFAULT_SETTINGS.maxRetries)),
		maxRateLimitWaitMs: positive(values.maxRateLimitWait, DEFAULT_SETTINGS.maxRateLimitWaitMs / 1000) * 1000,
		concurrency: Math.max(1, Math.floor(positive(values.concurrency, 1))),
	};
}
