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

/**
 * A failure injected into the next responses, answered the way the platform really sends it
 * (its sheet says how):
 * - `rateLimited`: throttled, with a one-second wait (`429` + `Retry-After: 1`, or the platform's
 *   equivalent, e.g. Shopify's `THROTTLED` inside an HTTP 200).
 * - `serverError`: a 5xx with the platform's error body.
 * - `unauthorized`: the credentials are rejected with the platform's status and body.
 * - `malformed`: HTTP 200 whose body is not the platform's JSON.
 * - `delayed`: the normal answer, after `delayMs` (past the client's timeout).
 */
export type FaultKind = 'rateLimited' | 'serverError' | 'unauthorized' | 'malformed' | 'delayed';

/** Options of one `failNext` call. */
export interface FaultOptions {
  /** Wait of a `delayed` fault, in milliseconds (default 35 000: past core's default 30 s timeout). */
  readonly delayMs?: number;
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

/**
 * A stateful simulator of one platform's customer API, speaking its real wire format on a loopback
 * port: the platform's one fake (apps/sandbox), for the demo, the end-to-end suite, adapter tests
 * and the conformance kit alike.
 */
export interface PlatformSimulator<Credentials, Customer, Order> {
  /** The platform id, as the adapter names it. */
  readonly platform: string;
  /** Origin to pass as `baseUrl`, e.g. `http://127.0.0.1:41234`. */
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
  /** The back door: the stored native customer, or `undefined` when there is none. */
  stored(id: string): Customer | undefined;
  /** Ids of every stored customer, ascending by number (the ids the adapter lists). */
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

/** Starts a simulator on a free loopback port, with generated data unless told otherwise. */
export type StartSimulator<Simulator> = (options: GeneratedSeed) => Promise<Simulator>;
