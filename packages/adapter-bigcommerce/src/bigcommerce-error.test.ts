import {
  InvalidRequestError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { classifyBigCommerceFailure, readBigCommerceQuota } from './bigcommerce-error';

function reply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  method: UpstreamReply['method'] = 'GET',
): UpstreamReply {
  return { method, path: '/stores/abc123/v3/customers', status, headers: new Headers(headers), body };
}

const quotaHeaders = {
  'X-Rate-Limit-Time-Window-Ms': '30000',
  'X-Rate-Limit-Time-Reset-Ms': '12500',
  'X-Rate-Limit-Requests-Quota': '150',
  'X-Rate-Limit-Requests-Left': '0',
  'X-Retry-After': '13',
};

describe('classifyBigCommerceFailure', () => {
  it('maps 401 and 403 to the credentials', () => {
    const unauthorized = classifyBigCommerceFailure(
      reply(401, { status: 401, title: 'Unauthorized - the v3 Auth client ID or token …', errors: {} }),
    );
    expect(UpstreamUnauthorizedError.isInstance(unauthorized)).toBe(true);
    expect(UpstreamUnauthorizedError.isInstance(classifyBigCommerceFailure(reply(403, {})))).toBe(true);
  });

  it('waits the longer of X-Rate-Limit-Time-Reset-Ms and X-Retry-After after a 429', () => {
    const error = classifyBigCommerceFailure(
      reply(429, { status: 429, title: 'Too many requests' }, quotaHeaders),
    );
    expect(UpstreamRateLimitedError.isInstance(error) && error.retryAfterSeconds).toBe(13);
    const resetLonger = classifyBigCommerceFailure(
      reply(429, {}, { ...quotaHeaders, 'X-Rate-Limit-Time-Reset-Ms': '20001' }),
    );
    expect(UpstreamRateLimitedError.isInstance(resetLonger) && resetLonger.retryAfterSeconds).toBe(21);
  });

  it('treats a 429 without quota headers as overload, with a short wait', () => {
    const error = classifyBigCommerceFailure(reply(429, {}));
    expect([UpstreamRateLimitedError.isInstance(error), error?.message]).toStrictEqual([
      true,
      'BigCommerce is overloaded',
    ]);
  });

  it('maps a refused write to InvalidRequestError naming the fields, not their values', () => {
    const error = classifyBigCommerceFailure(
      reply(
        422,
        {
          status: 422,
          title: 'Create customers failed.',
          errors: { '0.email': 'The email address ana@example.com is already in use.' },
        },
        {},
        'POST',
      ),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error?.message).toBe('BigCommerce refused the write (Create customers failed.): invalid 0.email');
    expect(error?.message).not.toContain('ana@example.com');
  });

  it("leaves a 422 on a list (a parameter the adapter built) and server errors to core's defaults", () => {
    expect(classifyBigCommerceFailure(reply(422, { status: 422, title: 'The filter(s) are invalid.' }))).toBe(
      undefined,
    );
    expect(classifyBigCommerceFailure(reply(500, { status: 500, title: 'Internal Server Error' }))).toBe(
      undefined,
    );
  });
});

describe('readBigCommerceQuota', () => {
  it('reads the announced window, case-insensitively', () => {
    expect(
      readBigCommerceQuota(reply(200, {}, { ...quotaHeaders, 'X-Rate-Limit-Requests-Left': '149' })),
    ).toStrictEqual({ remaining: 149, resetInMs: 12_500, quota: 150, windowMs: 30_000 });
    expect(readBigCommerceQuota(reply(200, {}))).toBeNull();
  });
});
