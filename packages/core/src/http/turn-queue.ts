import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { timeLeftMs } from './deadline';

/** The waiters of a limiter, served one at a time in arrival order. */
export interface TurnQueue {
  /** Units of the waiters in the queue, the one being served included. */
  queuedUnits(): number;
  /**
   * Queues a turn of `units`, given by `take` once every earlier turn has settled. When `signal`
   * carries a deadline, `waitMs` (the turn's expected wait, the units queued ahead included) is asked
   * first, and a turn that would leave the request less than a quarter of the time left (at most
   * 1 s) is refused at once, without queueing, with an `UpstreamRateLimitedError` whose
   * `retryAfterSeconds` is that wait.
   */
  join(
    units: number,
    signal: AbortSignal | undefined,
    waitMs: () => number,
    take: () => Promise<void>,
  ): Promise<void>;
}

export function createTurnQueue(): TurnQueue {
  let queue: Promise<void> = Promise.resolve();
  let queuedUnits = 0;
  return {
    queuedUnits: () => queuedUnits,
    join(units, signal, waitMs, take) {
      const timeLeft = timeLeftMs(signal);
      if (timeLeft !== undefined) {
        const wait = waitMs();
        const reserveMs = Math.min(1_000, timeLeft / 4);
        if (wait > timeLeft - reserveMs) {
          return Promise.reject(
            new UpstreamRateLimitedError(
              `The platform's rate limit gives this request no turn before its deadline (about ${Math.ceil(wait / 1000)} s away)`,
              { retryAfterSeconds: wait / 1000 },
            ),
          );
        }
      }
      queuedUnits += units;
      const turn = queue.then(take).finally(() => {
        queuedUnits -= units;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
