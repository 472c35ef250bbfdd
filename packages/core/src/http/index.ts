export {
  createHttpClient,
  encodeQuery,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type QueryParams,
  type QueryValue,
  type RequestOptions,
  type UpstreamAttemptEvent,
  type UpstreamObserver,
  type UpstreamReply,
  type UpstreamResult,
} from './create-http-client';
export { parseRetryAfter } from './parse-retry-after';
export { describeUrl, redactSecrets } from './redact';
export { backoffDelayMs, defaultRetryOptions, type RetryOptions } from './retry-delay';
export { sleep } from './sleep';
export {
  createTokenBucket,
  type RequestLimiter,
  type TokenBucket,
  type TokenBucketOptions,
} from './token-bucket';
