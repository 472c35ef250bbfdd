import { describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from './parse-retry-after';
import { redactSecrets } from './redact';
import { backoffDelayMs, defaultRetryOptions } from './retry-delay';
import { createTokenBucket } from './token-bucket';

describe('backoffDelayMs', () => {
  it('draws from zero up to base × 2^attempt (full jitter)', () => {
    expect(backoffDelayMs(0, defaultRetryOptions, () => 0.999)).toBe(249);
    expect(backoffDelayMs(3, defaultRetryOptions, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(2, defaultRetryOptions, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelayMs(30, defaultRetryOptions, () => 0.999_999)).toBeLessThan(8_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('1.5')).toBe(1_500);
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores missing and unreadable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it('scrubs secrets and their URL-encoded forms', () => {
    expect(redactSecrets('a cs_1+2/3 b cs_1%2B2%2F3', ['cs_1+2/3'])).toBe('a [redacted] b [redacted]');
  });
});

describe('createTokenBucket', () => {
  it('lets a burst through, then paces to the refill rate', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const bucket = createTokenBucket({ capacity: 2, refillPerSecond: 10, now: () => now });
      const granted: number[] = [];
      const all = [1, 2, 3, 4].map((index) => bucket.acquire(1).then(() => granted.push(index)));
      await vi.advanceTimersByTimeAsync(0);
      expect(granted).toStrictEqual([1, 2]);
      now = 100;
      await vi.advanceTimersByTimeAsync(100);
      expect(granted).toStrictEqual([1, 2, 3]);
      now = 200;
      await vi.advanceTimersByTimeAsync(100);
      await Promise.all(all);
      expect(granted).toStrictEqual([1, 2, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("adopts the platform's own figures when synced", () => {
    const bucket = createTokenBucket({ capacity: 1_000, refillPerSecond: 50, now: () => 0 });
    bucket.sync({ available: 40, capacity: 2_000, refillPerSecond: 100 });
    expect(bucket.available()).toBe(40);
  });

  it('stops waiting when the signal aborts', async () => {
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 0.001 });
    await bucket.acquire(1);
    const controller = new AbortController();
    const waiting = bucket.acquire(1, controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
  });
});
