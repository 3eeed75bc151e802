/**
 * Send SMS To User: POST /v1/hood/users/{id}/send-sms with `integration_id`, `content` and, for links
 * Ocamba shortens, `shorten_links` (docs.ocamba.com/api/hood/v1.0/create-users-by_id-send-sms). The
 * page's rules are checked before anything is sent: content of 1 to 320 characters, where a
 * `${NAME}` placeholder counts as at least 23; one shorten link per placeholder, each placeholder in
 * the content. A send is never repeated blindly (an unclear answer says "may or may not").
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ocambaRequest } from '../../transport';
import { readPathId, show, validatorFor } from '../common';

const displayOptions = show('hoodUser', ['sendSms']);

/** "content ... [string 1 .. 320]". */
export const MAX_SMS_CONTENT = 320;
/** "If a placeholder in content has less than 23 characters it will count as 23 characters." */
export const MIN_PLACEHOLDER_LENGTH = 23;

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the Hood user to text; the SMS goes to their mobile phone number',
		displayOptions,
	},
	{
		displayName: 'SMS Integration Name or ID',
		name: 'integrationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSmsIntegrations' },
		required: true,
		default: '',
		description:
			'The SMS integration (Twilio, Mitto...) the message goes through. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Hello from Ocamba! Your offer: ${URL_0}',
		description: `The SMS text, 1 to ${MAX_SMS_CONTENT} characters. A link to shorten goes in as a placeholder such as \${URL_0} (counted as at least ${MIN_PLACEHOLDER_LENGTH} characters), with its URL under Shorten Links.`,
		displayOptions,
	},
	{
		displayName: 'Shorten Links',
		name: 'shortenLinks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Link',
		default: {},
		description: 'One row per ${...} placeholder in the content: Ocamba puts a short link to the URL in its place',
		displayOptions,
		options: [
			{
				displayName: 'Link',
				name: 'link',
				values: [
					{ displayName: 'Placeholder', name: 'placeholder', type: 'string', default: '', placeholder: 'URL_0', description: 'The name inside ${...} in the content' },
					{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/offer' },
					{
						displayName: 'Expires In',
						name: 'expiresIn',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 0,
						description: 'Sent as expires_in, when set. Ocamba does not document its unit (its example uses 17); 0 leaves it to Ocamba.',
					},
				],
			},
		],
	},
];

function placeholdersIn(content: string): string[] {
	return [...content.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]);
}

/** The length Ocamba counts: each placeholder as at least 23 characters. */
export function countedLength(content: string): number {
	return placeholdersIn(content).reduce((length, name) => length - (name.length + 3) + Math.max(MIN_PLACEHOLDER_LENGTH, name.length + 3), [...content].length);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const validate = validatorFor(this, itemIndex);
	const userId = readPathId(this, validate, 'userId', 'User ID', itemIndex);
	const rawIntegration = this.getNodeParameter('integrationId', itemIndex, '');
	const integrationId = validate.requiredText('SMS Integration Name or ID', typeof rawIntegration === 'number' ? String(rawIntegration) : rawIntegration);
	// Kept as typed (leading or trailing spaces may be wanted in a message); only emptiness is refused.
	const rawContent = this.getNodeParameter('content', itemIndex, '');
	if (typeof rawContent !== 'string' && typeof rawContent !== 'number') validate.fail('Content', 'must be text', 'the SMS text');
	const content = String(rawContent);
	if (content.trim() === '') validate.fail('Content', 'is empty', 'the SMS text');
	const counted = countedLength(content);
	if (counted > MAX_SMS_CONTENT) {
		validate.fail('Content', `is too long: Ocamba counts ${counted} characters (placeholders as at least ${MIN_PLACEHOLDER_LENGTH})`, `at most ${MAX_SMS_CONTENT}`);
	}
	const placeholders = placeholdersIn(content);
	const rows = ((this.getNodeParameter('shortenLinks', itemIndex, {}) as IDataObject)?.link ?? []) as IDataObject[];
	const links: IDataObject[] = [];
	rows.forEach((row, index) => {
		const label = `Shorten Links › Link ${index + 1}`;
		const placeholder = validate.requiredText(`${label} › Placeholder`, row.placeholder).replace(/^\$\{(.*)\}$/, '$1');
		if (/[{}$]/.test(placeholder)) validate.fail(`${label} › Placeholder`, `is not a placeholder name: "${placeholder}"`, 'a name such as URL_0 (written ${URL_0} in the content)');
		if (links.some((link) => link.placeholder === placeholder)) validate.fail(`${label} › Placeholder`, `repeats "${placeholder}"`, 'one row per placeholder');
		if (!placeholders.includes(placeholder)) validate.fail(`${label} › Placeholder`, `"${placeholder}" is not in the content`, `\${${placeholder}} in the content where the short link goes`);
		const url = validate.url(`${label} › URL`, row.url, { required: true })!;
		const expiresIn = validate.number(`${label} › Expires In`, row.expiresIn, { integer: true, min: 0 });
		links.push({ placeholder, url, ...(expiresIn ? { expires_in: expiresIn } : {}) });
	});
	const missing = [...new Set(placeholders)].filter((name) => !links.some((link) => link.placeholder === name));
	if (missing.length) {
		validate.fail('Content', `has the placeholder${missing.length > 1 ? 's' : ''} ${missing.map((name) => `\${${name}}`).join(', ')} without a Shorten Links row`, 'a Shorten Links row per placeholder (or no ${...} in the content)');
	}
	if (links.length && links.length !== placeholders.length) {
		validate.fail('Content', `uses a placeholder more than once (${placeholders.length} placeholders for ${links.length} links)`, 'each placeholder once: Ocamba wants as many links as placeholders');
	}
	const body: IDataObject = { integration_id: integrationId, content, ...(links.length ? { shorten_links: links } : {}) };
	const answer = await ocambaRequest.call(this, { method: 'POST', path: `/v1/hood/users/${userId}/send-sms`, body, expect: 'jsonOrNone', itemIndex });
	return {
		sent: true,
		userId: decodeURIComponent(userId),
		integrationId,
		characters: counted,
		...(answer && typeof answer === 'object' && Object.keys(answer).length ? { response: answer } : {}),
	};
}
