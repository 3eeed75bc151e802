/**
 * An SMS text as operators (and Octopush's price) count it: GSM 03.38 7-bit septets, where the
 * extension characters € ^ { } [ ] ~ | \ take two (an escape and the character); as soon as one
 * character is outside GSM-7 the whole text is UCS-2, counted in UTF-16 units (an emoji is two).
 * One SMS holds 160 septets or 70 units; a longer text is cut into parts of 153 / 67.
 * Placeholders are the ones Octopush replaces per recipient, each value at most 50 characters
 * (dev.octopush.com/en/sms-gateway-api-documentation/personalized-sendings-publipostage/).
 */
import type { IDataObject } from 'n8n-workflow';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasure {
	encoding: SmsEncoding;
	/** Septets (GSM-7) or UTF-16 units (UCS-2). */
	units: number;
	/** SMS per recipient. */
	parts: number;
}

const GSM_BASIC = new Set(
	"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENSION = new Set('€^{}[]~|\\\f');

export function measureSms(text: string): SmsMeasure {
	let septets = 0;
	for (const character of text) {
		if (GSM_BASIC.has(character)) septets += 1;
		else if (GSM_EXTENSION.has(character)) septets += 2;
		else {
			const units = text.length;
			return { encoding: 'UCS-2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
		}
	}
	return { encoding: 'GSM-7', units: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** What a too-long text is measured in, for the error message. */
export function describeUnits(measure: SmsMeasure): string {
	const count = measure.units.toLocaleString('en-US');
	return measure.encoding === 'GSM-7'
		? `${count} GSM-7 characters (€ and ^{}[]~|\\ count two)`
		: `${count} UCS-2 units (accents outside GSM-7 count one, emoji two)`;
}

/** Placeholder → the recipient key that fills it (the same names). */
export const PLACEHOLDERS = ['first_name', 'last_name', 'param1', 'param2', 'param3', 'param4', 'param5'] as const;
const KNOWN = new Set<string>(PLACEHOLDERS);
export const MAX_PLACEHOLDER_VALUE = 50;

/** Every {name} in the text, in order of first use. */
export function placeholdersIn(text: string): string[] {
	return [...new Set([...text.matchAll(/\{([^{}\s]{1,40})\}/g)].map((match) => match[1]))];
}

/** Problems with the placeholders of a text for one recipient; each a sentence without final period. */
export function placeholderProblems(text: string, recipient: IDataObject): string[] {
	const problems: string[] = [];
	for (const name of placeholdersIn(text)) {
		if (!KNOWN.has(name)) {
			problems.push(`uses {${name}}, which Octopush does not know (it knows {first_name}, {last_name}, {param1}…{param5}): it would be sent as written`);
		} else if (recipient[name] === undefined || recipient[name] === '') {
			problems.push(`uses {${name}}, but Recipient Fields give it no value`);
		}
	}
	return problems;
}

/** The text one recipient receives (what its SMS count depends on). */
export function personalise(text: string, recipient: IDataObject): string {
	return text.replace(/\{([^{}\s]{1,40})\}/g, (whole, name: string) => (KNOWN.has(name) ? String(recipient[name] ?? '') : whole));
}
