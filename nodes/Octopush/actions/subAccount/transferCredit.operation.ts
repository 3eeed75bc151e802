import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createValidator } from '../../../shared/validation';
import { octopushRequest } from '../../transport';
import { subAccountLoginProperty } from './fields';

const show = { resource: ['subAccount'], operation: ['transferCredit'] };

export const description: INodeProperties[] = [
	subAccountLoginProperty(show),
	{
		displayName: 'Amount (Euros)',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		required: true,
		default: 1,
		displayOptions: { show },
		description: 'Whole euros to move from your account to the sub-account',
	},
	{
		displayName: 'Source Wallet Pack',
		name: 'sourcePack',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'The Pack With the Most Credit', value: 'mostCredit', description: 'Looked up in your wallet just before the transfer' },
			{ name: 'By ID', value: 'byId', description: 'A wallet_pack_id from Wallet → Get Balance with details' },
		],
		default: 'mostCredit',
		description: 'Which of your wallet packs the credit comes from',
	},
	{
		displayName: 'Wallet Pack ID',
		name: 'walletPackId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show, sourcePack: ['byId'] } },
		description: 'The wallet_pack_id of the source pack (Wallet → Get Balance with With Details on lists them)',
	},
];

interface Pack {
	wallet_pack_id: string | number;
	credit: number | string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const v = createValidator(this.getNode(), itemIndex);
	const login = v.requiredText('Sub-Account Login', this.getNodeParameter('subAccountLogin', itemIndex));
	const amount = v.number('Amount (Euros)', this.getNodeParameter('amount', itemIndex), { required: true, integer: true, min: 1 })!;
	const sourcePack = v.oneOf('Source Wallet Pack', this.getNodeParameter('sourcePack', itemIndex, 'mostCredit'), ['mostCredit', 'byId'] as const, { required: true });
	let packId: string | number;
	if (sourcePack === 'byId') {
		packId = v.requiredText('Wallet Pack ID', this.getNodeParameter('walletPackId', itemIndex));
	} else {
		const balance = (await octopushRequest.call(this, { method: 'GET', path: '/wallet/check-balance', qs: { with_details: true }, itemIndex })) as IDataObject;
		const packs = (Array.isArray(balance.wallet_packs) ? balance.wallet_packs : []) as unknown as Pack[];
		const richest = packs.reduce<Pack | undefined>((best, pack) => (best === undefined || Number(pack.credit) > Number(best.credit) ? pack : best), undefined);
		if (!richest) return v.fail('Source Wallet Pack', 'found no wallet pack in your account', 'an account with credit in at least one wallet pack');
		if (Number(richest.credit) < amount) {
			v.fail('Amount (Euros)', `is more than the richest wallet pack holds (${String(richest.credit)} in ${String(richest.wallet_pack_id)})`, 'an amount the pack can cover');
		}
		// Passed on exactly as Octopush listed it (its type included).
		packId = richest.wallet_pack_id;
	}
	// Step 1: a one-time token for this recipient (asking again replaces it, so a repeat is harmless).
	const { token } = (await octopushRequest.call(this, { method: 'POST', path: '/subaccount/credit-transfer/token', body: { email_to: login }, idempotent: true, itemIndex })) as IDataObject;
	if (typeof token !== 'string' || token === '') {
		v.fail('Sub-Account Login', 'got no transfer token from Octopush', 'Octopush to answer with a token');
	}
	// Step 2: the transfer itself moves money, so it is never repeated blindly.
	const result = (await octopushRequest.call(this, {
		method: 'POST',
		path: '/subaccount/credit-transfer/transfer',
		body: { token, from_wallet_pack_id: packId, amount },
		secrets: [token],
		itemIndex,
	})) as IDataObject;
	// The token is single-use and stays out of the output.
	return { email_to: login, amount, from_wallet_pack_id: packId, ...result };
}
