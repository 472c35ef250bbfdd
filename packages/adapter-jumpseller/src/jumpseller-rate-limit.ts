import { createTokenBucket, type TokenBucket, type UpstreamReply } from '@unicart/core';

const headers = {
  perSecondRemaining: 'jumpseller-persecondratelimit-remaining',
  perMinuteRemaining: 'jumpseller-perminuteratelimit-remaining',
  bannedUntil: 'jumpseller-bannedbyratelimit-reset',
} as const;

function remaining(from: Headers, name: string): number | undefined {
  const value = from.get(name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Whether a reply is Jumpseller throttling: any 429, or a 403 (the older documentation's and the
 * retry example's status) that says "Rate Limit Exceeded", reports an exhausted window or a ban
 * (sheet §9). Any other 403 is a permission refusal.
 */
export function isJumpsellerThrottled(reply: UpstreamReply): boolean {
  if (reply.status === 429) return true;
  if (reply.status !== 403) return false;
  return (
    (typeof reply.body === 'string' && /rate limit exceeded/i.test(reply.body)) ||
    remaining(reply.headers, headers.perSecondRemaining) === 0 ||
    remaining(reply.headers, headers.perMinuteRemaining) === 0 ||
    reply.headers.has(headers.bannedUntil)
  );
}

/**
 * How long to wait before asking again; Jumpseller sends no `Retry-After` (sheet §9): until the ban
 * ends when banned, a whole minute window when the minute is spent, else one second.
 */
export function jumpsellerThrottleWaitSeconds(from: Headers, now: number = Date.now()): number {
  const bannedUntil = Date.parse(from.get(headers.bannedUntil) ?? '');
  if (Number.isFinite(bannedUntil)) return Math.max(1, Math.ceil((bannedUntil - now) / 1000));
  if (remaining(from, headers.perMinuteRemaining) === 0) return 60;
  return 1;
}

/**
 * A limiter that keeps a long iteration inside both sliding windows. A token bucket lets through at
 * most `capacity + rate × T` requests in any T seconds: 4 + 13 = 17 in a second (three spare for the
 * network bunching requests up on the way) and 4 + 60 × 13 = 784 in a minute, so 780 requests a
 * minute at full speed.
 */
export function createJumpsellerLimiter(now?: () => number): TokenBucket {
  return createTokenBucket({ capacity: 4, refillPerSecond: 13, ...(now === undefined ? {} : { now }) });
}

/**
 * Lowers the limiter to what Jumpseller reports as left in either window, so requests made by other
 * clients of the same store (or address) slow this one down too. Never raises it.
 */
export function paceByJumpsellerHeaders(limiter: TokenBucket, from: Headers): void {
  const reported = [
    remaining(from, headers.perSecondRemaining),
    remaining(from, headers.perMinuteRemaining),
  ].filter((value) => value !== undefined);
  if (reported.length === 0) return;
  const available = Math.min(limiter.available(), ...reported);
  if (available < limiter.available()) limiter.sync({ available });
}
