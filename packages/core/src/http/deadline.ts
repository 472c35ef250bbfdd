import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';

const deadlines = new WeakMap<AbortSignal, number>();

/**
 * Says that `signal` aborts at `deadline` (milliseconds since the epoch), so that a wait which would
 * end later (a turn at the rate limiter, a retry's backoff or `Retry-After`) fails at once instead of
 * being cut by the abort. The gateway sets one on every request's signal; setting it again moves it.
 */
export function setSignalDeadline(signal: AbortSignal, deadline: number): void {
  deadlines.set(signal, deadline);
}

/** Milliseconds left before the deadline set on `signal`; `undefined` when it has none. */
export function timeLeftMs(signal: AbortSignal | undefined): number | undefined {
  const deadline = signal === undefined ? undefined : deadlines.get(signal);
  return deadline === undefined ? undefined : deadline - Date.now();
}

/** Settles like `promise`, or rejects with the signal's reason as soon as the signal aborts. */
export function untilAborted<Value>(
  promise: Promise<Value>,
  signal: AbortSignal | undefined,
): Promise<Value> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A limiter's refusal of a turn that would come too late for `signal`'s deadline: one that leaves
 * the request less than a quarter of the time left (at most 1 s) to be answered. `undefined` when
 * the signal has no deadline or the turn is worth waiting for; `waitMs` is asked only in the first
 * case. The error's `retryAfterSeconds` is the expected wait.
 */
export function lateTurnRefusal(
  signal: AbortSignal | undefined,
  waitMs: () => number,
): UpstreamRateLimitedError | undefined {
  const timeLeft = timeLeftMs(signal);
  if (timeLeft === undefined) return undefined;
  const wait = waitMs();
  const reserveMs = Math.min(1_000, timeLeft / 4);
  if (wait <= timeLeft - reserveMs) return undefined;
  return new UpstreamRateLimitedError(
    `The platform's rate limit gives this request no turn before its deadline (about ${Math.ceil(wait / 1000)} s away)`,
    { retryAfterSeconds: wait / 1000 },
  );
}
