import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from './window-limiter';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createWindowLimiter', () => {
  it('lets the quota through at once, then waits for the window to reset', async () => {
    const limiter = createWindowLimiter({ quota: 3, windowMs: 40 });
    const startedAt = Date.now();
    for (let request = 0; request < 3; request += 1) await limiter.acquire(1);
    expect(Date.now() - startedAt).toBeLessThan(30);
    await limiter.acquire(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(35);
  });

  it("adopts the platform's lower figure within the same window (other apps share the quota)", () => {
    const time = clock();
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000, now: time.now });
    void limiter.acquire(1);
    time.advance(100);
    limiter.sync({ remaining: 20, resetInMs: 29_900 });
    expect(limiter.remaining()).toBe(20);
  });

  it('keeps requests sent but not yet answered counted against the announced figure', async () => {
    const time = clock();
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000, now: time.now });
    for (let request = 0; request < 4; request += 1) await limiter.acquire(1);
    // The first of the four is answered: the platform counted it, the three others are still under way.
    limiter.sync({ remaining: 149, resetInMs: 30_000 });
    expect(limiter.remaining()).toBe(146);
  });

  it('takes the figure of a quota other than the one assumed, within the same window', async () => {
    const time = clock();
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000, now: time.now });
    await limiter.acquire(1);
    limiter.sync({ remaining: 449, resetInMs: 30_000, quota: 450 });
    expect(limiter.remaining()).toBe(449);
  });

  it("moves to the platform's window, quota and reset time when it announces a later one", async () => {
    const time = clock();
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000, now: time.now });
    await limiter.acquire(1);
    time.advance(20_000);
    limiter.sync({ remaining: 449, resetInMs: 29_000, quota: 450, windowMs: 30_000 });
    expect(limiter.remaining()).toBe(449);
    time.advance(29_000);
    expect(limiter.remaining()).toBe(450);
  });

  it('waits for the announced reset once the platform says nothing is left', async () => {
    const limiter = createWindowLimiter({ quota: 150, windowMs: 30_000 });
    limiter.sync({ remaining: 0, resetInMs: 40 });
    const startedAt = Date.now();
    await limiter.acquire(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(35);
  });

  it('stops waiting when the signal aborts', async () => {
    const limiter = createWindowLimiter({ quota: 1, windowMs: 60_000 });
    await limiter.acquire(1);
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
  });
});
