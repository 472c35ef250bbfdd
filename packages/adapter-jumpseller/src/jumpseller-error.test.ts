import {
  InvalidRequestError,
  NotFoundError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { classifyJumpsellerFailure } from './jumpseller-error';

function reply(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamReply {
  return { method: 'GET', path: '/customers.json', status, headers: new Headers(headers), body };
}

const windowsLeft = (second: number, minute: number) => ({
  'Jumpseller-PerMinuteRateLimit-Limit': '800',
  'Jumpseller-PerMinuteRateLimit-Remaining': String(minute),
  'Jumpseller-PerSecondRateLimit-Limit': '20',
  'Jumpseller-PerSecondRateLimit-Remaining': String(second),
});

function waitOf(error: unknown): number {
  expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
  return (error as UpstreamRateLimitedError).retryAfterSeconds;
}

describe('classifyJumpsellerFailure', () => {
  it('takes a 429 for throttling, waiting a second when the second is spent', () => {
    expect(waitOf(classifyJumpsellerFailure(reply(429, 'Rate Limit Exceeded', windowsLeft(0, 700))))).toBe(1);
  });

  it('waits the whole minute when the minute is spent', () => {
    expect(waitOf(classifyJumpsellerFailure(reply(429, 'Rate Limit Exceeded', windowsLeft(5, 0))))).toBe(60);
  });

  it('waits until a ban ends', () => {
    const inNinetySeconds = new Date(Date.now() + 90_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const wait = waitOf(
      classifyJumpsellerFailure(reply(429, '', { 'Jumpseller-BannedByRateLimit-Reset': inNinetySeconds })),
    );
    expect(wait).toBeGreaterThanOrEqual(89);
    expect(wait).toBeLessThanOrEqual(90);
  });

  it('takes the older 403 "Rate Limit Exceeded" for throttling too, never for a credential failure', () => {
    expect(waitOf(classifyJumpsellerFailure(reply(403, 'Rate Limit Exceeded')))).toBe(1);
    expect(waitOf(classifyJumpsellerFailure(reply(403, '', windowsLeft(0, 12))))).toBe(1);
    expect(waitOf(classifyJumpsellerFailure(reply(403, { message: 'Forbidden' }, windowsLeft(7, 0))))).toBe(
      60,
    );
  });

  it('takes any other 403, and a 401, for a refusal of the credentials', () => {
    const forbidden = classifyJumpsellerFailure(reply(403, { message: 'Forbidden' }, windowsLeft(19, 799)));
    expect(UpstreamUnauthorizedError.isInstance(forbidden)).toBe(true);
    expect(
      UpstreamUnauthorizedError.isInstance(
        classifyJumpsellerFailure(reply(401, { message: 'Unauthorized' })),
      ),
    ).toBe(true);
  });

  it('maps 404 to not found and 422 to an invalid request carrying Jumpseller’s reason', () => {
    expect(
      NotFoundError.isInstance(classifyJumpsellerFailure(reply(404, { message: 'Customer not found' }))),
    ).toBe(true);
    const invalid = classifyJumpsellerFailure(
      reply(422, { message: 'Validation failed: Email has already been taken' }),
    );
    expect(InvalidRequestError.isInstance(invalid)).toBe(true);
    expect((invalid as InvalidRequestError).message).toBe(
      'Jumpseller refused the customer: Validation failed: Email has already been taken',
    );
  });

  it('leaves 400 and 5xx to core’s defaults', () => {
    expect(classifyJumpsellerFailure(reply(400, { message: 'param is missing' }))).toBeUndefined();
    expect(classifyJumpsellerFailure(reply(500, '<!DOCTYPE html>'))).toBeUndefined();
  });
});
