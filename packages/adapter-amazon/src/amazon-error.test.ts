import { describe, expect, it } from 'vitest';
import { classifyAmazonFailure, isRenewableTokenRejection, throttledWaitSeconds } from './amazon-error';

const reply = (status: number, body: unknown) => ({
  method: 'GET' as const,
  path: '/orders/2026-01-01/orders',
  status,
  headers: new Headers(),
  body,
});
const spError = (code: string, message: string, details = '') => ({ errors: [{ code, message, details }] });

describe('classifyAmazonFailure', () => {
  it('reads 429 QuotaExceeded as throttling, waiting one token of the bucket (no Retry-After)', () => {
    const error = classifyAmazonFailure(
      reply(429, spError('QuotaExceeded', 'You exceeded your quota for the requested resource.')),
      0.0056,
    );
    expect(error?.code).toBe('rate_limited');
    // 1 / 0.0056 = 178.57 s, carried in whole seconds (Retry-After).
    expect((error as { retryAfterSeconds?: number }).retryAfterSeconds).toBe(179);
  });

  it('reads 403 Unauthorized as rejected credentials, and says when a new token may cure it', () => {
    const expired = reply(
      403,
      spError(
        'Unauthorized',
        'Access to requested resource is denied.',
        'The access token you provided has expired.',
      ),
    );
    expect(classifyAmazonFailure(expired, null)?.code).toBe('upstream_unauthorized');
    expect(isRenewableTokenRejection(expired)).toBe(true);
    const role = reply(403, spError('Unauthorized', 'Access to requested resource is denied.'));
    expect(classifyAmazonFailure(role, null)?.code).toBe('upstream_unauthorized');
    expect(isRenewableTokenRejection(role)).toBe(false);
  });

  it("reads Login with Amazon's invalid_grant and invalid_client as rejected credentials", () => {
    const grant = {
      error: 'invalid_grant',
      error_description: 'The request has an invalid grant parameter : refresh_token',
    };
    expect(classifyAmazonFailure(reply(400, grant), null)?.code).toBe('upstream_unauthorized');
    const client = { error: 'invalid_client', error_description: 'Client authentication failed' };
    expect(classifyAmazonFailure(reply(401, client), null)?.code).toBe('upstream_unauthorized');
    const bug = { error: 'invalid_request', error_description: 'missing parameter' };
    expect(classifyAmazonFailure(reply(400, bug), null)).toMatchObject({
      code: 'upstream_error',
      retryable: false,
    });
  });

  it('reads a 400 naming missing access as a missing role, other 400s as a refused request', () => {
    const role = spError('InvalidInput', 'Application do not have access to some or all requested resource');
    expect(classifyAmazonFailure(reply(400, role), null)?.code).toBe('upstream_unauthorized');
    const input = spError(
      'InvalidInput',
      'The input you have submitted is not valid.',
      'Invalid createdAfter',
    );
    expect(classifyAmazonFailure(reply(400, input), null)).toMatchObject({
      code: 'upstream_error',
      retryable: false,
    });
  });

  it('reads 404 as not found and leaves 5xx to the default (retried)', () => {
    expect(classifyAmazonFailure(reply(404, spError('NotFound', '')), null)?.code).toBe('not_found');
    expect(
      classifyAmazonFailure(
        reply(500, spError('InternalFailure', 'We encountered an internal error.')),
        null,
      ),
    ).toBeUndefined();
  });
});

describe('throttledWaitSeconds', () => {
  it('waits 1 / rate seconds, never under 1.5 s', () => {
    expect(throttledWaitSeconds(0.0167)).toBe(59.9);
    expect(throttledWaitSeconds(50)).toBe(1.5);
    expect(throttledWaitSeconds(null)).toBe(1.5);
  });
});
