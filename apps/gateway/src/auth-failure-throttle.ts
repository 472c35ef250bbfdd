import { UpstreamRateLimitedError } from '@unicart/core';
import { createBoundedCache } from './stores/bounded-cache';

/**
 * Slows down token guessing: from its `maxConsecutiveFailures`-th failed authentication in a row, a
 * client is answered 429 without its token being checked, for `blockMs`; then it gets one more try.
 * A small counter rather than `@fastify/rate-limit`: that plugin counts every request in a window,
 * while what matters here is consecutive failures, forgotten at the first success.
 */
export interface AuthFailureThrottle {
  /** Throws a 429 `rate_limited` error while `client` must wait. */
  assertMayTry(client: string): void;
  /** Counts a failure; throws the 429 when this one reaches the limit. */
  failed(client: string): void;
  succeeded(client: string): void;
}

export interface AuthFailureThrottleOptions {
  readonly maxConsecutiveFailures: number;
  readonly blockMs: number;
  /** Clients remembered at most (the oldest are forgotten first). */
  readonly maxClients?: number;
  readonly now?: () => number;
}

interface ClientFailures {
  readonly count: number;
  readonly blockedUntil: number;
}

export function createAuthFailureThrottle(options: AuthFailureThrottleOptions): AuthFailureThrottle {
  const now = options.now ?? Date.now;
  // A client's failures are forgotten an hour after its last one.
  const failures = createBoundedCache<string, ClientFailures>({
    maxEntries: options.maxClients ?? 100_000,
    ttlMs: 60 * 60 * 1000,
    now,
  });

  function refusal(blockedUntil: number): UpstreamRateLimitedError {
    return new UpstreamRateLimitedError(
      'Too many failed authentications from this client: wait for Retry-After seconds',
      { retryAfterSeconds: (blockedUntil - now()) / 1000 },
    );
  }

  return {
    assertMayTry(client) {
      const entry = failures.get(client);
      if (entry !== undefined && entry.blockedUntil > now()) throw refusal(entry.blockedUntil);
    },
    failed(client) {
      const count = (failures.get(client)?.count ?? 0) + 1;
      const blockedUntil = count >= options.maxConsecutiveFailures ? now() + options.blockMs : 0;
      failures.set(client, { count, blockedUntil });
      if (blockedUntil > 0) throw refusal(blockedUntil);
    },
    succeeded(client) {
      failures.delete(client);
    },
  };
}
