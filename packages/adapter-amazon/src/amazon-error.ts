import {
  NotFoundError,
  type UnicartError,
  UpstreamError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { amazonErrorBodySchema, amazonTokenErrorSchema } from './amazon-api';

const platform = 'amazon';

/** Login with Amazon's `error` values that mean the seller must authorize again (sheet §1.2). */
const deadGrantErrors = new Set([
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'access_denied',
  'invalid_scope',
]);

/** The `details` of a 403 that a new access token cures (sheet §1.3). */
const renewableTokenDetails = [
  'The access token you provided has expired.',
  'The access token you provided is revoked, malformed or invalid.',
];

function firstError(reply: UpstreamReply) {
  const parsed = amazonErrorBodySchema.safeParse(reply.body);
  return parsed.success ? parsed.data.errors[0] : undefined;
}

/** Whether a 403 says the access token itself expired or was refused, so a new one may pass (sheet §1.3). */
export function isRenewableTokenRejection(reply: UpstreamReply): boolean {
  const details = firstError(reply)?.details ?? '';
  return reply.status === 403 && renewableTokenDetails.includes(details);
}

/**
 * The wait after a 429: Amazon sends no Retry-After (sheet §8), so one token of the operation's
 * bucket (`1 / rate` seconds from its last `x-amzn-RateLimit-Limit`), never under 1.5 s.
 */
export function throttledWaitSeconds(ratePerSecond: number | null): number {
  const refill = ratePerSecond !== null && ratePerSecond > 0 ? 1 / ratePerSecond : 0;
  return Math.max(1.5, Math.ceil(refill * 10) / 10);
}

/**
 * Amazon's failures (sheet §1.2, §1.3, §8, §9): 429 `QuotaExceeded` is throttling waited on for a
 * token of the bucket; 403 `Unauthorized` and Login with Amazon's dead grants are rejected
 * credentials, as is a 400 that names a missing role; 404 an unknown order; other 4xx a request
 * Amazon refused (a bug, never retried). 5xx keep core's default (retried).
 */
export function classifyAmazonFailure(
  reply: UpstreamReply,
  ratePerSecond: number | null,
): UnicartError | undefined {
  const where = `${reply.method} ${reply.path}`;
  if (reply.status === 429) {
    return new UpstreamRateLimitedError('Amazon is throttling this seller (QuotaExceeded)', {
      platform,
      retryAfterSeconds: throttledWaitSeconds(ratePerSecond),
    });
  }
  const grant = amazonTokenErrorSchema.safeParse(reply.body);
  if (grant.success && reply.status < 500) {
    if (deadGrantErrors.has(grant.data.error)) {
      return new UpstreamUnauthorizedError(
        `Login with Amazon refused the store's credentials (${grant.data.error})`,
        { platform },
      );
    }
    return new UpstreamError(`Login with Amazon answered ${grant.data.error} on ${where}`, {
      platform,
      upstreamStatus: reply.status,
      retryable: false,
    });
  }
  const error = firstError(reply);
  if (reply.status === 401 || reply.status === 403) {
    const reason = error?.details ? `: ${error.details}` : ' (the application may lack a role)';
    return new UpstreamUnauthorizedError(`Amazon denied access to ${where}${reason}`, { platform });
  }
  if (reply.status === 400 && /do not have access/i.test(error?.message ?? '')) {
    return new UpstreamUnauthorizedError(`Amazon: the application lacks a role for ${where}`, { platform });
  }
  if (reply.status === 404) {
    return new NotFoundError(`Amazon has no such resource (${where})`, { platform });
  }
  if (reply.status >= 400 && reply.status < 500) {
    return new UpstreamError(
      `Amazon answered HTTP ${reply.status} ${error?.code ?? ''} on ${where}`.replace('  ', ' '),
      { platform, upstreamStatus: reply.status, retryable: false },
    );
  }
  return undefined;
}
