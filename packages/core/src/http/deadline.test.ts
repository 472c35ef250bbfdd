import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamError } from '../errors/upstream-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { createHttpClient } from './create-http-client';
import { setSignalDeadline, timeLeftMs, untilAborted } from './deadline';
import { createTokenBucket } from './token-bucket';
import { createWindowLimiter } from './window-limiter';

const origin = 'https://api.acme.test';
const schema = z.object({ id: z.number() });

/** A signal that aborts after `ms`, with that deadline set on it, as the gateway makes for a request. */
function deadlineIn(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  setSignalDeadline(signal, Date.now() + ms);
  return signal;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('signal deadlines', () => {
  it('tell how long a signal has left, and nothing for a signal without one', () => {
    const signal = new AbortController().signal;
    expect(timeLeftMs(signal)).toBeUndefined();
    expect(timeLeftMs(undefined)).toBeUndefined();
    setSignalDeadline(signal, Date.now() + 60_000);
    expect(timeLeftMs(signal)).toBeGreaterThan(59_000);
  });

  it('untilAborted rejects with the reason as soon as the signal aborts, even if the work never ends', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => undefined);
    const waiting = failure(untilAborted(never, controller.signal));
    controller.abort(new Error('the deadline passed'));
    expect(await waiting).toStrictEqual(new Error('the deadline passed'));
  });
});

describe('the token bucket under a deadline', () => {
  it('refuses at once, with the wait as Retry-After, a request whose turn would come after its deadline', async () => {
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 0.5 });
    await bucket.acquire(1);
    const signal = deadlineIn(1_000);
    const error = await failure(bucket.acquire(1, signal));
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(2);
    expect(signal.aborted).toBe(false);
  });

  it('counts the requests queued ahead in the wait', async () => {
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 10 });
    await bucket.acquire(1);
    // Three turns queued ahead, each 100 ms: a fourth request has 400 ms to wait.
    const ahead = [1, 2, 3].map(() => bucket.acquire(1));
    const error = await failure(bucket.acquire(1, deadlineIn(250)));
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(1);
    await Promise.all(ahead);
    await expect(bucket.acquire(1, deadlineIn(5_000))).resolves.toBeUndefined();
  });
});

describe('the window limiter under a deadline', () => {
  it('refuses at once, with the wait as Retry-After, a request whose window would open after its deadline', async () => {
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000 });
    // The platform announces its quota used up for 5 s more.
    limiter.sync({ remaining: 0, resetInMs: 5_000 });
    const signal = deadlineIn(1_000);
    const error = await failure(limiter.acquire(1, signal));
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(5);
    expect(signal.aborted).toBe(false);
  });

  it('counts the requests queued ahead in the wait, window by window', async () => {
    const limiter = createWindowLimiter({ quota: 1, windowMs: 300 });
    await limiter.acquire(1);
    // Two turns queued ahead take the next two windows: a fourth request waits for the third, ~900 ms.
    const ahead = [1, 2].map(() => limiter.acquire(1));
    const error = await failure(limiter.acquire(1, deadlineIn(700)));
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(1);
    await Promise.all(ahead);
    await expect(limiter.acquire(1, deadlineIn(5_000))).resolves.toBeUndefined();
  });

  it('gives a turn that comes before the deadline, leaving time for the request', async () => {
    const limiter = createWindowLimiter({ quota: 1, windowMs: 100 });
    await limiter.acquire(1);
    await expect(limiter.acquire(1, deadlineIn(2_000))).resolves.toBeUndefined();
    expect(limiter.remaining()).toBe(0);
  });
});

describe('the HTTP client under a deadline', () => {
  const client = (headers?: () => Promise<Record<string, string>>) =>
    createHttpClient({
      platform: 'acme',
      baseUrl: origin,
      ...(headers ? { headers } : {}),
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 10_000 },
    });

  it('does not wait for a retry that would start after the deadline: the last failure is answered at once', async () => {
    nock(origin).get('/items/1').reply(503, 'busy', { 'retry-after': '5' });
    const signal = deadlineIn(2_000);
    const error = await failure(client().get('/items/1', { schema, signal }));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).upstreamStatus).toBe(503);
    expect(signal.aborted).toBe(false);
  });

  it('answers a 429 whose Retry-After outlasts the deadline at once, with that wait', async () => {
    nock(origin).get('/items/1').reply(429, 'slow down', { 'retry-after': '4' });
    const signal = deadlineIn(2_000);
    const error = await failure(client().get('/items/1', { schema, signal }));
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(4);
    expect(signal.aborted).toBe(false);
  });

  it('stops waiting for headers (a token endpoint) when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = failure(
      client(() => new Promise<never>(() => undefined)).get('/items/1', {
        schema,
        signal: controller.signal,
      }),
    );
    controller.abort(new Error('the client went away'));
    expect(await pending).toStrictEqual(new Error('the client went away'));
  });
});
