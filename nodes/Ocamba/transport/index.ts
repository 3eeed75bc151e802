/** The Ocamba transport: requests, single-record reads, lists and secret settings. */
export { CREDENTIAL_TYPE, ocambaProfile, ocambaRequest, type OcambaRequest } from './request';
export { ocambaGetRecord, singleRecord } from './records';
export { MAX_PAGE_SIZE, ocambaList } from './list';
export { REDACTED, redactIntegration } from './secrets';
