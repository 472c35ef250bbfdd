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
