/**
 * Masking of secrets in errors: every secret value a request carried (the credential's own, and those
 * the operation marks on the request) is replaced wherever it reappears in what the user sees, since
 * vendors echo what they were sent (Ocamba quotes a rejected setting's value, Octopush returns extra
 * `details`, a proxy page may print the request).
 */
import type { IDataObject } from 'n8n-workflow';

export const HIDDEN = '[hidden]';

/** Credential fields that hold secrets when the vendor's profile does not list them. */
const SECRET_FIELD_NAME = /key|token|secret|pass|signature|private/i;

/** Shorter values would mask ordinary words and numbers everywhere and protect nothing. */
const MIN_SECRET_LENGTH = 4;

/** The values of a credential's secret fields (strings and numbers, as they are sent). */
export function credentialSecrets(data: IDataObject | undefined, fields?: readonly string[]): string[] {
	if (!data) return [];
	const isSecret = fields ? (name: string) => fields.includes(name) : (name: string) => SECRET_FIELD_NAME.test(name);
	return Object.entries(data)
		.filter(([name, value]) => isSecret(name) && (typeof value === 'string' || typeof value === 'number'))
		.map(([, value]) => String(value));
}

/**
 * Every spelling a secret takes when echoed: as sent, JSON-escaped (once or twice, for JSON inside
 * JSON text), and URL-encoded (in a query string or a form, spaces as %20 or +). Longest first, so a
 * spelling is never half-replaced by a shorter one.
 */
function spellings(secret: string): string[] {
	const jsonEscaped = JSON.stringify(secret).slice(1, -1);
	const urlEncoded = encodeURIComponent(secret);
	const all = new Set([secret, jsonEscaped, JSON.stringify(jsonEscaped).slice(1, -1), urlEncoded, urlEncoded.replace(/%20/g, '+')]);
	return [...all].sort((a, b) => b.length - a.length);
}

export class SecretMask {
	private readonly patterns: string[];

	constructor(secrets: readonly unknown[]) {
		const values = secrets
			.filter((value): value is string | number => typeof value === 'string' || typeof value === 'number')
			.map(String)
			.filter((value) => value.length >= MIN_SECRET_LENGTH);
		this.patterns = [...new Set(values.flatMap(spellings))].sort((a, b) => b.length - a.length);
	}

	get isEmpty(): boolean {
		return this.patterns.length === 0;
	}

	text(value: string): string {
		let result = value;
		for (const pattern of this.patterns) if (result.includes(pattern)) result = result.split(pattern).join(HIDDEN);
		return result;
	}

	/** A copy of a JSON-like value with every string (keys included) masked. */
	value<T>(value: T, seen = new WeakSet<object>()): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
		if (seen.has(value)) return value;
		seen.add(value);
		if (Array.isArray(value)) return value.map((entry) => this.value(entry, seen)) as T;
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [this.text(key), this.value(entry, seen)])) as T;
	}

	/**
	 * Masks, in place, everything of an error that reaches the user: its message and stack (the editor
	 * shows both), description, the response and messages n8n keeps, our details, its context.
	 */
	error<E>(error: E): E {
		if (this.isEmpty || typeof error !== 'object' || error === null) return error;
		const fields = error as unknown as Record<string, unknown>;
		for (const name of ['message', 'description', 'stack']) {
			if (typeof fields[name] === 'string') fields[name] = this.text(fields[name]);
		}
		for (const name of ['errorResponse', 'messages', 'details', 'context']) {
			if (fields[name] !== undefined && fields[name] !== null) fields[name] = this.value(fields[name]);
		}
		return error;
	}
}
