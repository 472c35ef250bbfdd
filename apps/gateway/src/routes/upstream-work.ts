import { setSignalDeadline, UpstreamTimeoutError, untilAborted } from '@unicart/core';
import type { FastifyReply } from 'fastify';
import { ClientClosedRequestError, GatewayShutdownError } from '../errors';

/** What every request's upstream work is bounded by. */
export interface UpstreamWorkOptions {
  /** `UNICART_UPSTREAM_DEADLINE_MS`: the time a request may spend on upstream work. */
  readonly deadlineMs: number;
  /** Aborts when the gateway begins to shut down: exports end with an error line at once. */
  readonly closing: AbortSignal;
  /** Aborts when the gateway stops waiting for requests in flight: every request's work ends. */
  readonly stopped: AbortSignal;
}

/** The upstream work of one request: one signal that the client, the deadline and a shutdown end. */
export interface UpstreamWork {
  readonly signal: AbortSignal;
  /** Runs an adapter call; rejects as soon as the signal aborts, whatever the call is waiting on. */
  run<Value>(call: (options: { signal: AbortSignal }) => Promise<Value>): Promise<Value>;
  /**
   * For exports, whose deadline counts only the time spent waiting on the platform: stops the
   * clock while the export waits for its client; `resume` starts a full deadline again.
   */
  pause(): void;
  resume(): void;
}

/**
 * Starts the upstream work of the request `reply` answers. The deadline's error names the platform,
 * so it answers like any platform timeout (504 `upstream_timeout`); a client that went away ends it
 * with `ClientClosedRequestError`, a shutdown with `GatewayShutdownError` (at once for an export).
 */
export function startUpstreamWork(
  reply: FastifyReply,
  platform: string,
  options: UpstreamWorkOptions & { readonly export?: boolean },
): UpstreamWork {
  const controller = new AbortController();
  const { signal } = controller;
  // One timer for the whole request: `resume` and `pause` only move `waitingSince`, because an
  // export resumes and pauses around every customer and a timer each time was a good part of its
  // garbage (bench/README.md). When the timer fires before the current wait is due, it re-arms.
  let timer: NodeJS.Timeout | undefined;
  let waitingSince: number | undefined;
  const end = (reason: Error) => {
    clearTimeout(timer);
    timer = undefined;
    waitingSince = undefined;
    if (!signal.aborted) controller.abort(reason);
  };
  const arm = (ms: number) => {
    timer = setTimeout(onTimer, ms);
    timer.unref();
  };
  function onTimer() {
    timer = undefined;
    if (waitingSince === undefined) return;
    const leftMs = waitingSince + options.deadlineMs - Date.now();
    if (leftMs > 0) {
      arm(leftMs);
      return;
    }
    end(
      new UpstreamTimeoutError(
        `${platform} did not finish within the gateway deadline of ${options.deadlineMs} ms (UNICART_UPSTREAM_DEADLINE_MS)`,
        { platform },
      ),
    );
  }
  const resume = () => {
    if (signal.aborted) return;
    waitingSince = Date.now();
    if (timer === undefined) arm(options.deadlineMs);
    setSignalDeadline(signal, waitingSince + options.deadlineMs);
  };
  resume();

  const onClosing = () => end(new GatewayShutdownError());
  const endsAt = options.export === true ? options.closing : options.stopped;
  if (endsAt.aborted) onClosing();
  else endsAt.addEventListener('abort', onClosing, { once: true });
  reply.raw.once('close', () => {
    endsAt.removeEventListener('abort', onClosing);
    if (reply.raw.writableFinished) clearTimeout(timer);
    else end(new ClientClosedRequestError());
  });

  return {
    signal,
    run: (call) => untilAborted(call({ signal }), signal),
    pause: () => {
      waitingSince = undefined;
      setSignalDeadline(signal, Number.POSITIVE_INFINITY);
    },
    resume,
  };
}
