/**
 * Secrets are typed as passwords, so n8n masks them in the editor and our secret scan knows them:
 * every credential field and node parameter (at any depth) whose name says it holds a password,
 * token, key or secret must have `typeOptions.password`.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { credentialTypes } from '../harness/credentials';
import { isSecretName } from '../harness/secret-scan';
import { suites } from './lib/suites';
import { OctopushTrigger } from '../../nodes/Octopush/OctopushTrigger.node';

/** Names that contain a secret word but hold no secret. */
const NOT_SECRET = new Set([
	// The handle of one OTP request: what Validate needs to find it, shown in Generate's output anyway.
	'otpRequestToken',
	// The key of a number-list entry (a phone number prefix), not a cryptographic key.
	'key',
	// Yeti payment notes meant for admins only ("private"), not a credential.
	'privateNotes',
]);

function secretLooking(properties: Array<INodeProperties | INodePropertyCollection>, path = ''): string[] {
	const found: string[] = [];
	for (const property of properties) {
		const here = `${path}${property.name}`;
		const options = (property as INodeProperties).options ?? (property as INodePropertyCollection).values;
		if ('type' in property && !['collection', 'fixedCollection', 'options', 'multiOptions', 'boolean', 'notice'].includes(property.type)) {
			if (isSecretName(property.name) && !NOT_SECRET.has(property.name) && !property.typeOptions?.password) found.push(here);
		}
		if (Array.isArray(options)) {
			const nested = (options as unknown[]).filter((o) => typeof o === 'object' && o !== null && ('type' in o || 'values' in o));
			found.push(...secretLooking(nested as Array<INodeProperties | INodePropertyCollection>, `${here}.`));
		}
	}
	return found;
}

test.each(Object.values(credentialTypes).map((type) => [type.name, type] as const))('credential %s: every secret field is a password field', (_name, type) => {
	expect(secretLooking(type.properties)).toEqual([]);
	expect(type.properties.filter((p) => p.typeOptions?.password).length).toBeGreaterThan(0);
});

test.each([...suites.map((s) => [s.nodeType.description.name, s.nodeType] as const), ['octopushTrigger', new OctopushTrigger()] as const])(
	'node %s: every secret parameter is a password field',
	(_name, nodeType) => {
		expect(secretLooking(nodeType.description.properties)).toEqual([]);
	},
);

test('node and credential code never logs (so request headers cannot end up in a log)', () => {
	const { readdirSync, readFileSync, statSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
	const { join } = jest.requireActual<typeof import('node:path')>('node:path');
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.ts')) files.push(path);
		}
	};
	const root = join(__dirname, '../..');
	walk(join(root, 'nodes'));
	walk(join(root, 'credentials'));
	// A trigger's webhook methods whose failure n8n would otherwise hide (n8n's scanner requires them to log
	// or rethrow): they log our own error messages only, which carry no header and are redacted.
	const mayLog = new Set([join(root, 'nodes/Octopush/trigger/registration.ts')]);
	const logging = files.filter((file) => !mayLog.has(file) && /\bconsole\.|\bthis\.logger\b|LoggerProxy/.test(readFileSync(file, 'utf8')));
	expect(files.length).toBeGreaterThan(20);
	expect(logging).toEqual([]);
	const lifecycleLogs = [...mayLog].flatMap((file) => readFileSync(file, 'utf8').match(/\b(?:this|context)\.logger\.\w+\([^;]*/g) ?? []);
	expect(lifecycleLogs.length).toBeGreaterThan(0);
	for (const line of lifecycleLogs) expect(line).toMatch(/^\w+\.logger\.warn\(`Octopush Trigger: [^`$]*\$\{[^}]*\.message\}`\)$/);
});
