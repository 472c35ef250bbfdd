export { FilterNotSupportedError } from './filter-not-supported-error';
export { type InputIssue, InvalidRequestError } from './invalid-request-error';
export { NotFoundError } from './not-found-error';
export { OperationNotSupportedError } from './operation-not-supported-error';
export { SortNotSupportedError } from './sort-not-supported-error';
export { UnauthorizedError } from './unauthorized-error';
export {
  errorStatusByCode,
  UnicartError,
  type UnicartErrorCode,
  type UnicartErrorOptions,
} from './unicart-error';
export { UpstreamError, type UpstreamErrorOptions } from './upstream-error';
export { UpstreamInvalidResponseError } from './upstream-invalid-response-error';
export { UpstreamRateLimitedError } from './upstream-rate-limited-error';
export { UpstreamTimeoutError } from './upstream-timeout-error';
export { UpstreamUnauthorizedError } from './upstream-unauthorized-error';
