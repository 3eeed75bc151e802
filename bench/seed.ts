/**
 * Bulk seeding for the Return All figures, through each sandbox's own public API where it has one.
 * Filled in as the vendor sandboxes land.
 */
import type { Sandbox } from '../sandbox/core';

import type { Vendor } from './common';
export type { Vendor };

type Seeder = (sandbox: Sandbox, args: Record<string, unknown>) => Promise<unknown>;

const notYet: Seeder = async (sandbox) => {
	throw new Error(`No bulk seeding for the ${sandbox.name} sandbox yet`);
};

export const seeders: Record<Vendor, Seeder> = {
	ocamba: notYet,
	octopush: notYet,
	yeti: notYet,
	probe: notYet,
};
