/** Voice Campaign: a voice message to every contact of a list or with a tag (listCampaign/operations.ts). */
import { listCampaignResource } from '../listCampaign/operations';

const resource = listCampaignResource('voiceCampaign', 'voice');

export const operations = resource.operations;
export const description = resource.description;
