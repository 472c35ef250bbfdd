/** The signal of one HTTP attempt and how to end it. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the attempt's own time ran out (not the caller's signal). */
  timedOut(): boolean;
  /** Stops the timer and stops listening to the caller: call once the attempt settled. */
  release(): void;
}

/**
 * A signal that aborts when `caller` does or after `timeoutMs`, whichever comes first. Cheaper than
 * `AbortSignal.any([caller, AbortSignal.timeout(ms)])`, whose timer stays pending for the whole
 * timeout after a fast answer and whose combination tracks its sources with weak references: on a
 * fast upstream that was a few per cent of each request's CPU (bench/README.md).
 */
export function createAttemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // Like `AbortSignal.timeout`, the timer alone does not keep the process alive.
  timer.unref?.();
  const onCallerAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
