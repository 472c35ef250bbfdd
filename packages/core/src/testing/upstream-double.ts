import type { Customer } from '../models/customer';
import type { RecordedRequest } from './platform-simulator';

/**
 * Failures the conformance kit injects. The double answers each the way its platform really does
 * (Ecwid answers a bad token with 403, Shopify throttles inside a 200, WooCommerce sends WP errors).
 * - `unauthorized`: the credentials are rejected.
 * - `rateLimited`: throttled, with a wait of one second (a `Retry-After: 1` or the platform's equivalent).
 * - `serverError`: a 5xx.
 * - `garbage`: HTTP 200 with a body that is not the platform's JSON.
 * - `timeout`: no answer for longer than the adapter's timeout. With nock, answer from an async
 *   reply function that waits first: nock's `delay()` makes undici crash once the request is aborted.
 */
export type UpstreamFailureKind = 'unauthorized' | 'rateLimited' | 'serverError' | 'garbage' | 'timeout';

/**
 * A stateful test double of one platform's customer API (nock-based in each adapter's tests),
 * speaking the platform's real wire format. The conformance kit drives adapters against it.
 */
export interface UpstreamDouble<NativeCustomer, NativeOrder = unknown> {
  /** The origin to pass to the adapter as `baseUrl`. */
  readonly baseUrl: string;
  /** Replaces all data with these native records (and their orders). */
  seed(customers: readonly NativeCustomer[], orders?: readonly NativeOrder[]): void;
  /** The back door: the stored record mapped to canonical, or `undefined` when there is none. */
  stored(id: string): Customer | undefined;
  /** The next `count` requests (default 1) fail as `kind`. */
  failNext(kind: UpstreamFailureKind, count?: number): void;
  /** Every request received since the last `reset`, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Clears data, requests and pending failures. */
  reset(): void;
  /** Removes the interceptors. */
  close(): void;
}
