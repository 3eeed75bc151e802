/** SMS Campaign: an SMS to every contact of a list or with a tag (listCampaign/operations.ts). */
import { listCampaignResource } from '../listCampaign/operations';

const resource = listCampaignResource('smsCampaign', 'sms');

export const operations = resource.operations;
export const description = resource.description;
