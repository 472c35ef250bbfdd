import { createHash } from 'node:crypto';
import {
  type Customer,
  type CustomerCreateInput,
  UnicartError,
  UpstreamError,
  UpstreamTimeoutError,
} from '@unicart/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientClosedRequestError, GatewayShutdownError } from '../errors';
import type { IdempotencyRecords, KeyClaim } from './idempotency-records';

/** The request header (CONTRACT.md §7); Node hands header names over in lower case. */
export const idempotencyKeyHeader = 'idempotency-key';
/** Set to `true` on an answer replayed from a key's stored response. */
export const replayedHeader = 'idempotent-replayed';
/** 1–255 visible ASCII characters (no space, no control character). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** How long a key and its response are kept (CONTRACT.md §7). */
export const idempotencyRetentionMs = 24 * 60 * 60 * 1000;
/**
 * A claim holds its key for the request deadline plus this margin: a process that died holding it
 * blocks the key no longer, and an attempt that timed out leaves the platform this long to finish
 * (or fail) before a retry looks for what it created.
 */
const defaultLeaseMarginMs = 10_000;
/** Expired keys are purged by the first claim after this interval, in each process. */
const purgeIntervalMs = 60_000;
/**
 * A customer found by a retried create counts as the earlier attempt's when the platform dated it at
 * most this long before that attempt started: platforms date to the second, and their clocks are
 * not the gateway's.
 */
const createdAtAllowanceMs = 60_000;

/** §2: 409, the same key is still being processed (or its earlier attempt cannot be ruled out). */
export class IdempotencyKeyInProgressError extends UnicartError {
  constructor(message: string, platform?: string) {
    super({ message, code: 'idempotency_key_in_progress', platform });
    this.name = 'IdempotencyKeyInProgressError';
  }
}

/** §2: 422, the same key with a different request. */
export class IdempotencyKeyReusedError extends UnicartError {
  constructor() {
    super({
      message:
        'This Idempotency-Key was used for a different request (method, path or body) in the last 24 hours: use a new key for a new request',
      code: 'idempotency_key_reused',
    });
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface IdempotentWritesOptions {
  readonly records: IdempotencyRecords;
  /** `UNICART_UPSTREAM_DEADLINE_MS`: how long a request may run. */
  readonly deadlineMs: number;
  readonly leaseMarginMs?: number | undefined;
  /** Milliseconds since the epoch (tests move it). */
  readonly clock?: (() => number) | undefined;
}

/** The route hooks of an idempotent write, and the create that never creates twice. */
export interface IdempotentWrites {
  /** Spread into the options of POST/PUT/DELETE routes. */
  readonly hooks: {
    preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
    onError(request: FastifyRequest, reply: FastifyReply, error: Error): Promise<void>;
    onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
    onResponse(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  };
  /**
   * Creates the customer, unless an earlier attempt with the request's key may have created it:
   * then the customer that attempt created, when it can be found.
   */
  createCustomer(
    request: FastifyRequest,
    input: CustomerCreateInput,
    options: { signal: AbortSignal },
  ): Promise<Customer>;
}

interface Attempt {
  readonly claim: KeyClaim;
  failure?: unknown;
}

/** JSON with object keys sorted at every level: the same body however its keys were ordered. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": method, route, path parameters and body. */
function fingerprintOf(request: FastifyRequest): string {
  const identity = [request.method, request.routeOptions.url, request.params ?? {}, request.body ?? null];
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}

/** Kept for replay: every answer but those that say "try again" (≥ 500, 424, 429). */
const isKept = (status: number) => status < 500 && status !== 424 && status !== 429;

/**
 * Whether a failed create may have reached the platform anyway: it timed out, lost its connection
 * (no answer at all), got a success it could not read, or was cut short by its client, the
 * shutdown or a bug. A platform that answered with an error did not create the customer.
 */
function mayHaveCreated(failure: unknown): boolean {
  if (UpstreamTimeoutError.isInstance(failure)) return true;
  if (failure instanceof ClientClosedRequestError || failure instanceof GatewayShutdownError) return true;
  if (UpstreamError.isInstance(failure)) {
    const status = failure.upstreamStatus;
    return status === undefined || (status >= 200 && status < 300);
  }
  return !UnicartError.isInstance(failure);
}

export function createIdempotentWrites(options: IdempotentWritesOptions): IdempotentWrites {
  const { records, deadlineMs } = options;
  const leaseMs = deadlineMs + (options.leaseMarginMs ?? defaultLeaseMarginMs);
  const clock = options.clock ?? Date.now;
  const attempts = new WeakMap<FastifyRequest, Attempt>();
  let nextPurgeAt = 0;

  const purgeNowAndThen = async (now: number, request: FastifyRequest) => {
    if (now < nextPurgeAt) return;
    nextPurgeAt = now + purgeIntervalMs;
    await records.purgeExpired(new Date(now)).catch((error: unknown) => {
      request.log.warn({ err: error }, 'purging expired idempotency keys failed');
    });
  };

  /** Keeps or frees the key once the answer is known; runs once per attempt. */
  async function settle(request: FastifyRequest, status: number, body: string): Promise<void> {
    const attempt = attempts.get(request);
    if (attempt === undefined) return;
    attempts.delete(request);
    const { claim, failure } = attempt;
    const isCreate = request.method === 'POST';
    try {
      if (failure instanceof IdempotencyKeyInProgressError) {
        await records.markUncertain(claim, new Date(clock()).toISOString());
      } else if (isKept(status) && !(failure instanceof ClientClosedRequestError)) {
        await records.complete(claim, { status, body });
      } else if (isCreate && mayHaveCreated(failure)) {
        // The platform may still be working on it: no retry before the lease ends.
        await records.markUncertain(claim, claim.leaseUntil);
      } else if (isCreate && claim.uncertainSince !== null) {
        await records.markUncertain(claim, new Date(clock()).toISOString());
      } else {
        await records.release(claim);
      }
    } catch (error) {
      // The answer still goes out; the key stays claimed until its lease ends, and a retry then
      // treats the attempt as uncertain.
      request.log.error({ err: error }, 'recording the outcome of an idempotency key failed');
    }
  }

  async function findCreated(
    request: FastifyRequest,
    input: CustomerCreateInput,
    uncertainSince: string,
    signal: AbortSignal,
  ): Promise<Customer | undefined> {
    const { adapter, store } = request.connectedStore;
    const { platform } = store;
    const refuse = (reason: string) =>
      new IdempotencyKeyInProgressError(
        `An earlier attempt with this Idempotency-Key may have created the customer on ${platform}, and ${reason}: the gateway will not risk a second customer. Check the store's customers, then send the request with a new key if it is missing`,
        platform,
      );
    const email = input.email ?? undefined;
    if (email === undefined) throw refuse('a customer without an email cannot be looked up');
    if (adapter.capabilities.filters.email === undefined) {
      throw refuse(`${platform} cannot look customers up by email`);
    }
    const since = Date.parse(uncertainSince) - createdAtAllowanceMs;
    const { items } = await adapter.listCustomers({ email, limit: 100, cursor: null }, { signal });
    const created = items.filter(
      (customer) => customer.dates.createdAt === null || Date.parse(customer.dates.createdAt) >= since,
    );
    if (created.some((customer) => customer.dates.createdAt === null)) {
      throw refuse(`${platform} does not tell when the customers with this email were created`);
    }
    return created.sort((left, right) =>
      (left.dates.createdAt ?? '').localeCompare(right.dates.createdAt ?? ''),
    )[0];
  }

  return {
    hooks: {
      async preHandler(request, reply) {
        const key = request.headers[idempotencyKeyHeader];
        if (typeof key !== 'string') return undefined;
        const now = clock();
        await purgeNowAndThen(now, request);
        const outcome = await records.claim({
          storeId: request.connectedStore.store.id,
          key,
          fingerprint: fingerprintOf(request),
          now: new Date(now),
          leaseMs,
          retentionMs: idempotencyRetentionMs,
        });
        switch (outcome.kind) {
          case 'claimed':
            attempts.set(request, { claim: outcome.claim });
            return undefined;
          case 'completed': {
            const { status, body } = outcome.response;
            reply.code(status).header(replayedHeader, 'true');
            if (body === '') return reply.send();
            return reply.header('content-type', 'application/json; charset=utf-8').send(body);
          }
          case 'inProgress':
            throw new IdempotencyKeyInProgressError(
              'A request with this Idempotency-Key is still being processed: retry it later',
            );
          case 'reused':
            throw new IdempotencyKeyReusedError();
        }
      },
      async onError(request, _reply, error) {
        const attempt = attempts.get(request);
        if (attempt !== undefined) attempt.failure = error;
      },
      async onSend(request, reply, payload) {
        await settle(request, reply.statusCode, typeof payload === 'string' ? payload : '');
        return payload;
      },
      // Should the answer never be sent (the connection dropped first), the key is settled anyway.
      async onResponse(request, reply) {
        const attempt = attempts.get(request);
        if (attempt === undefined) return;
        attempt.failure ??= new ClientClosedRequestError();
        await settle(request, reply.statusCode, '');
      },
    },

    async createCustomer(request, input, { signal }) {
      const uncertainSince = attempts.get(request)?.claim.uncertainSince ?? null;
      if (uncertainSince !== null) {
        const created = await findCreated(request, input, uncertainSince, signal);
        if (created !== undefined) return created;
      }
      return request.connectedStore.adapter.createCustomer(input, { signal });
    },
  };
}
