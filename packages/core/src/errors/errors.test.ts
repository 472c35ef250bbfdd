import { describe, expect, it } from 'vitest';
import {
  FilterNotSupportedError,
  InvalidRequestError,
  NotFoundError,
  OperationNotSupportedError,
  UnauthorizedError,
  UnicartError,
  UpstreamError,
  UpstreamInvalidResponseError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnauthorizedError,
} from './index';

describe('errors', () => {
  it.each([
    [new InvalidRequestError('bad'), 'invalid_request', 400],
    [new FilterNotSupportedError('name', 'woocommerce'), 'filter_not_supported', 400],
    [new OperationNotSupportedError('delete', 'ecwid'), 'resource_not_available', 400],
    [new UnauthorizedError('no token'), 'unauthorized', 401],
    [new NotFoundError('none'), 'not_found', 404],
    [new UpstreamUnauthorizedError('rejected'), 'upstream_unauthorized', 424],
    [new UpstreamRateLimitedError('slow down', { retryAfterSeconds: 2 }), 'rate_limited', 429],
    [new UpstreamError('boom'), 'upstream_error', 502],
    [new UpstreamInvalidResponseError('garbage'), 'upstream_error', 502],
    [new UpstreamTimeoutError('late'), 'upstream_timeout', 504],
  ] as const)('%s maps to %s / %i', (error, code, status) => {
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(UnicartError.isInstance(error)).toBe(true);
    expect(error.name).toBe(error.constructor.name);
  });

  it('recognises errors by marker, so a second copy of core agrees', () => {
    const fromOtherCopy = Object.assign(new Error('x'), {
      [Symbol.for('unicart.error')]: true,
      [Symbol.for('unicart.error.NotFoundError')]: true,
    });
    expect(NotFoundError.isInstance(fromOtherCopy)).toBe(true);
    expect(UnicartError.isInstance(fromOtherCopy)).toBe(true);
    expect(UpstreamError.isInstance(fromOtherCopy)).toBe(false);
  });

  it('keeps subclasses apart', () => {
    const invalid = new UpstreamInvalidResponseError('garbage');
    expect(UpstreamError.isInstance(invalid)).toBe(true);
    expect(UpstreamInvalidResponseError.isInstance(new UpstreamError('boom'))).toBe(false);
  });

  it('names the filter and the platform', () => {
    const error = new FilterNotSupportedError('updatedAt[from]', 'woocommerce');
    expect(error.message).toBe("The filter 'updatedAt[from]' is not supported by woocommerce");
    expect(error.platform).toBe('woocommerce');
  });

  it('rounds a retry delay up to whole seconds, at least one', () => {
    expect(new UpstreamRateLimitedError('x', { retryAfterSeconds: 0.2 }).retryAfterSeconds).toBe(1);
    expect(new UpstreamRateLimitedError('x', { retryAfterSeconds: 2.1 }).retryAfterSeconds).toBe(3);
  });
});
