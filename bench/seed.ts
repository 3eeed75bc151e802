/**
 * Bulk seeding for the Return All figures, through each sandbox's own public surface: Yeti's
 * seedAccounts (its bench/pagination loader), Ocamba's real create route called in-process with
 * fastify's inject (no public bulk route exists; limits are lifted while seeding and restored).
 * Seeding requests are cleared from the request log afterwards.
 */
import type { Sandbox } from '../sandbox/core';
import { OCAMBA_SANDBOX_TOKEN, type OcambaSandbox } from '../sandbox/ocamba';
import type { YetiSandbox } from '../sandbox/yeti';

import type { Vendor } from './common';

export type { Vendor };

type Seeder = (sandbox: Sandbox, args: Record<string, unknown>) => Promise<unknown>;

const notAvailable: Seeder = async (sandbox) => {
	throw new Error(`No bulk seeding for the ${sandbox.name} sandbox`);
};

const seedYeti: Seeder = async (sandbox, args) => {
	// `total`: top the table up to exactly this many accounts (the sandbox starts with a few).
	const yeti = sandbox as YetiSandbox;
	const existing = yeti.table('accounts').rows.size;
	const count = args.total !== undefined ? Number(args.total) - existing : Number(args.count);
	const firstId = yeti.seedAccounts(count, String(args.contractorId ?? '4'));
	return { firstId, total: existing + count };
};

const seedOcamba: Seeder = async (sandbox, args) => {
	const ocamba = sandbox as OcambaSandbox;
	const limits = ocamba.rateLimits;
	ocamba.setRateLimits({ enabled: false });
	// `total`: top the accounts up to exactly this many (the sandbox starts with the default account).
	const existingAnswer = await ocamba.app.inject({ method: 'GET', url: '/v2/ocamba/accounts?page=1,1', headers: { authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}` } });
	const existing = Number((JSON.parse(existingAnswer.body) as { total: number | string }).total);
	const count = args.total !== undefined ? Number(args.total) - existing : Number(args.count);
	try {
		for (let i = 0; i < count; i++) {
			const response = await ocamba.app.inject({
				method: 'POST',
				url: '/v2/ocamba/accounts',
				headers: { authorization: `Bearer ${OCAMBA_SANDBOX_TOKEN}`, 'content-type': 'application/json' },
				payload: JSON.stringify({ name: `Bulk account ${i + 1}`, contacts: [{ type: 'email', value: `billing${i + 1}@example.com` }] }),
			});
			if (response.statusCode !== 201) throw new Error(`Ocamba seeding failed at ${i}: ${response.statusCode} ${response.body.slice(0, 200)}`);
		}
	} finally {
		ocamba.setRateLimits(limits);
		sandbox.clearRequests();
	}
	return { count, total: existing + count };
};

const setOcambaLimits: Seeder = async (sandbox, args) => (sandbox as OcambaSandbox).setRateLimits(args as never);

export const seeders: Record<Vendor, Seeder> = {
	ocamba: seedOcamba,
	octopush: notAvailable,
	yeti: seedYeti,
	probe: notAvailable,
};

export const configurers: Partial<Record<Vendor, Seeder>> = {
	ocamba: setOcambaLimits,
};
