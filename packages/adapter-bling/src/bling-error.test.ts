import {
  InvalidRequestError,
  NotFoundError,
  UpstreamError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { classifyBlingFailure, secondsUntilNextBlingDay } from './bling-error';

const reply = (status: number, body: unknown): UpstreamReply => ({
  method: 'GET',
  path: '/contatos',
  status,
  headers: new Headers(),
  body,
});

describe('classifyBlingFailure', () => {
  it('reads a per-second 429 as a one-second wait', () => {
    const error = classifyBlingFailure(
      reply(429, {
        error: {
          type: 'TOO_MANY_REQUESTS',
          message: 'Limite de requisições atingido.',
          limit: 3,
          period: 'second',
        },
      }),
    );
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(1);
  });

  it('reads the daily quota as a wait until midnight in São Paulo', () => {
    const now = Date.parse('2026-12-04T20:00:00Z');
    const error = classifyBlingFailure(
      reply(429, { error: { type: 'TOO_MANY_REQUESTS', limit: 120000, period: 'day' } }),
      () => now,
    );
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(7 * 3600);
    expect(secondsUntilNextBlingDay(Date.parse('2026-12-31T02:59:59Z'))).toBe(1);
  });

  it.each([
    [401, { error: { type: 'invalid_token', description: 'The access token provided is invalid' } }],
    [403, { error: { type: 'FORBIDDEN' } }],
    [400, { error: { type: 'invalid_grant', description: 'Invalid refresh token' } }],
    [400, { error: { type: 'invalid_client', description: 'The client credentials are invalid' } }],
  ])('reads HTTP %i %j as dead credentials (424)', (status, body) => {
    expect(UpstreamUnauthorizedError.isInstance(classifyBlingFailure(reply(status, body)))).toBe(true);
  });

  it('reads 404 RESOURCE_NOT_FOUND as not found', () => {
    const body = { error: { type: 'RESOURCE_NOT_FOUND', message: 'Recurso não encontrado' } };
    expect(NotFoundError.isInstance(classifyBlingFailure(reply(404, body)))).toBe(true);
  });

  it('names the refused fields of a validation error, never their messages', () => {
    const error = classifyBlingFailure(
      reply(400, {
        error: {
          type: 'VALIDATION_ERROR',
          message: 'Não foi possível salvar o contato',
          fields: [
            { code: 11, msg: 'O e-mail ana@@example é inválido.', element: 'email', namespace: 'CONTATOS' },
          ],
        },
      }),
    ) as InvalidRequestError;
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Bling refused the contact (fields: email)');
    expect(error.message).not.toContain('ana@@example');
  });

  it('reads an empty or invalid request body as an adapter bug (502), not the caller’s fault', () => {
    const error = classifyBlingFailure(reply(400, { error: { type: 'INVALID_REQUEST_BODY' } }));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).retryable).toBe(false);
  });

  it('leaves 5xx and proxy pages to core’s defaults', () => {
    expect(classifyBlingFailure(reply(502, '<html>Bad Gateway</html>'))).toBeUndefined();
  });
});
