import {
  InvalidRequestError,
  NotFoundError,
  type UnicartError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { isJumpsellerThrottled, jumpsellerThrottleWaitSeconds } from './jumpseller-rate-limit';

function messageOf(body: unknown): string | null {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.trim() !== '' ? message : null;
}

/**
 * Jumpseller's error replies → core errors (sheet §10). Throttling comes first: a 429, or a 403
 * that says "Rate Limit Exceeded" or carries an exhausted rate-limit header, is a wait, never a
 * credential failure (sheet §9). Any other 401 or 403 is a refusal of the credentials or their
 * permissions; `undefined` keeps core's status-based default (5xx, 400).
 */
export function classifyJumpsellerFailure(reply: UpstreamReply): UnicartError | undefined {
  const platform = 'jumpseller';
  if (isJumpsellerThrottled(reply)) {
    return new UpstreamRateLimitedError('Jumpseller is rate limiting this store', {
      platform,
      retryAfterSeconds: jumpsellerThrottleWaitSeconds(reply.headers),
    });
  }
  if (reply.status === 401) {
    return new UpstreamUnauthorizedError('Jumpseller rejected the store login or auth token (HTTP 401)', {
      platform,
    });
  }
  if (reply.status === 403) {
    return new UpstreamUnauthorizedError(
      'Jumpseller refused the store credentials this operation (HTTP 403)',
      {
        platform,
      },
    );
  }
  if (reply.status === 404) return new NotFoundError('Jumpseller has no such customer', { platform });
  if (reply.status === 422) {
    // Validation texts name fields, not values ("Email has already been taken").
    const message = messageOf(reply.body) ?? 'Validation failed';
    return new InvalidRequestError(`Jumpseller refused the customer: ${message}`, { platform });
  }
  return undefined;
}
