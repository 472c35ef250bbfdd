import type { GeneratedSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../kit/random-token';
import type { SandboxSimulator } from '../kit/simulator';
import { createSimulatorServer, type ListenOptions, pathOf, readBody } from '../kit/simulator-server';
import type { SimulatorWebhooks } from '../kit/webhook-sender';
import { seedPeople } from '../seed/seed-people';
import { customerComparator, customerPredicate } from './bigcommerce-customer-search';
import {
  createBigCommerceAddresses,
  createBigCommerceCustomers,
  updateBigCommerceAddresses,
  updateBigCommerceCustomers,
} from './bigcommerce-customer-write';
import { BigCommerceError, notFound, unauthorized, unprocessable } from './bigcommerce-error';
import { bigcommerceStates } from './bigcommerce-geography';
import { pageV2, pageV3 } from './bigcommerce-pagination';
import { BigCommerceParameters } from './bigcommerce-parameters';
import { type BigCommerceRateLimit, StoreQuota, standardPlanRateLimit } from './bigcommerce-rate-limit';
import { bigcommerceDate, toBigCommerceData } from './bigcommerce-seed';
import { BigCommerceStore, type CustomerIncludes } from './bigcommerce-store';
import type {
  BigCommerceCustomerRecord,
  BigCommerceData,
  BigCommerceOrderRecord,
  BigCommerceSubscriberRecord,
} from './bigcommerce-types';
import { bigCommerceHookScopes, createBigCommerceWebhooks } from './bigcommerce-webhooks';

/** Credentials in the gateway's shape for BigCommerce (CONTRACT §2). */
export interface BigCommerceCredentials {
  readonly storeHash: string;
  readonly accessToken: string;
}

export interface BigCommerceSimulatorOptions extends ListenOptions, GeneratedSeed {
  /** Default `abc123`. */
  readonly storeHash?: string;
  /** Default: a random token. */
  readonly accessToken?: string;
  /** Store currency (default `USD`). */
  readonly currency?: string;
  /** The store's request quota (default the Standard plan's 150 per 30 s); `false`: unlimited. */
  readonly rateLimit?: BigCommerceRateLimit | false;
  /** Native records to start with instead of generated ones. */
  readonly data?: BigCommerceData;
  /** The app's client secret, which signs its webhooks (default: a random one). */
  readonly clientSecret?: string;
  /** Real milliseconds per second of BigCommerce's webhook retry waits (default 1). */
  readonly webhookMsPerSecond?: number;
}

/** A running BigCommerce simulator. */
export interface BigCommerceSimulator
  extends SandboxSimulator<BigCommerceCredentials, BigCommerceCustomerRecord, BigCommerceOrderRecord> {
  /** Replaces all data: generated, or native customers, orders and subscribers. */
  seed(input?: GeneratedSeed | BigCommerceData): void;
  /** The back door to consent: the stored subscriber with this email (case-insensitive). */
  subscriber(email: string): BigCommerceSubscriberRecord | undefined;
  /** The back door to orders: every stored order, in id order. */
  storedOrders(): BigCommerceOrderRecord[];
  /** The app's client secret, which signs its webhooks. */
  readonly clientSecret: string;
  /** The webhooks sent to the hooks created through `/v3/hooks`. */
  readonly webhooks: SimulatorWebhooks;
}

const jsonType = 'application/json';

function includesOf(parameters: BigCommerceParameters): CustomerIncludes {
  const include = parameters.list('include') ?? [];
  return { addresses: include.includes('addresses'), storeCredit: include.includes('storecredit') };
}

/** The request body, after BigCommerce's content checks: JSON only (415 otherwise, sheet §1). */
function jsonBody(request: FastifyRequest): unknown {
  const body = readBody(request);
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'none':
      throw unprocessable('Input is invalid.', { '': 'A request body is required.' });
    case 'invalidJson':
      throw new BigCommerceError(400, 'Input is invalid.', { '': 'The body is not valid JSON.' });
    default:
      throw new BigCommerceError(415, 'The request content type is not supported. Use application/json.');
  }
}

/**
 * Starts a stateful simulator of BigCommerce's REST Management API for customers (v3), addresses,
 * subscribers, orders (v2), store information and state lists (sheet `bigcommerce.md`), behind
 * `X-Auth-Token` and a per-store request quota announced in headers, on a free loopback port.
 */
export async function startBigCommerceSimulator(
  options: BigCommerceSimulatorOptions = {},
): Promise<BigCommerceSimulator> {
  const storeHash = options.storeHash ?? 'abc123';
  const originalToken = options.accessToken ?? randomToken('');
  let accessToken = originalToken;
  const currency = options.currency ?? 'USD';
  const quota =
    options.rateLimit === false ? undefined : new StoreQuota(options.rateLimit ?? standardPlanRateLimit);
  const generate = (count?: number, seed?: number) => toBigCommerceData(seedPeople(count, seed), currency);
  let baseline: BigCommerceData = options.data ?? generate(options.count, options.seed);
  let store = new BigCommerceStore(baseline);
  const isV2 = (request: FastifyRequest) => pathOf(request).includes('/v2/');
  const clientSecret = options.clientSecret ?? randomToken('');
  const webhooks = createBigCommerceWebhooks({
    storeHash,
    clientSecret,
    msPerPlatformSecond: options.webhookMsPerSecond,
  });

  function sendError(request: FastifyRequest, reply: FastifyReply, error: BigCommerceError): FastifyReply {
    const body = isV2(request) ? error.v2Body : error.v3Body;
    return reply.code(error.status).header('content-type', jsonType).send(JSON.stringify(body));
  }

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, request, reply) {
      switch (kind) {
        case 'rateLimited':
          return sendError(
            request,
            reply
              .header('X-Rate-Limit-Time-Window-Ms', '30000')
              .header('X-Rate-Limit-Time-Reset-Ms', '1000')
              .header('X-Rate-Limit-Requests-Quota', '150')
              .header('X-Rate-Limit-Requests-Left', '0')
              .header('X-Retry-After', '1'),
            new BigCommerceError(429, 'Too many requests'),
          );
        case 'serverError':
          return sendError(request, reply, new BigCommerceError(500, 'Internal Server Error'));
        case 'unauthorized':
          return sendError(request, reply, unauthorized());
        case 'malformed':
          return reply.code(200).header('content-type', jsonType).send('{"data":[{"id":1,"email":"ana@exa');
      }
    },
    answerNotFound(request, reply) {
      return sendError(request, reply, notFound());
    },
  });

  interface Answer {
    readonly status?: number;
    readonly body?: unknown;
  }

  function route(handle: (request: FastifyRequest, parameters: BigCommerceParameters) => Answer) {
    return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      try {
        const { storeHash: hash } = request.params as { storeHash: string };
        if (hash !== storeHash || request.headers['x-auth-token'] !== accessToken) throw unauthorized();
        const verdict = quota?.take();
        for (const [name, value] of Object.entries(verdict?.headers ?? {})) reply.header(name, value);
        if (verdict !== undefined && !verdict.allowed) throw new BigCommerceError(429, 'Too many requests');
        const answer = handle(request, new BigCommerceParameters(request));
        const status = answer.status ?? 200;
        if (status === 204) return reply.code(204).send();
        return reply.code(status).header('content-type', jsonType).send(JSON.stringify(answer.body));
      } catch (error) {
        if (error instanceof BigCommerceError) return sendError(request, reply, error);
        throw error;
      }
    };
  }

  const v3 = '/stores/:storeHash/v3';
  const v2 = '/stores/:storeHash/v2';
  const { app } = server;

  app.get(
    `${v3}/customers`,
    route((_request, parameters) => {
      const keep = customerPredicate(parameters);
      const compare = customerComparator(parameters);
      const matching = store.customersById().filter(keep);
      if (compare !== undefined) matching.sort(compare);
      const includes = includesOf(parameters);
      const page = pageV3(parameters, matching, true);
      return {
        body: {
          data: page.items.map((customer) => store.presentCustomer(customer, includes)),
          meta: page.meta,
        },
      };
    }),
  );
  // Writes answer the customers with their addresses (sheet §2.2).
  const written = { addresses: true, storeCredit: false };
  app.post(
    `${v3}/customers`,
    route((request) => {
      const created = createBigCommerceCustomers(store, jsonBody(request), new Date());
      for (const customer of created) webhooks.notify(webhooks.customer('created', customer.id), new Date());
      return {
        body: { data: created.map((customer) => store.presentCustomer(customer, written)), meta: {} },
      };
    }),
  );
  app.put(
    `${v3}/customers`,
    route((request) => {
      const updated = updateBigCommerceCustomers(store, jsonBody(request), new Date());
      for (const customer of updated) webhooks.notify(webhooks.customer('updated', customer.id), new Date());
      return {
        body: { data: updated.map((customer) => store.presentCustomer(customer, written)), meta: {} },
      };
    }),
  );
  // Without `id:in` nothing is deleted, and the answer is the same 204 (sheet §9.3).
  app.delete(
    `${v3}/customers`,
    route((_request, parameters) => {
      for (const id of parameters.integers('id:in') ?? []) {
        if (store.customers.delete(id)) webhooks.notify(webhooks.customer('deleted', id), new Date());
      }
      return { status: 204 };
    }),
  );

  app.get(
    `${v3}/customers/addresses`,
    route((_request, parameters) => {
      const customerIds = parameters.integers('customer_id:in');
      const ids = parameters.integers('id:in');
      const addresses = store
        .customersById()
        .filter((customer) => customerIds === undefined || customerIds.includes(customer.id))
        .flatMap((customer) => customer.addresses)
        .filter((address) => ids === undefined || ids.includes(address.id))
        .sort((left, right) => left.id - right.id);
      const page = pageV3(parameters, addresses, false);
      return { body: { data: page.items, meta: page.meta } };
    }),
  );
  app.post(
    `${v3}/customers/addresses`,
    route((request) => {
      const created = createBigCommerceAddresses(store, jsonBody(request));
      for (const address of created) webhooks.notify(webhooks.address('created', address), new Date());
      // Nothing created (every address a duplicate): BigCommerce answers `{}` (sheet §2.3).
      return { body: created.length === 0 ? {} : { data: created, meta: {} } };
    }),
  );
  app.put(
    `${v3}/customers/addresses`,
    route((request) => {
      const updated = updateBigCommerceAddresses(store, jsonBody(request));
      for (const address of updated) webhooks.notify(webhooks.address('updated', address), new Date());
      return { body: { data: updated, meta: {} } };
    }),
  );
  app.delete(
    `${v3}/customers/addresses`,
    route((_request, parameters) => {
      const ids = parameters.integers('id:in') ?? [];
      for (const customer of store.customers.values()) {
        for (const address of customer.addresses.filter((candidate) => ids.includes(candidate.id))) {
          webhooks.notify(webhooks.address('deleted', address), new Date());
        }
        customer.addresses = customer.addresses.filter((address) => !ids.includes(address.id));
      }
      return { status: 204 };
    }),
  );

  const hookById = (request: FastifyRequest) => {
    const hook = webhooks.find(Number((request.params as { id: string }).id));
    if (hook === undefined) throw notFound();
    return hook;
  };
  app.get(
    `${v3}/hooks`,
    route(() => {
      const hooks = webhooks.list().map(webhooks.present);
      const pagination = {
        count: hooks.length,
        current_page: 1,
        per_page: 50,
        total: hooks.length,
        total_pages: 1,
      };
      return { body: { data: hooks, meta: { pagination } } };
    }),
  );
  app.post(
    `${v3}/hooks`,
    route((request) => {
      const input = jsonBody(request) as Record<string, unknown>;
      const problems: Record<string, string> = {};
      if (typeof input.scope !== 'string' || !bigCommerceHookScopes.has(input.scope))
        problems.scope = 'scope is invalid';
      // Real hooks need an https destination on port 443; the sandbox delivers to loopback http too.
      if (typeof input.destination !== 'string' || !/^https?:\/\/\S+$/.test(input.destination)) {
        problems.destination = 'destination must be a URL';
      }
      if (Object.keys(problems).length > 0) throw unprocessable('Input is invalid.', problems);
      const hook = webhooks.create({
        scope: input.scope as string,
        destination: input.destination as string,
        isActive: input.is_active !== false,
        headers: (input.headers ?? {}) as Record<string, string>,
      });
      return { body: { data: webhooks.present(hook), meta: {} } };
    }),
  );
  app.get(
    `${v3}/hooks/:id(^\\d+$)`,
    route((request) => ({ body: { data: webhooks.present(hookById(request)), meta: {} } })),
  );
  app.delete(
    `${v3}/hooks/:id(^\\d+$)`,
    route((request) => {
      const hook = webhooks.present(hookById(request));
      webhooks.remove(hook.id);
      return { body: { data: hook, meta: {} } };
    }),
  );

  const subscriberById = (request: FastifyRequest) => {
    const subscriber = store.subscribers.get(Number((request.params as { id: string }).id));
    if (subscriber === undefined) throw notFound();
    return subscriber;
  };
  function readSubscriber(body: unknown, target: BigCommerceSubscriberRecord, creating: boolean): void {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw unprocessable('Input is invalid.', { '': 'must be an object' });
    }
    const fields = body as Record<string, unknown>;
    const problems: Record<string, string> = {};
    if (creating && typeof fields.email !== 'string') problems.email = 'email is required';
    for (const key of ['email', 'first_name', 'last_name'] as const) {
      if (fields[key] === undefined) continue;
      if (typeof fields[key] === 'string') target[key] = fields[key];
      else problems[key] = `${key} must be a string`;
    }
    if (fields.consents !== undefined) {
      const consents = fields.consents;
      if (
        Array.isArray(consents) &&
        consents.every((consent) => consent === 'marketing_newsletter' || consent === 'abandoned_cart')
      ) {
        target.consents = [...new Set(consents as string[])];
      } else problems.consents = 'consents must be a list of marketing_newsletter, abandoned_cart';
    }
    if (fields.source !== undefined) {
      if (fields.source === 'storefront' || fields.source === 'order' || fields.source === 'custom')
        target.source = fields.source;
      else problems.source = 'source must be storefront, order or custom';
    }
    if (Object.keys(problems).length > 0) throw unprocessable('Input is invalid.', problems);
  }
  app.get(
    `${v3}/customers/subscribers`,
    route((_request, parameters) => {
      const email = parameters.text('email')?.toLowerCase();
      const ids = parameters.integers('id:in');
      const subscribers = [...store.subscribers.values()]
        .filter((subscriber) => email === undefined || subscriber.email.toLowerCase() === email)
        .filter((subscriber) => ids === undefined || ids.includes(subscriber.id))
        .sort((left, right) => left.id - right.id);
      const page = pageV3(parameters, subscribers, false);
      return { body: { data: page.items, meta: page.meta } };
    }),
  );
  app.post(
    `${v3}/customers/subscribers`,
    route((request) => {
      const now = bigcommerceDate(new Date());
      const subscriber: BigCommerceSubscriberRecord = {
        id: 0,
        email: '',
        first_name: '',
        last_name: '',
        source: 'custom',
        order_id: null,
        channel_id: 1,
        consents: [],
        date_created: now,
        date_modified: now,
      };
      readSubscriber(jsonBody(request), subscriber, true);
      const taken = [...store.subscribers.values()].some(
        (other) => other.email.toLowerCase() === subscriber.email.toLowerCase(),
      );
      if (taken) {
        throw new BigCommerceError(409, 'The subscriber could not be created: there is a conflict.', {
          email: `A subscriber with the email ${subscriber.email} already exists.`,
        });
      }
      subscriber.id = store.allocateSubscriberId();
      store.subscribers.set(subscriber.id, subscriber);
      return { body: { data: subscriber, meta: {} } };
    }),
  );
  app.get(
    `${v3}/customers/subscribers/:id(^\\d+$)`,
    route((request) => ({ body: { data: subscriberById(request), meta: {} } })),
  );
  app.put(
    `${v3}/customers/subscribers/:id(^\\d+$)`,
    route((request) => {
      const subscriber = structuredClone(subscriberById(request));
      readSubscriber(jsonBody(request), subscriber, false);
      subscriber.date_modified = bigcommerceDate(new Date());
      store.subscribers.set(subscriber.id, subscriber);
      return { body: { data: subscriber, meta: {} } };
    }),
  );
  app.delete(
    `${v3}/customers/subscribers/:id(^\\d+$)`,
    route((request) => {
      store.subscribers.delete(subscriberById(request).id);
      return { status: 204 };
    }),
  );

  // v2 collections answer 204 with no body when empty (sheet §9.9).
  const v2Collection = (items: readonly unknown[]): Answer =>
    items.length === 0 ? { status: 204 } : { body: items };
  const orderSorts: Readonly<Record<string, (order: BigCommerceOrderRecord) => number>> = {
    id: (order) => order.id,
    customer_id: (order) => order.customer_id,
    date_created: (order) => Date.parse(order.date_created),
    date_modified: (order) => Date.parse(order.date_modified),
    status_id: (order) => order.status_id,
  };
  app.get(
    `${v2}/orders`,
    route((_request, parameters) => {
      const customerId = parameters.text('customer_id');
      const email = parameters.text('email')?.toLowerCase();
      const [sortKey = 'id', direction = 'asc'] = (parameters.text('sort') ?? 'id').split(':');
      const read = orderSorts[sortKey];
      if (read === undefined) throw new BigCommerceError(400, `The field 'sort' is invalid.`);
      const sign = direction === 'desc' ? -1 : 1;
      const orders = [...store.orders.values()]
        .filter((order) => customerId === undefined || String(order.customer_id) === customerId)
        .filter((order) => email === undefined || order.billing_address.email.toLowerCase() === email)
        .sort((left, right) => sign * (read(left) - read(right)) || left.id - right.id);
      return v2Collection(pageV2(parameters, orders).map((order) => store.presentOrder(order, storeHash)));
    }),
  );
  const orderById = (request: FastifyRequest) => {
    const order = store.orders.get(Number((request.params as { id: string }).id));
    if (order === undefined) throw notFound();
    return order;
  };
  app.get(
    `${v2}/orders/:id(^\\d+$)`,
    route((request) => ({ body: store.presentOrder(orderById(request), storeHash) })),
  );
  app.get(
    `${v2}/orders/:id(^\\d+$)/products`,
    route((request, parameters) => v2Collection(pageV2(parameters, orderById(request).products))),
  );
  app.get(
    `${v2}/store`,
    route(() => ({
      body: {
        id: storeHash,
        domain: `store-${storeHash}.mybigcommerce.com`,
        name: 'Unicart Sandbox Store',
        currency,
        currency_symbol: currency === 'USD' ? '$' : currency,
        timezone: { name: 'America/Chicago', raw_offset: -21600, dst_offset: -18000, dst_correction: true },
        plan_name: 'Standard',
        plan_level: 'Standard',
      },
    })),
  );
  app.get(
    `${v2}/countries`,
    route((_request, parameters) => {
      const iso2 = parameters.text('country_iso2')?.toUpperCase();
      const countries = [...bigcommerceStates.values()]
        .map(({ country }) => country)
        .filter((country) => iso2 === undefined || country.country_iso2 === iso2)
        .map((country) => ({ ...country, states: { url: '', resource: `/countries/${country.id}/states` } }));
      return v2Collection(pageV2(parameters, countries));
    }),
  );
  app.get(
    `${v2}/countries/:id(^\\d+$)/states`,
    route((request, parameters) => {
      const id = Number((request.params as { id: string }).id);
      const table = [...bigcommerceStates.values()].find(({ country }) => country.id === id);
      const name = parameters.text('state')?.toLowerCase();
      const abbreviation = parameters.text('state_abbreviation')?.toLowerCase();
      const states = (table?.states ?? [])
        .filter((state) => name === undefined || state.state.toLowerCase() === name)
        .filter(
          (state) => abbreviation === undefined || state.state_abbreviation.toLowerCase() === abbreviation,
        );
      return v2Collection(pageV2(parameters, states));
    }),
  );

  const url = await server.listen();
  return {
    platform: 'bigcommerce',
    clientSecret,
    webhooks: webhooks.controls,
    url,
    get credentials() {
      return { storeHash, accessToken };
    },
    seed(input) {
      baseline = input !== undefined && 'customers' in input ? input : generate(input?.count, input?.seed);
      store = new BigCommerceStore(baseline);
    },
    ...server.controls,
    stored(id) {
      const customer = store.customers.get(Number(id));
      return customer === undefined ? undefined : structuredClone(customer);
    },
    subscriber(email) {
      const wanted = email.toLowerCase();
      const found = [...store.subscribers.values()].find(
        (subscriber) => subscriber.email.toLowerCase() === wanted,
      );
      return found === undefined ? undefined : structuredClone(found);
    },
    storedOrders() {
      return [...store.orders.values()]
        .sort((left, right) => left.id - right.id)
        .map((order) => structuredClone(order));
    },
    customerIds() {
      return store.customersById().map((customer) => String(customer.id));
    },
    revokeCredentials() {
      accessToken = randomToken('');
    },
    reset() {
      store = new BigCommerceStore(baseline);
      accessToken = originalToken;
      quota?.clear();
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
