import {
  InvalidRequestError,
  type UnicartError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'bigcommerce';

/** The v3 `ErrorResponse` (sheet §7); v2 answers an array of `{ status, message }`. */
const v3ErrorSchema = z.object({
  title: z.string().nullish(),
  errors: z.record(z.string(), z.unknown()).nullish(),
});

function header(reply: UpstreamReply, name: string): number | null {
  const value = reply.headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/**
 * The wait a 429 asks for (sheet §6): `X-Rate-Limit-Time-Reset-Ms` and `X-Retry-After` (seconds),
 * the longer of the two; `null` when neither is there (platform overload rather than the quota).
 */
export function bigcommerceRetryAfterSeconds(reply: UpstreamReply): number | null {
  const resetMs = header(reply, 'x-rate-limit-time-reset-ms');
  const retryAfter = header(reply, 'x-retry-after');
  if (resetMs === null && retryAfter === null) return null;
  return Math.max(1, Math.ceil((resetMs ?? 0) / 1000), retryAfter ?? 0);
}

/** Seconds to wait after a 429 without quota headers, BigCommerce's overload signal. */
const overloadWaitSeconds = 2;

/**
 * BigCommerce failures → core errors (sheet §7). 401/403 are the credentials (or a missing scope);
 * 429 waits what the quota headers say; a 422 or 409 answering a write is the caller's input (the
 * field keys are named, never the values); other statuses keep core's defaults (5xx retried, 404 and
 * a 422 on a list — a parameter the adapter built — an upstream error).
 */
export function classifyBigCommerceFailure(reply: UpstreamReply): UnicartError | undefined {
  if (reply.status === 401 || reply.status === 403) {
    return new UpstreamUnauthorizedError(
      reply.status === 401
        ? 'BigCommerce rejected the access token for this store (HTTP 401)'
        : 'The BigCommerce API account lacks a scope this request needs (HTTP 403)',
      { platform },
    );
  }
  if (reply.status === 429) {
    const waitSeconds = bigcommerceRetryAfterSeconds(reply);
    return new UpstreamRateLimitedError(
      waitSeconds === null
        ? 'BigCommerce is overloaded'
        : "BigCommerce's request quota for this store is used up",
      { platform, retryAfterSeconds: waitSeconds ?? overloadWaitSeconds },
    );
  }
  const isWrite = reply.method === 'POST' || reply.method === 'PUT';
  if (isWrite && (reply.status === 422 || reply.status === 409)) {
    const body = v3ErrorSchema.safeParse(reply.body);
    const fields = body.success ? Object.keys(body.data.errors ?? {}) : [];
    const title = body.success ? (body.data.title ?? '') : '';
    return new InvalidRequestError(
      `BigCommerce refused the write${title ? ` (${title})` : ''}${fields.length > 0 ? `: invalid ${fields.join(', ')}` : ''}`,
      { platform, issues: fields.map((field) => ({ path: field, message: 'refused by BigCommerce' })) },
    );
  }
  return undefined;
}

/** The store's quota as announced on every reply (sheet §6), or `null` when the headers are absent. */
export function readBigCommerceQuota(reply: UpstreamReply) {
  const remaining = header(reply, 'x-rate-limit-requests-left');
  const resetInMs = header(reply, 'x-rate-limit-time-reset-ms');
  if (remaining === null || resetInMs === null) return null;
  return {
    remaining,
    resetInMs,
    quota: header(reply, 'x-rate-limit-requests-quota') ?? undefined,
    windowMs: header(reply, 'x-rate-limit-time-window-ms') ?? undefined,
  };
}
