import { createHmac, randomBytes } from 'node:crypto';
import type { GeneratedSeed, NativeSeed, PlatformSimulator } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../kit/random-token';
import { createSimulatorServer, type ListenOptions, readBody, searchParamsOf } from '../kit/simulator-server';
import { seedPeople } from '../seed/seed-people';
import { type AmazonBuyerRecord, buyersOf } from './amazon-buyers';
import { amazonTime, toAmazonOrders } from './amazon-seed';
import {
  type AmazonMarketplace,
  type AmazonOrderRecord,
  amazonNorthAmerica,
  buyerVisibleStatuses,
} from './amazon-types';

/** Credentials in the gateway's shape for Amazon (CONTRACT §2). */
export interface AmazonCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly marketplaceIds: string[];
}

/** A token bucket of one operation (sheet §8). */
export interface AmazonRateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export interface AmazonSimulatorOptions extends ListenOptions, GeneratedSeed {
  /** The seller's marketplaces (default US, CA, MX). */
  readonly marketplaces?: readonly AmazonMarketplace[];
  /** searchOrders' bucket; default Amazon's 0.0056 a second after a burst of 20; `false` turns it off. */
  readonly rateLimit?: AmazonRateLimit | false;
  /**
   * How old a window's end must be (the 2-minute rule, sheet §3): default 120 000 ms. Tests lower it
   * so that a change is visible at once.
   */
  readonly settleMs?: number;
  /** Lifetime of access tokens in seconds (default 3600, sheet §1.2). */
  readonly accessTokenSeconds?: number;
  /**
   * The application holds the Direct-to-Consumer Delivery role (default true). Without it orders
   * show no buyer email, name or address (sheet §1.4).
   */
  readonly buyerDataRole?: boolean;
  /** Orders to start with instead of generated ones. */
  readonly orders?: readonly AmazonOrderRecord[];
  /** Clock (default `Date.now`). */
  readonly now?: () => number;
}

/** A running simulator of the Orders API v2026-01-01 (searchOrders, getOrder) and Login with Amazon. */
export interface AmazonSimulator
  extends PlatformSimulator<AmazonCredentials, AmazonBuyerRecord, AmazonOrderRecord> {
  readonly platform: 'amazon';
  /** Every stored order, complete (buyer data included whatever searchOrders would show). */
  orders(): AmazonOrderRecord[];
  /** Adds an order (its `lastUpdatedTime` is the simulator's now unless set). */
  addOrder(order: AmazonOrderRecord): void;
  /** Changes an order as Amazon or the seller would; its `lastUpdatedTime` becomes now. */
  updateOrder(orderId: string, change: (order: AmazonOrderRecord) => void): void;
  /** Changes searchOrders' bucket (the knob for tests); `false` turns it off. */
  setRateLimit(rateLimit: AmazonRateLimit | false): void;
}

const jsonType = 'application/json';
const searchPath = '/orders/2026-01-01/orders';
const maxPageSize = 100;
const tokenLifetimeMs = 86_400_000;
const knownIncludedData = new Set([
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
]);
const invalidInputMessage =
  'The input you have submitted is not valid. Please check your input and try again.';

class AmazonError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

function spError(status: number, code: string, message: string, details = ''): AmazonError {
  return new AmazonError(status, { errors: [{ code, message, details }] });
}

const invalidInput = (details: string) => spError(400, 'InvalidInput', invalidInputMessage, details);
const denied = (details: string) =>
  new AmazonError(
    403,
    { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }] },
    { 'x-amzn-errortype': 'AccessDeniedException' },
  );
const lwaError = (status: number, error: string, description: string) =>
  new AmazonError(status, { error_description: description, error });

/** A token bucket (sheet §8): refills at `perSecond` up to `burst`; each request takes one. */
function tokenBucket(now: () => number) {
  let plan: AmazonRateLimit | false = false;
  let tokens = 0;
  let at = now();
  return {
    set(next: AmazonRateLimit | false) {
      plan = next;
      tokens = next === false ? 0 : next.burst;
      at = now();
    },
    take(): boolean {
      if (plan === false) return true;
      const current = now();
      tokens = Math.min(plan.burst, tokens + ((current - at) / 1000) * plan.perSecond);
      at = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    rate: () => (plan === false ? null : plan.perSecond),
  };
}

function parseInstant(value: string | null, name: string): number | undefined {
  if (value === null) return undefined;
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant)) throw invalidInput(`Invalid ${name}: ${value}`);
  return instant;
}

/**
 * Starts a stateful simulator of Amazon's Orders API v2026-01-01 and Login with Amazon (sheet
 * `amazon.md`) on a free loopback port: refresh-token grant, `x-amz-access-token`, searchOrders
 * with its windows, the 2-minute rule, CSV array parameters, signed page tokens bound to their
 * parameters and valid 24 hours, buyer data only where Amazon shows it, the token bucket of
 * searchOrders (429 `QuotaExceeded` without Retry-After, `x-amzn-RateLimit-Limit` on other answers).
 */
export async function startAmazonSimulator(options: AmazonSimulatorOptions = {}): Promise<AmazonSimulator> {
  const now = options.now ?? Date.now;
  const marketplaces = options.marketplaces ?? amazonNorthAmerica;
  const settleMs = options.settleMs ?? 120_000;
  const accessTokenMs = (options.accessTokenSeconds ?? 3600) * 1000;
  const buyerDataRole = options.buyerDataRole ?? true;
  const client = {
    id: `amzn1.application-oa2-client.${randomToken('')}`,
    secret: `amzn1.oa2-cs.v1.${randomToken('')}`,
  };
  const originalRefreshToken = `Atzr|${randomToken('')}`;
  let refreshToken = originalRefreshToken;
  let accessTokens = new Map<string, number>();
  const pageTokenKey = randomBytes(32);
  const defaultRateLimit = options.rateLimit ?? { perSecond: 0.0056, burst: 20 };
  const bucket = tokenBucket(now);
  bucket.set(defaultRateLimit);

  const generate = (seed?: GeneratedSeed) =>
    toAmazonOrders(seedPeople(seed?.count, seed?.seed), marketplaces, now());
  let baseline: readonly AmazonOrderRecord[] = options.orders ?? generate(options);
  const orders = new Map<string, AmazonOrderRecord>();
  // The buyers the orders show, computed again after any change (`visibleBuyers`).
  let buyers: Map<string, AmazonBuyerRecord> | null = null;
  // The orders of the window last paged, in order, until an order changes (large stores page fast).
  let pagedWindow: { key: string; orders: AmazonOrderRecord[] } | null = null;
  const load = () => {
    buyers = null;
    pagedWindow = null;
    orders.clear();
    for (const order of baseline) orders.set(order.orderId, structuredClone(order));
  };
  load();

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, _request, reply) {
      switch (kind) {
        case 'rateLimited':
          return sendError(reply, throttled());
        case 'serverError':
          return sendError(
            reply,
            spError(500, 'InternalFailure', 'We encountered an internal error. Please try again.'),
          );
        case 'unauthorized':
          return sendError(reply, denied(''));
        case 'malformed':
          return reply.code(200).header('content-type', jsonType).send('{"orders":[{"orderId":"250-77');
      }
    },
    answerNotFound(_request, reply) {
      return sendError(reply, spError(404, 'NotFound', 'Resource not found.'));
    },
  });

  function throttled(): AmazonError {
    // No Retry-After, and no rate header on a 429 (sheet §8).
    return spError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
  }

  function send(
    reply: FastifyReply,
    status: number,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ) {
    reply.code(status).header('content-type', jsonType).header('x-amzn-requestid', randomToken(''));
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    return reply.send(JSON.stringify(body));
  }

  function sendError(reply: FastifyReply, error: AmazonError) {
    const rate = bucket.rate();
    const rateHeader: Record<string, string> =
      error.status === 429 || rate === null ? {} : { 'x-amzn-ratelimit-limit': String(rate) };
    return send(reply, error.status, error.body, { ...rateHeader, ...error.headers });
  }

  function authenticate(request: FastifyRequest): void {
    const token = request.headers['x-amz-access-token'];
    if (typeof token !== 'string' || token === '')
      throw denied('Access token is missing in the request header.');
    const expiresAt = accessTokens.get(token);
    if (expiresAt === undefined)
      throw denied('The access token you provided is revoked, malformed or invalid.');
    if (now() >= expiresAt) throw denied('The access token you provided has expired.');
  }

  /** What an answer shows of an order (sheet §1.4, §6): buyer data only where Amazon shows it. */
  function shown(order: AmazonOrderRecord, included: ReadonlySet<string>): Record<string, unknown> {
    const { buyer, recipient, proceeds, fulfillment, ...base } = structuredClone(order);
    const visible = buyerVisibleStatuses.has(fulfillment.fulfillmentStatus);
    const merchant = fulfillment.fulfilledBy === 'MERCHANT';
    const answer: Record<string, unknown> = { ...base };
    if (included.has('BUYER') && buyerDataRole) {
      answer.buyer = {
        ...(buyer.buyerName === undefined ? {} : { buyerName: buyer.buyerName }),
        ...(visible && merchant && buyer.buyerEmail !== undefined ? { buyerEmail: buyer.buyerEmail } : {}),
      };
    }
    if (included.has('RECIPIENT') && buyerDataRole && visible && recipient.deliveryAddress) {
      // FBA orders show only where the parcel went (sheet §6, unconfirmed).
      const { city, stateOrRegion, postalCode, countryCode } = recipient.deliveryAddress;
      answer.recipient = merchant
        ? recipient
        : { deliveryAddress: { city, stateOrRegion, postalCode, countryCode } };
    }
    if (included.has('PROCEEDS')) answer.proceeds = proceeds;
    if (included.has('FULFILLMENT')) answer.fulfillment = fulfillment;
    return answer;
  }

  function signed(payload: unknown): string {
    const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${text}.${createHmac('sha256', pageTokenKey).update(text).digest('base64url')}`;
  }

  function unsign(token: string): { filter: string; offset: number; bound: number; issuedAt: number } {
    const [text = '', signature = ''] = token.split('.');
    const expected = createHmac('sha256', pageTokenKey).update(text).digest('base64url');
    if (signature !== expected) throw invalidInput('Invalid paginationToken.');
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  }

  function searchOrders(request: FastifyRequest) {
    const params = searchParamsOf(request);
    const list = (name: string) =>
      params
        .get(name)
        ?.split(',')
        .filter((value) => value !== '') ?? null;
    const current = now();
    const createdAfter = parseInstant(params.get('createdAfter'), 'createdAfter');
    const createdBefore = parseInstant(params.get('createdBefore'), 'createdBefore');
    const updatedAfter = parseInstant(params.get('lastUpdatedAfter'), 'lastUpdatedAfter');
    const updatedBefore = parseInstant(params.get('lastUpdatedBefore'), 'lastUpdatedBefore');
    if ((createdAfter === undefined) === (updatedAfter === undefined)) {
      throw invalidInput('Exactly one of createdAfter and lastUpdatedAfter must be specified.');
    }
    if (createdAfter !== undefined && (updatedBefore !== undefined || params.has('lastUpdatedAfter'))) {
      throw invalidInput('lastUpdatedBefore cannot be used with createdAfter.');
    }
    if (updatedAfter !== undefined && createdBefore !== undefined) {
      throw invalidInput('createdBefore cannot be used with lastUpdatedAfter.');
    }
    const kind = createdAfter === undefined ? 'updated' : 'created';
    const after = (createdAfter ?? updatedAfter) as number;
    const requestedBefore = createdBefore ?? updatedBefore;
    const latest = current - settleMs;
    if (after > latest)
      throw invalidInput(
        `${kind === 'created' ? 'createdAfter' : 'lastUpdatedAfter'} must be at least 2 minutes in the past.`,
      );
    if (requestedBefore !== undefined && requestedBefore > latest) {
      throw invalidInput(
        `${kind === 'created' ? 'createdBefore' : 'lastUpdatedBefore'} must be at least 2 minutes in the past.`,
      );
    }
    if (requestedBefore !== undefined && requestedBefore < after)
      throw invalidInput('The Before date must be after the After date.');
    const size = Number(params.get('maxResultsPerPage') ?? maxPageSize);
    if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
      throw invalidInput('maxResultsPerPage must be between 1 and 100.');
    }
    const marketplaceIds = list('marketplaceIds') ?? marketplaces.map((marketplace) => marketplace.id);
    for (const id of marketplaceIds) {
      if (!marketplaces.some((marketplace) => marketplace.id === id))
        throw invalidInput(`Invalid marketplace id: ${id}`);
    }
    const included = new Set(list('includedData') ?? []);
    for (const name of included)
      if (!knownIncludedData.has(name)) throw invalidInput(`Invalid includedData: ${name}`);
    const statuses = list('fulfillmentStatuses');
    const fulfilledBy = list('fulfilledBy');
    // The filter a page token is bound to: every parameter but the page size and the datasets (sheet §5).
    const filter = JSON.stringify([
      kind,
      after,
      requestedBefore ?? null,
      [...marketplaceIds].sort(),
      statuses,
      fulfilledBy,
    ]);
    const token = params.get('paginationToken');
    let offset = 0;
    let bound = requestedBefore ?? latest;
    if (token !== null) {
      const position = unsign(token);
      if (position.filter !== filter)
        throw invalidInput('The paginationToken does not match the request parameters.');
      if (current - position.issuedAt > tokenLifetimeMs)
        throw invalidInput('The paginationToken has expired.');
      offset = position.offset;
      bound = position.bound;
    }
    const field = kind === 'created' ? 'createdTime' : 'lastUpdatedTime';
    const windowKey = `${filter}|${bound}`;
    if (pagedWindow?.key !== windowKey) pagedWindow = { key: windowKey, orders: windowOrders() };
    const matching = pagedWindow.orders;
    function windowOrders() {
      return [...orders.values()]
        .filter((order) => {
          const at = Date.parse(order[field]);
          return (
            at >= after &&
            at <= bound &&
            marketplaceIds.includes(order.salesChannel.marketplaceId) &&
            (statuses === null || statuses.includes(order.fulfillment.fulfillmentStatus)) &&
            (fulfilledBy === null || fulfilledBy.includes(order.fulfillment.fulfilledBy))
          );
        })
        .sort(
          (left, right) =>
            Date.parse(left[field]) - Date.parse(right[field]) || left.orderId.localeCompare(right.orderId),
        );
    }
    const page = matching.slice(offset, offset + size);
    const more = offset + size < matching.length;
    return {
      orders: page.map((order) => shown(order, included)),
      ...(more
        ? { pagination: { nextToken: signed({ filter, offset: offset + size, bound, issuedAt: current }) } }
        : {}),
      [kind === 'created' ? 'createdBefore' : 'lastUpdatedBefore']: amazonTime(bound),
    };
  }

  function grant(request: FastifyRequest) {
    const body = readBody(request);
    const fields: Record<string, unknown> =
      body.kind === 'form'
        ? body.value
        : body.kind === 'json' && typeof body.value === 'object' && body.value !== null
          ? (body.value as Record<string, unknown>)
          : {};
    if (fields.grant_type === undefined || fields.client_id === undefined) {
      throw lwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
    }
    if (fields.grant_type !== 'refresh_token') {
      throw lwaError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      );
    }
    if (fields.client_id !== client.id || fields.client_secret !== client.secret) {
      throw lwaError(401, 'invalid_client', 'Client authentication failed');
    }
    if (fields.refresh_token !== refreshToken) {
      throw lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    }
    const accessToken = `Atza|${randomToken('')}`;
    accessTokens.set(accessToken, now() + accessTokenMs);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: accessTokenMs / 1000,
    };
  }

  const { app } = server;
  app.post('/auth/o2/token', (request, reply) => {
    try {
      return send(reply, 200, grant(request), { 'cache-control': 'no-store', pragma: 'no-cache' });
    } catch (error) {
      if (error instanceof AmazonError) return sendError(reply, error);
      throw error;
    }
  });
  app.get(searchPath, (request, reply) => {
    try {
      authenticate(request);
      if (!bucket.take()) throw throttled();
      const rate = bucket.rate();
      return send(
        reply,
        200,
        searchOrders(request),
        rate === null ? {} : { 'x-amzn-ratelimit-limit': String(rate) },
      );
    } catch (error) {
      if (error instanceof AmazonError) return sendError(reply, error);
      throw error;
    }
  });
  app.get('/sellers/v1/marketplaceParticipations', (request, reply) => {
    try {
      authenticate(request);
      return send(
        reply,
        200,
        {
          payload: marketplaces.map((marketplace) => ({
            marketplace: {
              id: marketplace.id,
              name: marketplace.name,
              countryCode: marketplace.countryCode,
              defaultCurrencyCode: marketplace.currencyCode,
              defaultLanguageCode: 'en_US',
              domainName: marketplace.name.toLowerCase(),
            },
            participation: { isParticipating: true, hasSuspendedListings: false },
            storeName: 'Hinoki & Linen',
          })),
        },
        { 'x-amzn-ratelimit-limit': '0.016' },
      );
    } catch (error) {
      if (error instanceof AmazonError) return sendError(reply, error);
      throw error;
    }
  });
  app.get(`${searchPath}/:orderId`, (request, reply) => {
    try {
      authenticate(request);
      const order = orders.get((request.params as { orderId: string }).orderId);
      if (order === undefined) throw spError(404, 'NotFound', 'Order not found.');
      const included = new Set(searchParamsOf(request).get('includedData')?.split(',') ?? []);
      return send(reply, 200, { order: shown(order, included) }, { 'x-amzn-ratelimit-limit': '0.5' });
    } catch (error) {
      if (error instanceof AmazonError) return sendError(reply, error);
      throw error;
    }
  });

  /** The buyers of the orders as searchOrders shows them with every dataset (the oracle), until an order changes. */
  const visibleBuyers = () => {
    buyers ??= buyersOf(
      [...orders.values()].map((order) => shown(order, knownIncludedData) as unknown as AmazonOrderRecord),
    );
    return buyers;
  };

  const url = await server.listen();
  return {
    platform: 'amazon',
    url,
    get credentials() {
      return {
        clientId: client.id,
        clientSecret: client.secret,
        refreshToken,
        marketplaceIds: marketplaces.map((marketplace) => marketplace.id),
      };
    },
    seed(input?: GeneratedSeed | NativeSeed<AmazonBuyerRecord, AmazonOrderRecord>) {
      baseline = input !== undefined && 'customers' in input ? [...(input.orders ?? [])] : generate(input);
      load();
    },
    ...server.controls,
    stored: (id) => structuredClone(visibleBuyers().get(id)),
    customerIds: () => [...visibleBuyers().keys()].sort(),
    orders: () => [...orders.values()].map((order) => structuredClone(order)),
    addOrder(order) {
      buyers = null;
      pagedWindow = null;
      orders.set(order.orderId, structuredClone(order));
    },
    updateOrder(orderId, change) {
      const order = orders.get(orderId);
      if (order === undefined) throw new Error(`No order ${orderId}`);
      change(order);
      order.lastUpdatedTime = amazonTime(now());
      buyers = null;
      pagedWindow = null;
    },
    setRateLimit: (rateLimit) => bucket.set(rateLimit),
    revokeCredentials() {
      // The seller removes the app's authorization: the refresh token and its access tokens die.
      accessTokens = new Map();
      refreshToken = `Atzr|${randomToken('')}`;
    },
    reset() {
      load();
      refreshToken = originalRefreshToken;
      bucket.set(defaultRateLimit);
      server.faults.clear();
      server.requests.length = 0;
    },
    close: () => server.close(),
  };
}
