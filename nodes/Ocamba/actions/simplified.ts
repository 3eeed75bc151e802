/**
 * What Simplify keeps of Ocamba's records (n8n's UX guidelines; the switch is shared/simplify.ts). Counted
 * from the vendor's documents (../shared/vendor-specs/ocamba.md): an account has 12 fields (seed 000), an
 * integration read back 11 (seed 001 plus provider, effective_status, create_time). Contacts (3 fields)
 * and the other operations' outputs are small and offer no switch.
 */
import { simplifiedView } from '../../shared/simplify';

/** Account: what identifies it and what users route on (status, default account); the feed flattened. */
export const ACCOUNT_SIMPLIFIED = simplifiedView(['id', 'name', 'status', 'configured_status', 'is_default', 'contacts', ['postbacks', 'feeds.postbacks'], 'create_time', 'update_time']);

/** Integration: its provider by id and name (flattened), its state; never its settings (secrets among them). */
export const INTEGRATION_SIMPLIFIED = simplifiedView(['id', 'name', 'type', 'status', 'effective_status', 'provider_id', ['provider_name', 'provider.name'], 'is_default', 'create_time']);
