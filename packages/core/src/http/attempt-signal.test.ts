import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttemptSignal } from './attempt-signal';

describe('createAttemptSignal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with a TimeoutError once its time runs out, and says so', () => {
    vi.useFakeTimers();
    const attempt = createAttemptSignal(undefined, 1_000);
    vi.advanceTimersByTime(999);
    expect(attempt.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(attempt.signal.aborted).toBe(true);
    expect((attempt.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(attempt.timedOut()).toBe(true);
  });

  it("aborts with the caller's reason when the caller aborts, which is not a timeout", () => {
    const caller = new AbortController();
    const attempt = createAttemptSignal(caller.signal, 1_000);
    const reason = new Error('client gone');
    caller.abort(reason);
    expect(attempt.signal.reason).toBe(reason);
    expect(attempt.timedOut()).toBe(false);
    attempt.release();
  });

  it('starts aborted when the caller already is', () => {
    const caller = new AbortController();
    caller.abort(new Error('before'));
    const attempt = createAttemptSignal(caller.signal, 1_000);
    expect(attempt.signal.aborted).toBe(true);
    attempt.release();
  });

  it('once released, neither the timer nor the caller aborts it', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const attempt = createAttemptSignal(caller.signal, 1_000);
    attempt.release();
    caller.abort(new Error('later'));
    vi.advanceTimersByTime(5_000);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut()).toBe(false);
  });
});
