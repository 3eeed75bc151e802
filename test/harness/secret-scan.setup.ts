/**
 * Runs in every test file (setupFilesAfterEnv): what the code under test writes to the console or to
 * n8n's loggers is recorded for the end-of-run secret scan, and still printed as usual.
 */
import { format } from 'node:util';

import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { LoggerProxy } from 'n8n-workflow';

import { recordForScan } from './secret-scan';

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		recordForScan(`console.${method}`, format(...args));
		original(...args);
	};
}

/** n8n's logger (what `this.logger` in a node and n8n-core's request helpers write to). */
const recordingLogger = {
	error: (message: string, meta?: object) => recordForScan('n8n logger error', { message, meta }),
	warn: (message: string, meta?: object) => recordForScan('n8n logger warn', { message, meta }),
	info: (message: string, meta?: object) => recordForScan('n8n logger info', { message, meta }),
	debug: (message: string, meta?: object) => recordForScan('n8n logger debug', { message, meta }),
	scoped() {
		return recordingLogger;
	},
};
Container.set(Logger, recordingLogger as unknown as Logger);
LoggerProxy.init(recordingLogger);
