import type { GeneratedSeed, NativeSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppWebhookControls } from '../kit/app-webhooks';
import { randomToken } from '../kit/random-token';
import type { SandboxSimulator } from '../kit/simulator';
import {
  createSimulatorServer,
  type ListenOptions,
  pathOf,
  readBody,
  searchParamsOf,
} from '../kit/simulator-server';
import { SlidingWindowLimiter } from '../kit/sliding-window-limiter';
import { seedPeople } from '../seed/seed-people';
import {
  dateParameter,
  integerParameter,
  maxEcwidLimit,
  searchEcwidCustomers,
} from './ecwid-customer-search';
import { createEcwidCustomer, updateEcwidCustomer } from './ecwid-customer-write';
import { formatEcwidDate, parseEcwidDate } from './ecwid-date';
import { EcwidApiError, wrongParameter } from './ecwid-error';
import { parseResponseFields, project } from './ecwid-response-fields';
import { toEcwidRecords } from './ecwid-seed';
import { EcwidStore } from './ecwid-store';
import type { EcwidCustomer, EcwidOrder } from './ecwid-types';
import { createEcwidWebhooks } from './ecwid-webhooks';

/** Credentials in the gateway's shape for Ecwid (CONTRACT §2). */
export interface EcwidCredentials {
  readonly storeId: string;
  /** A `secret_…` token. */
  readonly accessToken: string;
}

/** Access scopes an Ecwid app can hold (sheet §1). */
export type EcwidScope =
  | 'read_customers'
  | 'create_customers'
  | 'update_customers'
  | 'read_orders'
  | 'read_store_profile';

/** Ecwid's limits (sheet §6); `false` turns them off. */
export interface EcwidRateLimit {
  /** Requests per minute per access token (default 600). */
  readonly requestsPerMinute?: number;
  /** Requests per minute per client address with a token that does not work (default 20). */
  readonly invalidTokenRequestsPerMinute?: number;
}

export interface EcwidSimulatorOptions extends ListenOptions, GeneratedSeed {
  /** Default `1003`. */
  readonly storeId?: string;
  /** Default: a random `secret_…` token. */
  readonly accessToken?: string;
  /** Store currency of `/profile` (default `USD`). */
  readonly currency?: string;
  /** Scopes the token holds (default: all five). */
  readonly scopes?: readonly EcwidScope[];
  /** Default: Ecwid's real limits. */
  readonly rateLimit?: false | EcwidRateLimit;
  /** Native records to start with instead of generated ones. */
  readonly data?: NativeSeed<EcwidCustomer, EcwidOrder>;
  /** The clock that stamps writes and deletions (default: the real time). */
  readonly now?: () => Date;
  /** The app's client_secret, which signs its webhooks (default: a random one). */
  readonly clientSecret?: string;
  /** Real milliseconds per second of Ecwid's webhook retry waits (default 1). */
  readonly webhookMsPerSecond?: number;
}

/** A running Ecwid REST v3 simulator. */
export interface EcwidSimulator extends SandboxSimulator<EcwidCredentials, EcwidCustomer, EcwidOrder> {
  /** The app's client_secret, which signs its webhooks. */
  readonly clientSecret: string;
  /** The customer webhooks sent for every change to the store. */
  /** The customer webhooks sent for every change; their URL is set as Ecwid support sets it. */
  readonly webhooks: AppWebhookControls;
}

const allScopes: readonly EcwidScope[] = [
  'read_customers',
  'create_customers',
  'update_customers',
  'read_orders',
  'read_store_profile',
];
const jsonType = 'application/json;charset=utf-8';
const customerPath = /^\/api\/v3\/[^/]+\/(customers(\/[^/]+)?|orders|profile)$/;

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', jsonType).send(JSON.stringify(body));
}

function sendError(reply: FastifyReply, error: EcwidApiError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return send(reply, error.status, error.body);
}

function customerIdOf(request: FastifyRequest): number {
  const raw = (request.params as { customerId: string }).customerId;
  if (!/^\d{1,15}$/.test(raw)) throw wrongParameter(`Wrong value of parameter 'customerId': ${raw}`);
  return Number(raw);
}

function jsonBody(request: FastifyRequest): unknown {
  const body = readBody(request);
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'none':
      throw wrongParameter('Request body is required');
    case 'invalidJson':
      throw wrongParameter('Request body is not valid JSON');
    default:
      throw new EcwidApiError(415, 'Content type must be application/json', 'UNSUPPORTED_MEDIA_TYPE');
  }
}

/** `GET /orders` (sheet, Orders summary): newest first, `limit` ≤ 100 (default 100). */
function searchOrders(store: EcwidStore, params: URLSearchParams) {
  const offset = integerParameter(params, 'offset', 0);
  const limit = Math.min(integerParameter(params, 'limit', maxEcwidLimit), maxEcwidLimit);
  const customerId = params.get('customerId');
  const email = params.get('email')?.toLowerCase();
  const ids = params.get('ids')?.split(',');
  const paymentStatuses = params.get('paymentStatus')?.split(',');
  const fulfillmentStatuses = params.get('fulfillmentStatus')?.split(',');
  const createdFrom = dateParameter(params, 'createdFrom');
  const createdTo = dateParameter(params, 'createdTo');
  const updatedFrom = dateParameter(params, 'updatedFrom');
  const updatedTo = dateParameter(params, 'updatedTo');
  const matches = store.orders
    .filter(
      (order) =>
        (customerId === null || String(order.customerId) === customerId) &&
        (email === undefined || order.email.toLowerCase() === email) &&
        (ids === undefined || ids.includes(order.id)) &&
        (paymentStatuses === undefined || paymentStatuses.includes(order.paymentStatus)) &&
        (fulfillmentStatuses === undefined || fulfillmentStatuses.includes(order.fulfillmentStatus)) &&
        (createdFrom === undefined || order.createTimestamp * 1000 >= createdFrom) &&
        (createdTo === undefined || order.createTimestamp * 1000 <= createdTo) &&
        (updatedFrom === undefined || order.updateTimestamp * 1000 >= updatedFrom) &&
        (updatedTo === undefined || order.updateTimestamp * 1000 <= updatedTo),
    )
    .sort(
      (left, right) => right.createTimestamp - left.createTimestamp || right.internalId - left.internalId,
    );
  const items = matches.slice(offset, offset + limit);
  return { total: matches.length, count: items.length, offset, limit, items: structuredClone(items) };
}

/**
 * Starts a stateful simulator of Ecwid's REST API v3 customers, orders and profile endpoints
 * (sheet `ecwid.md`) on a free loopback port.
 */
export async function startEcwidSimulator(options: EcwidSimulatorOptions = {}): Promise<EcwidSimulator> {
  const storeId = options.storeId ?? '1003';
  const originalToken = options.accessToken ?? randomToken('secret_');
  const scopes = new Set(options.scopes ?? allScopes);
  const currency = options.currency ?? 'USD';
  const now = options.now ?? (() => new Date());
  const limits = options.rateLimit === false ? undefined : options.rateLimit;
  const tokenLimiter =
    options.rateLimit === false
      ? undefined
      : new SlidingWindowLimiter({ limit: limits?.requestsPerMinute ?? 600, windowMs: 60_000 });
  const invalidTokenLimiter =
    options.rateLimit === false
      ? undefined
      : new SlidingWindowLimiter({ limit: limits?.invalidTokenRequestsPerMinute ?? 20, windowMs: 60_000 });

  let baseline = options.data ?? toEcwidRecords(seedPeople(options.count, options.seed));
  let store = new EcwidStore(baseline.customers, baseline.orders ?? []);
  let accessToken = originalToken;
  const clientSecret = options.clientSecret ?? randomToken('');
  const webhooks = createEcwidWebhooks({
    storeId,
    clientSecret,
    msPerPlatformSecond: options.webhookMsPerSecond,
  });

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, _request, reply) {
      switch (kind) {
        case 'rateLimited':
          return sendError(reply, new EcwidApiError(429, 'Too many requests', 'RATE_LIMITED', 1));
        case 'serverError':
          return sendError(reply, new EcwidApiError(500, 'Internal server error', 'INTERNAL_ERROR'));
        case 'unauthorized':
          return sendError(reply, new EcwidApiError(403, 'Invalid access token', 'INVALID_API_TOKEN'));
        case 'malformed':
          return reply
            .code(200)
            .header('content-type', jsonType)
            .send('{"total":2,"count":2,"offset":0,"items":[{"id":');
      }
    },
    answerNotFound(request, reply) {
      return customerPath.test(pathOf(request))
        ? sendError(reply, new EcwidApiError(405, 'Method not allowed', 'METHOD_NOT_ALLOWED'))
        : sendError(reply, new EcwidApiError(404, 'Resource not found', 'RESOURCE_NOT_FOUND'));
    },
  });

  /** Store, token, scope and rate checks, in the order Ecwid answers them (sheet §6, §7). */
  function guard(request: FastifyRequest, scope: EcwidScope): void {
    if ((request.params as { storeId: string }).storeId !== storeId) {
      throw new EcwidApiError(404, 'Store not found', 'STORE_NOT_FOUND');
    }
    // Only the Authorization header counts: the `?token=` parameter is disabled since 2025-03-20 (sheet §1).
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (token !== accessToken) {
      const verdict = invalidTokenLimiter?.hit(request.ip);
      if (verdict !== undefined && !verdict.allowed) {
        throw new EcwidApiError(
          429,
          'Too many requests with an invalid token',
          'RATE_LIMITED',
          verdict.retryAfterSeconds,
        );
      }
      throw new EcwidApiError(403, 'Invalid access token', 'INVALID_API_TOKEN');
    }
    if (!scopes.has(scope)) {
      throw new EcwidApiError(403, `The app has no '${scope}' scope`, 'INSUFFICIENT_APP_SCOPE');
    }
    const verdict = tokenLimiter?.hit(token);
    if (verdict !== undefined && !verdict.allowed) {
      throw new EcwidApiError(
        429,
        'Too many requests: the access token is temporarily blocked',
        'RATE_LIMITED',
        verdict.retryAfterSeconds,
      );
    }
  }

  function route(
    scope: EcwidScope,
    handle: (request: FastifyRequest) => unknown,
  ): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
    return (request, reply) => {
      try {
        guard(request, scope);
        const params = searchParamsOf(request);
        const body = handle(request);
        const fields = params.get('responseFields');
        return send(
          reply,
          200,
          request.method === 'GET' && fields ? project(body, parseResponseFields(fields)) : body,
        );
      } catch (error) {
        if (error instanceof EcwidApiError) return sendError(reply, error);
        throw error;
      }
    };
  }

  function existingCustomer(request: FastifyRequest): EcwidCustomer {
    const id = customerIdOf(request);
    const customer = store.customers.get(id);
    if (customer === undefined) throw new EcwidApiError(404, `Customer #${id} not found`);
    return customer;
  }

  const { app } = server;
  const base = '/api/v3/:storeId';
  app.get(
    `${base}/customers`,
    route('read_customers', (request) => {
      const page = searchEcwidCustomers(store, searchParamsOf(request));
      const items = page.items.map((customer) => store.present(customer));
      return { total: page.total, count: items.length, offset: page.offset, limit: page.limit, items };
    }),
  );
  app.get(
    `${base}/customers/deleted`,
    route('read_customers', (request) => {
      const params = searchParamsOf(request);
      const offset = integerParameter(params, 'offset', 0);
      const limit = Math.min(integerParameter(params, 'limit', maxEcwidLimit), maxEcwidLimit);
      const from = dateParameter(params, 'from_date');
      const to = dateParameter(params, 'to_date');
      const matches = store.deleted.filter(
        (entry) =>
          (from === undefined || parseEcwidDate(entry.date) >= from) &&
          (to === undefined || parseEcwidDate(entry.date) <= to),
      );
      const items = matches.slice(offset, offset + limit);
      return { total: matches.length, count: items.length, offset, limit, items };
    }),
  );
  app.get(
    `${base}/customers/:customerId`,
    route('read_customers', (request) => store.present(existingCustomer(request))),
  );
  app.post(
    `${base}/customers`,
    route('create_customers', (request) => {
      const created = createEcwidCustomer(store, jsonBody(request), now());
      webhooks.customerChanged('created', created.id, now());
      return created;
    }),
  );
  app.put(
    `${base}/customers/:customerId`,
    route('update_customers', (request) => {
      const customer = existingCustomer(request);
      const result = updateEcwidCustomer(store, customer, jsonBody(request), now());
      webhooks.customerChanged('updated', customer.id, now());
      return result;
    }),
  );
  // Deleting needs `update_customers` (sheet §1).
  app.delete(
    `${base}/customers/:customerId`,
    route('update_customers', (request) => {
      const customer = existingCustomer(request);
      store.customers.delete(customer.id);
      store.deleted.push({ id: customer.id, date: formatEcwidDate(now()) });
      webhooks.customerChanged('deleted', customer.id, now());
      return { deleteCount: 1 };
    }),
  );
  app.get(
    `${base}/orders`,
    route('read_orders', (request) => searchOrders(store, searchParamsOf(request))),
  );
  app.get(
    `${base}/profile`,
    route('read_store_profile', () => ({
      generalInfo: { storeId: Number(storeId), storeUrl: `https://store${storeId}.company.site` },
      account: { accountName: 'Unicart Sandbox', accountEmail: 'owner@example.com' },
      settings: { storeName: 'Unicart Sandbox (Ecwid)' },
      formatsAndUnits: {
        currency,
        currencyPrefix: currency === 'USD' ? '$' : '',
        currencySuffix: currency === 'USD' ? '' : ` ${currency}`,
        currencyPrecision: 2,
        currencyGroupSeparator: ',',
        currencyDecimalSeparator: '.',
        currencyTruncateZeroFractional: false,
        currencyRate: 1,
        weightUnit: 'KILOGRAM',
        timezone: 'UTC',
      },
    })),
  );

  const url = await server.listen();
  return {
    platform: 'ecwid',
    url,
    clientSecret,
    webhooks: webhooks.controls,
    get credentials() {
      return { storeId, accessToken };
    },
    seed(input) {
      baseline =
        input !== undefined && 'customers' in input
          ? input
          : toEcwidRecords(seedPeople(input?.count, input?.seed));
      store = new EcwidStore(baseline.customers, baseline.orders ?? []);
    },
    ...server.controls,
    stored(id) {
      const customer = store.customers.get(Number(id));
      return customer === undefined ? undefined : store.present(customer);
    },
    customerIds() {
      return [...store.customers.keys()].sort((left, right) => left - right).map(String);
    },
    revokeCredentials() {
      accessToken = randomToken('secret_');
    },
    reset() {
      store = new EcwidStore(baseline.customers, baseline.orders ?? []);
      accessToken = originalToken;
      tokenLimiter?.clear();
      invalidTokenLimiter?.clear();
      server.faults.clear();
      server.requests.length = 0;
      webhooks.sender.clear();
    },
    async close() {
      webhooks.sender.close();
      await server.close();
    },
  };
}
