import {
  InvalidRequestError,
  NotFoundError,
  type UnicartError,
  UpstreamError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { blingErrorBodySchema } from './bling-api';
import { formatSaoPaulo, saoPauloToUtcMs } from './bling-time';

const platform = 'bling';

function errorOf(reply: UpstreamReply) {
  const parsed = blingErrorBodySchema.safeParse(reply.body);
  return parsed.success ? parsed.data.error : null;
}

/** Seconds until the next midnight in São Paulo, when Bling's daily quota starts again (sheet §8). */
export function secondsUntilNextBlingDay(nowMs: number): number {
  const [date = ''] = formatSaoPaulo(nowMs).split(' ');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const nextMidnight = saoPauloToUtcMs({ year, month, day: day + 1, hour: 0, minute: 0, second: 0 });
  return Math.max(1, Math.ceil((nextMidnight - nowMs) / 1000));
}

/**
 * Bling's failures (sheet §7, §8): throttling is told by `error.type` `TOO_MANY_REQUESTS` (no
 * Retry-After: one second, or until tomorrow for the daily quota), a 401 `invalid_token` by the
 * access token (the adapter renews it once), `invalid_grant`/`invalid_client` from the token
 * endpoint by dead credentials; a validation error names the fields Bling refused.
 */
export function classifyBlingFailure(
  reply: UpstreamReply,
  now: () => number = Date.now,
): UnicartError | undefined {
  const error = errorOf(reply);
  const type = error?.type ?? '';
  if (reply.status === 429 || type === 'TOO_MANY_REQUESTS') {
    const daily = error?.period === 'day';
    return new UpstreamRateLimitedError(
      daily
        ? 'Bling: the daily request quota of this account is spent'
        : 'Bling is rate limiting this account',
      { platform, retryAfterSeconds: daily ? secondsUntilNextBlingDay(now()) : 1 },
    );
  }
  if (reply.status === 401 || reply.status === 403 || type === 'invalid_grant' || type === 'invalid_client') {
    const reason = type === '' ? `HTTP ${reply.status}` : type;
    return new UpstreamUnauthorizedError(`Bling rejected the store's credentials (${reason})`, { platform });
  }
  if (reply.status === 404) {
    return new NotFoundError(`Bling has no such resource (${reply.method} ${reply.path})`, { platform });
  }
  if (reply.status === 400 && (type === 'VALIDATION_ERROR' || type === 'MISSING_REQUIRED_FIELD_ERROR')) {
    // Field names only: the messages may quote the customer's own data.
    const elements = [...new Set((error?.fields ?? []).map((field) => field.element ?? '').filter(Boolean))];
    return new InvalidRequestError(
      `Bling refused the contact${elements.length === 0 ? '' : ` (fields: ${elements.join(', ')})`}`,
      {
        platform,
        issues: elements.map((element) => ({ path: `native.${element}`, message: 'refused by Bling' })),
      },
    );
  }
  if (reply.status >= 400 && reply.status < 500) {
    return new UpstreamError(`Bling answered HTTP ${reply.status} ${type} on ${reply.method} ${reply.path}`, {
      platform,
      upstreamStatus: reply.status,
      retryable: false,
    });
  }
  return undefined;
}

/** Whether a reply says the access token itself was refused, which a renewed token may cure. */
export function isRejectedAccessToken(reply: UpstreamReply): boolean {
  return reply.status === 401;
}
