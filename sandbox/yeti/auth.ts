/**
 * The admin API's login and tokens (app/controllers/api/rest/admin/auth_controller.rb,
 * app/lib/jwt_token.rb, app/controllers/concerns/admin_api_authorizable.rb): HS256 JWTs
 * {sub, aud: ["admin"], exp}, sent as `Authorization: <jwt>`, `Bearer <jwt>` or `?token=`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

export const YETI_SANDBOX_USERNAME = 'admin';
export const YETI_SANDBOX_PASSWORD = 'yeti-sandbox-password';
/** Signs the sandbox's JWTs (exported so the suite's secret scan looks for it). */
export const YETI_JWT_SECRET = 'yeti-sandbox-jwt-signing-secret';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export class TokenIssuer {
	private readonly issued = new Set<string>();
	private readonly revoked = new Set<string>();

	/** Token lifetime in seconds (api.token_lifetime, config/yeti_web.yml: 600); null = no exp. */
	constructor(public lifetimeSeconds: number | null) {}

	sign(payload: Record<string, unknown>, secret = YETI_JWT_SECRET): string {
		const head = base64url(JSON.stringify({ alg: 'HS256' }));
		const body = base64url(JSON.stringify(payload));
		const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
		return `${head}.${body}.${signature}`;
	}

	issue(): string {
		const payload: Record<string, unknown> = { sub: 1, aud: ['admin'] };
		if (this.lifetimeSeconds !== null) payload.exp = Math.floor(Date.now() / 1000) + this.lifetimeSeconds;
		// A nonce keeps two logins in the same second apart (the server's tokens differ by exp only).
		payload.jti = randomUUID();
		const token = this.sign(payload);
		this.issued.add(token);
		return token;
	}

	/** Every token issued so far becomes invalid, as if they had all expired. */
	expireAll() {
		for (const token of this.issued) this.revoked.add(token);
	}

	isValid(token: string): boolean {
		const parts = token.split('.');
		if (parts.length !== 3) return false;
		const expected = createHmac('sha256', YETI_JWT_SECRET).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
		if (this.revoked.has(token)) return false;
		try {
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { aud?: string[]; exp?: number };
			if (!Array.isArray(payload.aud) || !payload.aud.includes('admin')) return false;
			if (payload.exp !== undefined && payload.exp * 1000 <= Date.now()) return false;
			return true;
		} catch {
			return false;
		}
	}
}

/** The token of a request: the header's last word (so "Bearer x" works), else `?token=` (the param wins on the server; both are accepted). */
export function tokenOf(request: FastifyRequest): string | undefined {
	const query = request.query as Record<string, unknown> | undefined;
	if (typeof query?.token === 'string' && query.token) return query.token;
	const header = request.headers.authorization;
	if (typeof header === 'string' && header.trim()) return header.trim().split(/\s+/).pop();
	return undefined;
}
