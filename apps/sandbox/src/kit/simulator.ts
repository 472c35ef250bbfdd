/** The platforms the sandbox simulates. */
export type SimulatedPlatform = 'ecwid' | 'jumpseller' | 'shopify' | 'woocommerce';

/**
 * A failure injected into the next responses, answered the way the platform really sends it:
 * - `rateLimited`: throttled, with a one-second wait (Ecwid and WooCommerce hosts: 429 + `Retry-After: 1`;
 *   Shopify: `THROTTLED` inside an HTTP 200 whose cost data asks for one second).
 * - `serverError`: HTTP 500 with the platform's error body.
 * - `unauthorized`: the credentials are rejected (Ecwid 403 `INVALID_API_TOKEN`, Shopify 401,
 *   WooCommerce 401 `woocommerce_rest_authentication_error`).
 * - `malformed`: HTTP 200 whose body is not the platform's JSON (truncated JSON; WooCommerce: a PHP notice first).
 * - `delayed`: the normal answer, after `delayMs`.
 */
export type FaultKind = 'rateLimited' | 'serverError' | 'unauthorized' | 'malformed' | 'delayed';

/** Options of one `failNext` call. */
export interface FaultOptions {
  /** Wait of a `delayed` fault, in milliseconds (default 35 000: past core's default 30 s timeout). */
  readonly delayMs?: number;
}

/** A request a simulator received, as the platform would have seen it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without origin or query string, e.g. `/api/v3/1003/customers`. */
  readonly path: string;
  /** Decoded query parameters (a repeated key keeps its last value). */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON or form body, the raw text when it is neither, `undefined` without a body. */
  readonly body: unknown;
}

/** Deterministic generated data: the same options always give the same records. */
export interface GeneratedSeed {
  /** Customers to generate (default 2 500). */
  readonly count?: number;
  /** Seed of the generator (default 7). */
  readonly seed?: number;
}

/** Native records that replace the simulator's data. */
export interface NativeSeed<Customer, Order> {
  readonly customers: readonly Customer[];
  readonly orders?: readonly Order[];
}

/** What every simulator offers, whatever its platform. */
export interface PlatformSimulator<Credentials, Customer, Order> {
  readonly platform: SimulatedPlatform;
  /** Origin to pass as the gateway's `baseUrl`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Credentials accepted now, in the gateway's `credentials` shape for this platform. */
  readonly credentials: Credentials;
  /** Replaces all data, and the baseline `reset` returns to: generated (`{ count, seed }`) or the given native records. */
  seed(input?: GeneratedSeed | NativeSeed<Customer, Order>): void;
  /** The next `count` responses (default 1) fail as `kind`. Successive calls queue up. */
  failNext(kind: FaultKind, count?: number, options?: FaultOptions): void;
  /** Drops the faults still queued. */
  clearFaults(): void;
  /** Every request received since start or the last `reset`, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The back door: the stored native customer as the platform would answer it, or `undefined`. */
  stored(id: string): Customer | undefined;
  /** Ids of every stored customer, ascending by number (WooCommerce: every WordPress user, whatever its role). */
  customerIds(): string[];
  /** The merchant revokes the credentials: the current ones are refused from now on, new ones are issued. */
  revokeCredentials(): void;
  /**
   * Back to the baseline: the last seeded data (the generated data at start unless `seed` was called),
   * the original credentials, an empty rate-limit state, no pending fault and no recorded request.
   */
  reset(): void;
  /** Stops listening and drops open connections and pending delays. */
  close(): Promise<void>;
}
