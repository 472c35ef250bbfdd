export {
  createHttpClient,
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
export { setSignalDeadline, timeLeftMs, untilAborted } from './deadline';
export { parseRetryAfter } from './parse-retry-after';
export { redactSecrets } from './redact';
export type { RetryOptions } from './retry-delay';
export { sleep } from './sleep';
export {
  createTokenBucket,
  type RequestLimiter,
  type TokenBucket,
  type TokenBucketOptions,
} from './token-bucket';
export {
  createWindowLimiter,
  type WindowLimiter,
  type WindowLimiterOptions,
  type WindowState,
} from './window-limiter';
