/** The request layer, one module per idea (see each file); everything callers use is re-exported here. */
export * from './types';
export { isTransient, parseRetryAfter, readFailure, wasNotSent, type Failure } from './failure';
export { apiError, excerpt, unsureOutcome } from './errors';
export { apiRequest, joinUrl } from './request';
