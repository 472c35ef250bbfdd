import { describe, expect, it } from 'vitest';
import { createJumpsellerLimiter, paceByJumpsellerHeaders } from './jumpseller-rate-limit';

/** Sends as fast as the limiter allows on a fake clock; returns the send times in ms. */
async function sendTimes(count: number): Promise<number[]> {
  let now = 0;
  const limiter = createJumpsellerLimiter(() => now);
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    // Take what is there, else advance the clock to the next token (no real sleeping).
    while (limiter.available() < 1) now += 1;
    await limiter.acquire(1);
    times.push(now);
  }
  return times;
}

function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (const [index, start] of times.entries()) {
    const inWindow = times.slice(index).filter((time) => time < start + windowMs).length;
    most = Math.max(most, inWindow);
  }
  return most;
}

describe('createJumpsellerLimiter', () => {
  it('keeps at most 17 requests in any second and 800 in any minute over a long export', async () => {
    const times = await sendTimes(1_700);
    expect(mostInAnyWindow(times, 1_000)).toBeLessThanOrEqual(17);
    expect(mostInAnyWindow(times, 60_000)).toBeLessThanOrEqual(800);
    // And not much slower than that: 1 700 requests in little over two minutes.
    expect(times.at(-1)).toBeLessThan(131_000);
  });
});

describe('paceByJumpsellerHeaders', () => {
  it('lowers the budget to what Jumpseller reports as left in either window, never raises it', () => {
    const now = 0;
    const limiter = createJumpsellerLimiter(() => now);
    const headers = (second: number, minute: number) =>
      new Headers({
        'Jumpseller-PerSecondRateLimit-Remaining': String(second),
        'Jumpseller-PerMinuteRateLimit-Remaining': String(minute),
      });
    paceByJumpsellerHeaders(limiter, headers(19, 799));
    expect(limiter.available()).toBe(4);
    paceByJumpsellerHeaders(limiter, headers(3, 799));
    expect(limiter.available()).toBe(3);
    paceByJumpsellerHeaders(limiter, headers(15, 1));
    expect(limiter.available()).toBe(1);
    paceByJumpsellerHeaders(limiter, new Headers({ 'Jumpseller-PerSecondRateLimit-Remaining': 'n/a' }));
    expect(limiter.available()).toBe(1);
  });
});
