import {
  type HttpMethod,
  InvalidRequestError,
  NotFoundError,
  UpstreamError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { classifyEcwidFailure, ecwidErrorCode, whenEcwidCurrencyUnavailable } from './ecwid-error';

const token = 'secret_abcdef123456';

function reply(status: number, body: unknown, method: HttpMethod = 'GET'): UpstreamReply {
  return { method, path: '/api/v3/1003/customers/7', status, headers: new Headers(), body };
}

const classify = (status: number, body: unknown, method?: HttpMethod) =>
  classifyEcwidFailure(reply(status, body, method), [token]);

describe('classifyEcwidFailure', () => {
  it('maps 403 INVALID_API_TOKEN to UpstreamUnauthorizedError', () => {
    const error = classify(403, { errorMessage: 'Token is invalid', errorCode: 'INVALID_API_TOKEN' });
    expect(UpstreamUnauthorizedError.isInstance(error) && error.message).toBe(
      'Ecwid rejected the access token (INVALID_API_TOKEN)',
    );
  });

  it('maps 403 INSUFFICIENT_APP_SCOPE to UpstreamUnauthorizedError naming the missing scope', () => {
    const error = classify(403, { errorMessage: 'No scope', errorCode: 'INSUFFICIENT_APP_SCOPE' });
    expect(UpstreamUnauthorizedError.isInstance(error) && ecwidErrorCode(error)).toBe(
      'INSUFFICIENT_APP_SCOPE',
    );
  });

  it('maps 404 STORE_NOT_FOUND to UpstreamUnauthorizedError, not to a missing customer', () => {
    const error = classify(404, { errorMessage: 'Store not found', errorCode: 'STORE_NOT_FOUND' });
    expect(UpstreamUnauthorizedError.isInstance(error) && error.status).toBe(424);
  });

  it("maps a customer's 404 to NotFoundError", () => {
    const error = classify(404, { errorMessage: 'Customer #7 not found' });
    expect(NotFoundError.isInstance(error) && error.message).toBe(
      'Ecwid found no such record: Customer #7 not found',
    );
  });

  it('maps a 400 on a write to InvalidRequestError quoting Ecwid', () => {
    const error = classify(
      400,
      { errorMessage: 'Language xx is not enabled', errorCode: 'WRONG_PARAMETER' },
      'PUT',
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer', message: 'was refused by Ecwid: Language xx is not enabled' },
    ]);
  });

  it('maps a 409 on a write to InvalidRequestError on the email already in use', () => {
    const error = classify(409, { errorMessage: 'Email is already used' }, 'POST');
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.email', message: 'is already used by another Ecwid customer' },
    ]);
  });

  it("maps a 400 on a read to UpstreamError: the adapter's request, not the caller's input", () => {
    const error = classify(400, { errorMessage: 'Wrong sortBy', errorCode: 'WRONG_PARAMETER' });
    expect(UpstreamError.isInstance(error) && error.upstreamStatus).toBe(400);
  });

  it('maps 402 (suspended store or plan) to a non-retryable UpstreamError', () => {
    const error = classify(402, { errorMessage: 'Suspended', errorCode: 'STORE_IS_SUSPENDED' });
    expect(UpstreamError.isInstance(error) && [error.message, error.retryable]).toStrictEqual([
      "Ecwid refused the store's request (STORE_IS_SUSPENDED): Suspended",
      false,
    ]);
  });

  it("leaves 429 to core's retry and rate-limit handling", () => {
    expect(classify(429, { errorMessage: 'Too many requests', errorCode: 'RATE_LIMITED' })).toBeUndefined();
  });

  it("leaves 5xx, with or without a body, to core's retry and upstream error", () => {
    expect([
      classify(500, { errorCode: 'INTERNAL_ERROR' }),
      classify(503, '<html>down</html>'),
    ]).toStrictEqual([undefined, undefined]);
  });

  it('leaves 408 to core, which reports a timeout', () => {
    expect(classify(408, { errorCode: 'TIMEOUT' })).toBeUndefined();
  });

  it('classifies a body that is not JSON by its status alone', () => {
    expect(NotFoundError.isInstance(classify(404, 'Not Found'))).toBe(true);
  });

  it('scrubs the access token from the Ecwid message it quotes', () => {
    const error = classify(400, { errorMessage: `Bad token ${token} in body` }, 'POST');
    expect(error?.message).toBe('Ecwid refused the customer (HTTP 400): Bad token [redacted] in body');
  });
});

describe('whenEcwidCurrencyUnavailable', () => {
  it('remembers null when the token lacks the read_store_profile scope', () => {
    const missingScope = new UpstreamUnauthorizedError('no scope', {
      platform: 'ecwid',
      cause: { errorCode: 'INSUFFICIENT_APP_SCOPE' },
    });
    expect(whenEcwidCurrencyUnavailable(missingScope)).toBe('remember');
  });

  it('fails the call when the token itself is rejected, or on any other failure', () => {
    const rejected = new UpstreamUnauthorizedError('bad token', {
      platform: 'ecwid',
      cause: { errorCode: 'INVALID_API_TOKEN' },
    });
    expect(whenEcwidCurrencyUnavailable(rejected)).toBe('fail');
    expect(whenEcwidCurrencyUnavailable(new UpstreamError('down', { platform: 'ecwid' }))).toBe('fail');
  });
});
