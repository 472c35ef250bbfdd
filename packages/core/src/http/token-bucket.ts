import { sleep } from './sleep';
import { createTurnQueue } from './turn-queue';

/** Paces requests before they are sent, so a platform's rate limit is never tripped. */
export interface RequestLimiter {
  /**
   * Waits until `cost` units are available, then takes them. When `signal` carries a deadline
   * (`setSignalDeadline`) that leaves too little time after the turn (a quarter of it, at most 1 s,
   * is kept for the request itself), rejects at once with an
   * `UpstreamRateLimitedError` whose `retryAfterSeconds` is the expected wait.
   */
  acquire(cost: number, signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  /** Most units that can be spent in a burst. */
  readonly capacity: number;
  /** Units restored per second. */
  readonly refillPerSecond: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** A token bucket whose state can also be corrected from what the platform reports. */
export interface TokenBucket extends RequestLimiter {
  /** Replaces the local estimate with the platform's own figures (Shopify's `throttleStatus`). */
  sync(state: { available: number; capacity?: number; refillPerSecond?: number }): void;
  /** Units available now. */
  available(): number;
}

/**
 * A token bucket limiter. Waiters are served in arrival order, so a long iteration and a single
 * request on the same store share the budget fairly; a newcomer's wait is known from the units
 * queued ahead of it, so one that cannot be served before its deadline is refused at once instead of
 * queueing (load is shed rather than piled up).
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const now = options.now ?? Date.now;
  let capacity = options.capacity;
  let refillPerSecond = options.refillPerSecond;
  let tokens = capacity;
  let updatedAt = now();
  const turns = createTurnQueue();

  const refill = () => {
    const current = now();
    tokens = Math.min(capacity, tokens + ((current - updatedAt) / 1000) * refillPerSecond);
    updatedAt = current;
  };

  const take = async (cost: number, signal?: AbortSignal) => {
    const wanted = Math.min(cost, capacity);
    for (;;) {
      refill();
      if (tokens >= wanted) {
        tokens -= wanted;
        return;
      }
      await sleep(Math.ceil(((wanted - tokens) / refillPerSecond) * 1000), signal);
    }
  };

  return {
    acquire(cost, signal) {
      const units = Math.min(cost, capacity);
      const expectedWaitMs = () => {
        refill();
        const shortfall = turns.queuedUnits() + units - tokens;
        return Math.max(0, Math.ceil((shortfall / refillPerSecond) * 1000));
      };
      return turns.join(units, signal, expectedWaitMs, () => take(cost, signal));
    },
    sync(state) {
      refill();
      capacity = state.capacity ?? capacity;
      refillPerSecond = state.refillPerSecond ?? refillPerSecond;
      tokens = Math.min(capacity, state.available);
    },
    available() {
      refill();
      return tokens;
    },
  };
}
