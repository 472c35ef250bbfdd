import type { GeneratedSeed, NativeSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import type { WebhookSubscription } from '../kit/subscribed-webhooks';
import type { SimulatorWebhooks } from '../kit/webhook-sender';
import { seedPeople } from '../seed/seed-people';
import { createJumpsellerCustomer, updateJumpsellerCustomer } from './jumpseller-customer-write';
import { JumpsellerApiError, unparsableBody } from './jumpseller-error';
import { toJumpsellerRecords } from './jumpseller-seed';
import { JumpsellerStore, matchesJumpsellerSearch } from './jumpseller-store';
import type { JumpsellerCustomerRecord, JumpsellerOrderRecord } from './jumpseller-types';
import { createJumpsellerWebhooks, jumpsellerCustomerEvents } from './jumpseller-webhooks';

/** Hook events a subscription may name (the customer ones are the ones sent here). */
const knownHookEvents = new Set([
  ...jumpsellerCustomerEvents,
  'order_created',
  'order_updated',
  'order_paid',
  'product_created',
  'product_updated',
]);

/** Credentials in the gateway's shape for Jumpseller (CONTRACT §2). */
export interface JumpsellerCredentials {
  /** The store's login key. */
  readonly login: string;
  /** The 32-character auth token. */
  readonly authToken: string;
}

/** What a token may do; apps hold these as OAuth scopes (sheet §1). Anything else answers 403. */
export type JumpsellerPermission =
  | 'read_customers'
  | 'write_customers'
  | 'read_orders'
  | 'read_store'
  | 'read_hooks'
  | 'write_hooks';

/** Jumpseller's limits, by store (sheet §9); `false` turns them off. */
export interface JumpsellerRateLimit {
  /** Default 20. */
  readonly perSecond?: number;
  /** Default 800. */
  readonly perMinute?: number;
  /** Refused requests after which the store is banned for a while (default 2 000). */
  readonly banAfterHits?: number;
  /** Length of that ban (default 60 s; unconfirmed). */
  readonly banSeconds?: number;
  /**
   * The status of a throttled answer: 429 in the current documentation, 403 in the older one and in
   * Jumpseller's own retry example (default 429).
   */
  readonly status?: 429 | 403;
}

export interface JumpsellerSimulatorOptions extends ListenOptions, GeneratedSeed {
  /** Default: a random login key. */
  readonly login?: string;
  /** Default: a random 32-character token. */
  readonly authToken?: string;
  /** Store currency of `/store/info.json` and of seeded orders (default `USD`). */
  readonly currency?: string;
  /** Default: all of them. */
  readonly permissions?: readonly JumpsellerPermission[];
  /** Default: Jumpseller's real limits. */
  readonly rateLimit?: false | JumpsellerRateLimit;
  /** Native records to start with instead of generated ones. */
  readonly data?: NativeSeed<JumpsellerCustomerRecord, JumpsellerOrderRecord>;
  /** The store's hooks token, which signs its hooks (default: a random one). */
  readonly hooksToken?: string;
  /** Real milliseconds per second of Jumpseller's hook retry waits (default 1). */
  readonly webhookMsPerSecond?: number;
}

/** A running Jumpseller REST API v1 simulator. */
export interface JumpsellerSimulator
  extends SandboxSimulator<JumpsellerCredentials, JumpsellerCustomerRecord, JumpsellerOrderRecord> {
  /** The store's hooks token (Admin Panel → Notifications → Webhooks), which signs its hooks. */
  readonly hooksToken: string;
  /** The hooks sent to the subscriptions made through `/v1/hooks.json`. */
  readonly webhooks: SimulatorWebhooks;
}

const allPermissions: readonly JumpsellerPermission[] = [
  'read_customers',
  'write_customers',
  'read_orders',
  'read_store',
  'read_hooks',
  'write_hooks',
];
const jsonType = 'application/json; charset=utf-8';
const defaultLimit = 50;
const maxLimit = 100;
const throttledBody = 'Rate Limit Exceeded';
const railsErrorPage =
  '<!DOCTYPE html>\n<html>\n<head>\n  <title>We\'re sorry, but something went wrong (500)</title>\n</head>\n<body>\n  <div class="dialog">\n    <h1>We\'re sorry, but something went wrong.</h1>\n  </div>\n</body>\n</html>\n';

/** Rails' `to_i`: the leading integer of the text, 0 when there is none. */
function railsInteger(value: string | null): number {
  const match = /^\s*[-+]?\d+/.exec(value ?? '');
  return match === null ? 0 : Number.parseInt(match[0], 10);
}

/**
 * `limit` and `page` as Jumpseller reads them (sheet §3, partly unconfirmed): a missing, non-numeric
 * or non-positive `limit` is 50, more than 100 is silently 100; a missing or non-positive `page` is 1.
 */
export function pageParameters(params: URLSearchParams): { limit: number; offset: number } {
  const asked = railsInteger(params.get('limit'));
  const limit = asked < 1 ? defaultLimit : Math.min(asked, maxLimit);
  const page = Math.max(1, railsInteger(params.get('page')));
  return { limit, offset: (page - 1) * limit };
}

function pageOf<Item>(items: readonly Item[], params: URLSearchParams): Item[] {
  const { limit, offset } = pageParameters(params);
  return items.slice(offset, offset + limit);
}

function credentialsOf(request: FastifyRequest): { login: string; token: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
  if (encoded !== undefined) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : { login: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  // The deprecated way, still accepted (sheet §1).
  const params = searchParamsOf(request);
  const login = params.get('login');
  const token = params.get('authtoken');
  return login === null || token === null ? undefined : { login, token };
}

/** The `…RateLimit…` headers every answer carries (sheet §9). */
interface RateLimitState {
  readonly perSecondRemaining: number;
  readonly perMinuteRemaining: number;
  readonly bannedUntil?: Date;
}

/** An answer of a route handler. */
interface RouteAnswer {
  readonly status?: number;
  readonly body: unknown;
}

/**
 * Starts a stateful simulator of Jumpseller's REST API v1 customers, customer orders and store info
 * endpoints (sheet `jumpseller.md`) on a free loopback port.
 */
export async function startJumpsellerSimulator(
  options: JumpsellerSimulatorOptions = {},
): Promise<JumpsellerSimulator> {
  const login = options.login ?? randomToken('');
  const originalToken = options.authToken ?? randomToken('');
  let authToken = originalToken;
  const currency = options.currency ?? 'USD';
  const permissions = new Set(options.permissions ?? allPermissions);
  const limits = options.rateLimit === false ? undefined : { ...options.rateLimit };
  const perSecond = limits?.perSecond ?? 20;
  const perMinute = limits?.perMinute ?? 800;
  const throttleStatus = limits?.status ?? 429;
  const secondLimiter = new SlidingWindowLimiter({ limit: perSecond, windowMs: 1_000 });
  const minuteLimiter = new SlidingWindowLimiter({ limit: perMinute, windowMs: 60_000 });
  const throttleHits = new Map<string, number>();
  const bans = new Map<string, number>();

  const generated = (count?: number, seed?: number) => toJumpsellerRecords(seedPeople(count, seed), currency);
  let baseline: NativeSeed<JumpsellerCustomerRecord, JumpsellerOrderRecord> & {
    categories?: ReturnType<typeof generated>['categories'];
  } = options.data ?? generated(options.count, options.seed);
  const storeOf = () =>
    new JumpsellerStore(baseline.customers, baseline.orders ?? [], baseline.categories ?? []);
  let store = storeOf();
  function rateLimitHeaders(reply: FastifyReply, state: RateLimitState): FastifyReply {
    if (limits === undefined) return reply;
    reply
      .header('Jumpseller-PerMinuteRateLimit-Limit', String(perMinute))
      .header('Jumpseller-PerMinuteRateLimit-Remaining', String(state.perMinuteRemaining))
      .header('Jumpseller-PerSecondRateLimit-Limit', String(perSecond))
      .header('Jumpseller-PerSecondRateLimit-Remaining', String(state.perSecondRemaining));
    if (state.bannedUntil !== undefined) {
      reply.header(
        'Jumpseller-BannedByRateLimit-Reset',
        `${state.bannedUntil.toISOString().slice(0, 19)}+00:00`,
      );
    }
    return reply;
  }

  /** A throttled answer: short text, no `Retry-After` (sheet §9, unconfirmed body). */
  function sendThrottled(reply: FastifyReply, state: RateLimitState): FastifyReply {
    return rateLimitHeaders(reply, state)
      .code(throttleStatus)
      .header('content-type', 'text/plain; charset=utf-8')
      .send(throttledBody);
  }

  function sendError(reply: FastifyReply, error: JumpsellerApiError): FastifyReply {
    return reply.code(error.status).header('content-type', jsonType).send(JSON.stringify(error.body));
  }

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, _request, reply) {
      switch (kind) {
        case 'rateLimited':
          return sendThrottled(reply, { perSecondRemaining: 0, perMinuteRemaining: perMinute - 1 });
        case 'serverError':
          return reply.code(500).header('content-type', 'text/html; charset=utf-8').send(railsErrorPage);
        case 'unauthorized':
          return sendError(reply, new JumpsellerApiError(401, 'Unauthorized'));
        case 'malformed':
          return reply
            .code(200)
            .header('content-type', jsonType)
            .send('[{"customer":{"id":4102217,"email":"ana');
      }
    },
    answerNotFound(_request, reply) {
      return sendError(reply, new JumpsellerApiError(404, 'Not Found'));
    },
  });

  /**
   * Counts the request against the store's per-second and per-minute windows (by login, or by
   * address without one), and says whether it may go on and what the headers report.
   */
  function throttle(request: FastifyRequest): { allowed: boolean; state: RateLimitState } {
    if (limits === undefined)
      return { allowed: true, state: { perSecondRemaining: perSecond, perMinuteRemaining: perMinute } };
    const key = credentialsOf(request)?.login ?? request.ip;
    const bannedUntil = bans.get(key);
    const now = Date.now();
    if (bannedUntil !== undefined && bannedUntil > now) {
      return {
        allowed: false,
        state: { perSecondRemaining: 0, perMinuteRemaining: 0, bannedUntil: new Date(bannedUntil) },
      };
    }
    const allowed = secondLimiter.hit(key).allowed && minuteLimiter.hit(key).allowed;
    const state = {
      perSecondRemaining: secondLimiter.remaining(key),
      perMinuteRemaining: minuteLimiter.remaining(key),
    };
    if (allowed) return { allowed, state };
    // "After 2000 rate-limit hits, we will set a temporary ban" (sheet §9).
    const hits = (throttleHits.get(key) ?? 0) + 1;
    throttleHits.set(key, hits);
    if (hits >= (limits.banAfterHits ?? 2_000)) {
      throttleHits.delete(key);
      const until = Math.ceil((now + (limits.banSeconds ?? 60) * 1000) / 1000) * 1000;
      bans.set(key, until);
      return { allowed, state: { ...state, bannedUntil: new Date(until) } };
    }
    return { allowed, state };
  }

  function authenticate(request: FastifyRequest, permission: JumpsellerPermission): void {
    const credentials = credentialsOf(request);
    if (credentials === undefined || credentials.login !== login || credentials.token !== authToken) {
      throw new JumpsellerApiError(401, 'Unauthorized');
    }
    if (!permissions.has(permission)) {
      throw new JumpsellerApiError(403, `Forbidden: this token has no ${permission} permission`);
    }
  }

  function route(permission: JumpsellerPermission, handle: (request: FastifyRequest) => RouteAnswer) {
    return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      const { allowed, state } = throttle(request);
      if (!allowed) return sendThrottled(reply, state);
      rateLimitHeaders(reply, state);
      try {
        authenticate(request, permission);
        const answer = handle(request);
        return reply
          .code(answer.status ?? 200)
          .header('content-type', jsonType)
          .send(JSON.stringify(answer.body));
      } catch (error) {
        if (error instanceof JumpsellerApiError) return sendError(reply, error);
        throw error;
      }
    };
  }

  /** The JSON body of a write; without `Content-Type: application/json` Rails does not read it (sheet §1). */
  function writeBody(request: FastifyRequest): unknown {
    const body = readBody(request);
    if (body.kind === 'invalidJson') throw unparsableBody();
    return body.kind === 'json' ? body.value : {};
  }

  function existingCustomer(request: FastifyRequest): JumpsellerCustomerRecord {
    const customer = store.customers.get(Number((request.params as { id: string }).id));
    if (customer === undefined) throw new JumpsellerApiError(404, 'Customer not found');
    return customer;
  }

  const wrapCustomer = (customer: JumpsellerCustomerRecord) => ({ customer: store.present(customer) });
  const wrapOrder = (order: JumpsellerOrderRecord) => ({ order: structuredClone(order) });
  const customerPath = '/v1/customers/:id(^\\d+).json';
  const { app } = server;
  const hooksToken = options.hooksToken ?? randomToken('');
  const storeCode = 'tiendaandina';
  const webhooks = createJumpsellerWebhooks({
    hooksToken: () => hooksToken,
    storeCode,
    payloadOf: (id) => wrapCustomer(store.customers.get(id)!),
    msPerPlatformSecond: options.webhookMsPerSecond,
  });
  const presentHook = (hook: WebhookSubscription) => ({
    hook: { id: hook.id, name: hook.topic, event: hook.topic, url: hook.url, created_at: hook.createdAt },
  });

  app.get(
    '/v1/hooks.json',
    route('read_hooks', () => ({ body: webhooks.list().map(presentHook) })),
  );
  app.post(
    '/v1/hooks.json',
    route('write_hooks', (request) => {
      const hook = (writeBody(request) as { hook?: { event?: unknown; url?: unknown } }).hook;
      const event = hook?.event;
      const target = hook?.url;
      if (typeof event !== 'string' || !knownHookEvents.has(event)) {
        throw new JumpsellerApiError(422, 'Event is not included in the list');
      }
      if (typeof target !== 'string' || !/^https?:\/\/\S+$/.test(target)) {
        throw new JumpsellerApiError(422, 'Url is invalid');
      }
      return { body: presentHook(webhooks.subscribe(event, target, null, new Date())) };
    }),
  );
  app.delete(
    '/v1/hooks/:id(^\\d+).json',
    route('write_hooks', (request) => {
      if (!webhooks.unsubscribe(Number((request.params as { id: string }).id))) {
        throw new JumpsellerApiError(404, 'Not Found');
      }
      return { body: 'OK' };
    }),
  );
  app.get(
    '/v1/customers.json',
    route('read_customers', (request) => ({
      // Only `limit` and `page`: any other parameter (`email=`, `since_id=` …) is ignored (sheet §3).
      body: pageOf(store.customersByAscendingId(), searchParamsOf(request)).map(wrapCustomer),
    })),
  );
  app.get(
    '/v1/customers/count.json',
    route('read_customers', () => ({ body: { count: store.customers.size } })),
  );
  app.get(
    '/v1/customers/search.json',
    route('read_customers', (request) => {
      const params = searchParamsOf(request);
      const query = params.get('query') ?? '';
      const matches = store
        .customersByAscendingId()
        .filter((customer) => matchesJumpsellerSearch(customer, query));
      if (params.get('order') === 'desc') matches.reverse();
      return { body: pageOf(matches, params).map(wrapCustomer) };
    }),
  );
  app.get(
    '/v1/customers/email/*',
    route('read_customers', (request) => {
      const segment = pathOf(request).slice('/v1/customers/email/'.length);
      if (!segment.endsWith('.json')) throw new JumpsellerApiError(404, 'Not Found');
      let email: string;
      try {
        email = decodeURIComponent(segment.slice(0, -'.json'.length));
      } catch {
        throw new JumpsellerApiError(404, 'Customer not found');
      }
      const customer = store.customerByEmail(email);
      if (customer === undefined) throw new JumpsellerApiError(404, 'Customer not found');
      return { body: wrapCustomer(customer) };
    }),
  );
  app.get(
    customerPath,
    route('read_customers', (request) => ({ body: wrapCustomer(existingCustomer(request)) })),
  );
  app.post(
    '/v1/customers.json',
    route('write_customers', (request) => {
      const created = createJumpsellerCustomer(store, writeBody(request), new Date());
      webhooks.notify({ change: 'created', customerId: created.id }, new Date());
      return { body: wrapCustomer(created) };
    }),
  );
  app.put(
    customerPath,
    route('write_customers', (request) => {
      const updated = updateJumpsellerCustomer(
        store,
        existingCustomer(request),
        writeBody(request),
        new Date(),
      );
      webhooks.notify({ change: 'updated', customerId: updated.id }, new Date());
      return { body: wrapCustomer(updated) };
    }),
  );
  app.delete(
    customerPath,
    route('write_customers', (request) => {
      // The customer's orders stay, with their `customer.id` (sheet §6).
      const { id } = existingCustomer(request);
      webhooks.notify({ change: 'deleted', customerId: id }, new Date());
      store.remove(id);
      return { body: 'OK' };
    }),
  );
  app.get(
    '/v1/customers/:id(^\\d+)/orders.json',
    route('read_orders', (request) => ({
      body: pageOf(store.ordersOf(existingCustomer(request).id), searchParamsOf(request)).map(wrapOrder),
    })),
  );
  app.get(
    '/v1/customers/:id(^\\d+)/orders/status/*',
    route('read_orders', (request) => {
      const customer = existingCustomer(request);
      const segment = pathOf(request).replace(/^.*\/orders\/status\//, '');
      const status = decodeURIComponent(segment.replace(/\.json$/, ''));
      const orders = store.ordersOf(customer.id).filter((order) => order.status === status);
      return { body: pageOf(orders, searchParamsOf(request)).map(wrapOrder) };
    }),
  );
  app.get(
    '/v1/store/info.json',
    route('read_store', (request) => {
      const info: Record<string, unknown> = {
        name: 'Tienda Andina',
        code: storeCode,
        hooks_token: hooksToken,
        currency,
        country: 'CL',
        timezone: 'America/Santiago',
        email: 'hola@tiendaandina.example.com',
        url: 'https://tiendaandina.example.com',
        weight_unit: 'kg',
      };
      const fields = searchParamsOf(request).get('fields');
      const wanted = fields === null ? undefined : new Set(fields.split(',').map((field) => field.trim()));
      const store =
        wanted === undefined
          ? info
          : Object.fromEntries(Object.entries(info).filter(([key]) => wanted.has(key)));
      return { body: { store } };
    }),
  );

  const url = await server.listen();
  return {
    platform: 'jumpseller',
    url,
    hooksToken,
    webhooks: webhooks.controls,
    get credentials() {
      return { login, authToken };
    },
    seed(input) {
      baseline = input !== undefined && 'customers' in input ? input : generated(input?.count, input?.seed);
      store = storeOf();
    },
    ...server.controls,
    stored(id) {
      const customer = store.customers.get(Number(id));
      return customer === undefined ? undefined : store.present(customer);
    },
    customerIds() {
      return store.customersByAscendingId().map((customer) => String(customer.id));
    },
    revokeCredentials() {
      // The merchant resets the auth token in the Admin Panel; the login key stays (sheet §1).
      authToken = randomToken('');
    },
    reset() {
      store = storeOf();
      authToken = originalToken;
      secondLimiter.clear();
      minuteLimiter.clear();
      throttleHits.clear();
      bans.clear();
      server.faults.clear();
      server.requests.length = 0;
      webhooks.clear();
    },
    async close() {
      webhooks.sender.close();
      await server.close();
    },
  };
}
