/**
 * The node's catalogue is generated from the server's facts (../shared/vendor-specs/yeti-admin-resources.json)
 * and must stay in step with them; the curated screens must offer what the server requires.
 */
import { readFileSync } from 'node:fs';

import { CATALOGUE_PATH, renderCatalogue, type FactsRoute } from '../../scripts/generate-yeti-catalogue';
import { findYetiFactsFile } from '../../sandbox/yeti/facts-file';
import { YETI_ROUTES_BY_PATH } from '../../nodes/YetiSwitch/catalogue';
import { RESOURCES } from '../../nodes/YetiSwitch/actions/resources';
import { CURATED_ROUTES } from '../../nodes/YetiSwitch/actions/common/curated';
import { camelCase } from '../../nodes/YetiSwitch/actions/common/fields';

test('nodes/YetiSwitch/catalogue.ts is what scripts/generate-yeti-catalogue.ts makes of the facts today', () => {
	const facts = JSON.parse(readFileSync(findYetiFactsFile(), 'utf8')) as FactsRoute[];
	expect(readFileSync(CATALOGUE_PATH, 'utf8') === renderCatalogue(facts)).toBe(true);
});

test('every create screen offers, on top, every field the server requires (required_on_create)', () => {
	let checked = 0;
	for (const resource of RESOURCES.filter((r) => CURATED_ROUTES[r.value])) {
		const route = YETI_ROUTES_BY_PATH[CURATED_ROUTES[resource.value]];
		if (!route.ops.includes('create')) continue;
		const top = resource.properties.filter((p) => p.displayOptions?.show?.operation?.includes('create')).map((p) => p.name);
		for (const key of route.required) {
			expect(`${resource.value}:${top.includes(camelCase(key))}`).toBe(`${resource.value}:true`);
			checked++;
		}
	}
	expect(checked).toBeGreaterThan(30);
});

test('facts read through: writable_but_not_attribute left out, sortable_fails left out, relationship_types and linkage kept', () => {
	expect(YETI_ROUTES_BY_PATH['customers-auths'].creatable).not.toContain('diversion-policy');
	expect(YETI_ROUTES_BY_PATH['customers-auths'].notAttributes).toEqual(['src-number-field-id', 'dst-number-field-id', 'src-name-field-id', 'diversion-policy', 'transport-protocol']);
	expect(YETI_ROUTES_BY_PATH.accounts.sortable).not.toContain('currency');
	expect(YETI_ROUTES_BY_PATH['customers-auths'].relationships.find((r) => r.name === 'customer')).toEqual({ name: 'customer', kind: 'one', type: 'contractors', linkage: true });
	expect(YETI_ROUTES_BY_PATH['invoice-template'].type).toBe('invoice-templates');
	expect(YETI_ROUTES_BY_PATH.accounts.requiredSince).toEqual({ currency: '1.14.72' });
	expect(YETI_ROUTES_BY_PATH.dialpeers.requiredSince).toEqual({ currency: '1.15.0' });
	expect(YETI_ROUTES_BY_PATH.invoices.filterEnums).toEqual({ state: ['Pending', 'Approved', 'New'], invoice_type: ['Manual', 'Auto Full', 'Auto Partial'] });
});
