/** The request layer, one module per idea (see each file); everything callers use is re-exported here. */
export * from './types';
export { isTransient, parseRetryAfter, readFailure, wasNotSent, type Failure } from './failure';
export { apiError, excerpt, isOutcomeUnknown, unsureOutcome, type OutcomeUnknown } from './errors';
export { HIDDEN, SecretMask } from './secrets';
export { apiRequest, joinUrl } from './request';
