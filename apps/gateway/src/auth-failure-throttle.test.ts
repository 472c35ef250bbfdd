import { UpstreamRateLimitedError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { createAuthFailureThrottle } from './auth-failure-throttle';

function throttleAt(start: number) {
  let time = start;
  const throttle = createAuthFailureThrottle({ maxConsecutiveFailures: 3, blockMs: 60_000, now: () => time });
  return { throttle, advance: (ms: number) => (time += ms) };
}

function refusal(run: () => void): UpstreamRateLimitedError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (UpstreamRateLimitedError.isInstance(error)) return error;
    throw error;
  }
}

describe('the authentication failure throttle', () => {
  it('refuses a client from its n-th consecutive failure, saying how long to wait', () => {
    const { throttle, advance } = throttleAt(1_000);
    throttle.assertMayTry('203.0.113.5');
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => throttle.failed('203.0.113.5'))?.retryAfterSeconds).toBe(60);
    advance(20_500);
    expect(refusal(() => throttle.assertMayTry('203.0.113.5'))?.retryAfterSeconds).toBe(40);
    expect(refusal(() => throttle.assertMayTry('198.51.100.7'))).toBeUndefined();
  });

  it('gives one more try once the wait is over, and blocks again on its failure', () => {
    const { throttle, advance } = throttleAt(0);
    for (let attempt = 0; attempt < 2; attempt += 1) throttle.failed('203.0.113.5');
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeDefined();
    advance(60_000);
    expect(refusal(() => throttle.assertMayTry('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => throttle.failed('203.0.113.5'))?.retryAfterSeconds).toBe(60);
  });

  it('forgets the failures of a client that succeeds', () => {
    const { throttle } = throttleAt(0);
    throttle.failed('203.0.113.5');
    throttle.failed('203.0.113.5');
    throttle.succeeded('203.0.113.5');
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => throttle.failed('203.0.113.5'))).toBeDefined();
  });
});
