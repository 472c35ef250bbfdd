import { sleep } from './sleep';
import type { RequestLimiter } from './token-bucket';
import { createTurnQueue } from './turn-queue';

export interface WindowLimiterOptions {
  /** Requests allowed per window, until the platform announces its own figure. */
  readonly quota: number;
  /** Length of a window in milliseconds, until the platform announces its own figure. */
  readonly windowMs: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** What a platform announces about its current window (response headers). */
export interface WindowState {
  /** Requests still allowed in the current window, after the request answered. */
  readonly remaining: number;
  /** Milliseconds until the window is refreshed. */
  readonly resetInMs: number;
  readonly quota?: number | undefined;
  readonly windowMs?: number | undefined;
}

/** A quota-per-window limiter kept in step with the platform's announcements. */
export interface WindowLimiter extends RequestLimiter {
  /** Adopts the platform's figures from a reply; requests sent since and not yet answered stay counted. */
  sync(state: WindowState): void;
  /** Requests this limiter would let through now, before waiting for the next window. */
  remaining(): number;
}

/** Replies whose reset lies this close to the known one describe the same window (clock jitter). */
const sameWindowToleranceMs = 1000;

/**
 * Paces requests under a fixed-window quota that the platform announces on every reply (BigCommerce's
 * `X-Rate-Limit-Requests-Left` and `X-Rate-Limit-Time-Reset-Ms`): requests go out while the window
 * has room, then wait for its reset instead of meeting a 429. The quota is shared with whatever else
 * uses the store, so the platform's figure wins whenever it is lower than the local count. Waiters
 * are served in arrival order; a newcomer whose turn, counted after the units queued ahead of it,
 * would come after its deadline is refused at once instead of queueing.
 */
export function createWindowLimiter(options: WindowLimiterOptions): WindowLimiter {
  const now = options.now ?? Date.now;
  let quota = options.quota;
  let windowMs = options.windowMs;
  let left = quota;
  let resetAt = 0;
  // Sent (taken from the window) but not yet answered, so not yet in the platform's figure.
  let unanswered = 0;
  const turns = createTurnQueue();

  const refresh = () => {
    const current = now();
    if (current >= resetAt) {
      left = quota;
      resetAt = current + windowMs;
    }
    return current;
  };

  const take = async (cost: number, signal?: AbortSignal) => {
    const wanted = Math.min(cost, quota);
    for (;;) {
      const current = refresh();
      if (left >= wanted) {
        left -= wanted;
        unanswered += wanted;
        return;
      }
      await sleep(resetAt - current, signal);
    }
  };

  /** Milliseconds until `units` more, after those queued, fit in a window: this one or a later one. */
  const expectedWaitMs = (units: number) => {
    const current = refresh();
    const overflow = turns.queuedUnits() + units - left;
    if (overflow <= 0) return 0;
    return resetAt - current + (Math.ceil(overflow / quota) - 1) * windowMs;
  };

  return {
    acquire(cost, signal) {
      const units = Math.min(cost, quota);
      return turns.join(
        units,
        signal,
        () => expectedWaitMs(units),
        () => take(cost, signal),
      );
    },
    sync(state) {
      const current = refresh();
      const quotaChanged = state.quota !== undefined && state.quota !== quota;
      quota = state.quota ?? quota;
      windowMs = state.windowMs ?? windowMs;
      unanswered = Math.max(0, unanswered - 1);
      const announcedReset = current + Math.max(0, state.resetInMs);
      const remaining = Math.max(0, state.remaining - unanswered);
      if (quotaChanged || announcedReset > resetAt + sameWindowToleranceMs) {
        // The platform counts a later window than ours, or another quota than the one assumed.
        left = remaining;
      } else {
        left = Math.min(left, remaining);
      }
      resetAt = announcedReset;
    },
    remaining() {
      refresh();
      return left;
    },
  };
}
