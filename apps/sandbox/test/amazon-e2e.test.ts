/**
 * End to end for Amazon (CONTRACT.md §6): the built gateway as a real child process and the Amazon
 * simulator. The store registers (sync always on), its mirror is built from the orders by the sync
 * engine, and every read is checked against the buyers the simulator's orders show, read with the
 * sandbox's own derivation (`amazonCustomerFacts`), never the adapter's.
 *
 * Simulated limits: searchOrders keeps Amazon's burst of 20 with its rate scaled ×1000 (5.6 calls a
 * second), and the 2-minute rule is shortened to one second, so the first read and the polls take
 * seconds; the bench measures the real rate.
 */
import { type Customer, customerSchema, orderSchema } from '@unicart/core';
import { expectedToMatch, type NativeCustomerFacts } from '@unicart/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amazonCustomerFacts } from '../src/amazon/amazon-buyers';
import { type AmazonSimulator, startAmazonSimulator } from '../src/amazon/amazon-simulator';
import {
  type ConnectedStore,
  connectStore,
  type GatewayProcess,
  startGatewayProcess,
} from '../src/gateway-process';
import { checkEveryGatewayResponse } from './support/openapi-contract';

let amazon: AmazonSimulator;
let gateway: GatewayProcess;
let store: ConnectedStore;
let contractCheck: Awaited<ReturnType<typeof checkEveryGatewayResponse>> | undefined;
let everyone: Customer[] = [];

interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function api(path: string, init: RequestInit = {}): Promise<ApiAnswer> {
  const response = await fetch(`${gateway.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${store.accessToken}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? {} : JSON.parse(text) };
}

async function listAll(filters: Readonly<Record<string, string>>, limit = 100): Promise<Customer[]> {
  const customers: Customer[] = [];
  let page: string | null = null;
  do {
    const parameters = new URLSearchParams({
      ...filters,
      limit: String(limit),
      ...(page === null ? {} : { page }),
    });
    const answer = await api(`/api/v2/customers?${parameters}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    customers.push(...(answer.body.customers as Customer[]));
    page = (answer.body.pagination as { next: string | null }).next;
  } while (page !== null);
  return customers;
}

const facts = (): NativeCustomerFacts[] =>
  amazon
    .customerIds()
    .map((id) =>
      amazonCustomerFacts(amazon.stored(id) as NonNullable<ReturnType<AmazonSimulator['stored']>>),
    );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const answer = await api('/api/v2/sync');
    const sync = answer.body.sync as { status: string };
    if (sync.status === 'ready') return;
    await sleep(250);
  }
  throw new Error('The Amazon store never became ready');
}

beforeAll(async () => {
  amazon = await startAmazonSimulator({
    count: 400,
    seed: 21,
    settleMs: 1000,
    rateLimit: { perSecond: 5.6, burst: 20 },
  });
  gateway = await startGatewayProcess({
    environment: { UNICART_SYNC_INTERVAL_SECONDS: '1', UNICART_LOG_LEVEL: 'warn' },
  });
  contractCheck = await checkEveryGatewayResponse(gateway.url);
  store = await connectStore(gateway, {
    platform: 'amazon',
    name: 'Sandbox Amazon seller',
    credentials: amazon.credentials,
    baseUrl: amazon.url,
  });
  await waitUntilReady();
  everyone = await listAll({});
}, 90_000);

afterAll(async () => {
  contractCheck?.restore();
  await gateway?.stop();
  await amazon?.close();
});

describe('an Amazon store through the gateway', () => {
  it('has sync on, and says so in the store list and the sync state', async () => {
    const sync = (await api('/api/v2/sync')).body.sync as Record<string, unknown>;
    expect(sync).toMatchObject({ enabled: true, status: 'ready', customers: amazon.customerIds().length });
  });

  it('lists every buyer exactly once, each as the oracle derives it from the orders', () => {
    const ids = everyone.map((customer) => customer.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toStrictEqual(amazon.customerIds());
    const byId = new Map(facts().map((fact) => [fact.id, fact]));
    for (const customer of everyone) {
      customerSchema.strict().parse(customer);
      const fact = byId.get(customer.id);
      expect({
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        phone: customer.phone,
        createdAt: customer.dates.createdAt,
        updatedAt: customer.dates.updatedAt,
      }).toStrictEqual({
        email: fact?.email,
        firstName: fact?.firstName,
        lastName: fact?.lastName,
        phone: null,
        createdAt: fact?.createdAt?.toISOString(),
        updatedAt: fact?.updatedAt?.toISOString(),
      });
      const buyer = amazon.stored(customer.id);
      expect(customer.ordersCount).toBe(buyer?.orders.length);
    }
    expect(everyone.some((customer) => customer.currency === null && customer.totalSpent === null)).toBe(
      true,
    );
  });

  it('counts them', async () => {
    expect((await api('/api/v2/customers/count')).body).toStrictEqual({ count: amazon.customerIds().length });
  });

  it('narrows each filter to exactly the buyers the oracle says, across pages, and counts them', async () => {
    const all = facts();
    const instants = (pick: (fact: NativeCustomerFacts) => Date | null) =>
      all
        .map(pick)
        .filter((date) => date !== null)
        .map((date) => date.toISOString())
        .sort();
    const created = instants((fact) => fact.createdAt);
    const updated = instants((fact) => fact.updatedAt);
    const middle = (values: string[]) => values[Math.floor(values.length / 2)] ?? '';
    const named = all.find((fact) => (fact.lastName ?? '').length > 2);
    const lateNamed = all.find(
      (fact) => (fact.lastName ?? '').length > 2 && (fact.createdAt?.toISOString() ?? '') >= middle(created),
    );
    const cases: [Record<string, string>, Parameters<typeof expectedToMatch>[1]][] = [
      [{ 'createdAt[from]': middle(created) }, { createdAt: { from: middle(created) } }],
      [{ 'createdAt[to]': middle(created) }, { createdAt: { to: middle(created) } }],
      [{ 'updatedAt[from]': middle(updated) }, { updatedAt: { from: middle(updated) } }],
      [{ 'updatedAt[to]': middle(updated) }, { updatedAt: { to: middle(updated) } }],
      [{ name: named?.lastName?.toUpperCase() ?? '' }, { name: named?.lastName?.toUpperCase() ?? '' }],
      [{ email: all[3]?.email?.toUpperCase() ?? '' }, { email: all[3]?.email?.toUpperCase() ?? '' }],
      [
        { 'createdAt[from]': middle(created), name: lateNamed?.lastName ?? '' },
        { createdAt: { from: middle(created) }, name: lateNamed?.lastName ?? '' },
      ],
    ];
    for (const [parameters, filters] of cases) {
      const expected = all
        .filter((fact) => expectedToMatch(fact, filters))
        .map((fact) => fact.id)
        .sort();
      expect(expected.length, JSON.stringify(parameters)).toBeGreaterThan(0);
      const found = (await listAll(parameters, 7)).map((customer) => customer.id).sort();
      expect(found, JSON.stringify(parameters)).toStrictEqual(expected);
      const count = await api(`/api/v2/customers/count?${new URLSearchParams(parameters)}`);
      expect(count.body, JSON.stringify(parameters)).toStrictEqual({ count: expected.length });
    }
  });

  it('searches first name, last name and email, case-insensitively', async () => {
    const needle = 'MARKETPLACE.AMAZON.CA';
    const expected = facts()
      .filter((fact) =>
        [fact.firstName, fact.lastName, fact.email].some((value) =>
          value?.toLowerCase().includes(needle.toLowerCase()),
        ),
      )
      .map((fact) => fact.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await listAll({ search: needle })).map((customer) => customer.id).sort()).toStrictEqual(expected);
  });

  it('refuses ids and sinceId, which take numeric ids, with filter_not_supported', async () => {
    const answer = await api(`/api/v2/customers?sinceId=5`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'filter_not_supported', platform: 'amazon' });
  });

  it("gets each buyer as listed, 404 for an unknown one, and lists a buyer's orders", async () => {
    for (const customer of everyone.slice(0, 25)) {
      const answer = await api(`/api/v2/customers/${customer.id}`);
      expect(answer.body.customer).toStrictEqual(customer);
    }
    expect((await api('/api/v2/customers/0123456789abcdef01234567')).status).toBe(404);
    const buyer = everyone.find((customer) => (customer.ordersCount ?? 0) >= 2) as Customer;
    const orders: unknown[] = [];
    let page: string | null = null;
    do {
      const answer = await api(
        `/api/v2/customers/${buyer.id}/orders?limit=1${page === null ? '' : `&page=${encodeURIComponent(page)}`}`,
      );
      expect(answer.status).toBe(200);
      orders.push(...(answer.body.orders as unknown[]));
      page = (answer.body.pagination as { next: string | null }).next;
    } while (page !== null);
    const ids = orders.map((order) => orderSchema.parse(order).id).sort();
    expect(ids).toStrictEqual(
      amazon
        .stored(buyer.id)
        ?.orders.map((order) => order.orderId)
        .sort(),
    );
    for (const order of orders) expect(orderSchema.parse(order).customerId).toBe(buyer.id);
  });

  it('refuses create, update and delete with resource_not_available, and sends Amazon nothing', async () => {
    const before = amazon.requests.length;
    const id = everyone[0]?.id ?? '';
    const answers = [
      await api('/api/v2/customers', {
        method: 'POST',
        body: JSON.stringify({ customer: { firstName: 'Ana', lastName: 'Lima' } }),
      }),
      await api(`/api/v2/customers/${id}`, {
        method: 'PUT',
        body: JSON.stringify({ customer: { firstName: 'Ana' } }),
      }),
      await api(`/api/v2/customers/${id}`, { method: 'DELETE' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'resource_not_available',
        message: 'The resource is not available for this ecommerce',
      });
    }
    // Only the sync engine's polls may have reached Amazon meanwhile.
    expect(
      amazon.requests.slice(before).every((request) => request.path === '/orders/2026-01-01/orders'),
    ).toBe(true);
  });

  it('follows orders: a buyer appears when a pending order is paid, and goes when it is cancelled', async () => {
    const known = new Set(everyone.map((customer) => customer.email?.toLowerCase()));
    const pending = amazon
      .orders()
      .find(
        (order) =>
          order.fulfillment.fulfillmentStatus === 'PENDING' &&
          order.fulfillment.fulfilledBy === 'MERCHANT' &&
          !known.has(order.buyer.buyerEmail?.toLowerCase()),
      );
    expect(pending).toBeDefined();
    const count = async () => ((await api('/api/v2/customers/count')).body as { count: number }).count;
    const before = await count();
    amazon.updateOrder(pending?.orderId ?? '', (order) => {
      order.fulfillment.fulfillmentStatus = 'UNSHIPPED';
    });
    for (let attempt = 0; attempt < 80 && (await count()) !== before + 1; attempt += 1) await sleep(250);
    expect(await count()).toBe(before + 1);
    amazon.updateOrder(pending?.orderId ?? '', (order) => {
      order.fulfillment.fulfillmentStatus = 'CANCELLED';
    });
    for (let attempt = 0; attempt < 80 && (await count()) !== before; attempt += 1) await sleep(250);
    expect(await count()).toBe(before);
  }, 60_000);

  it('answered every request as its OpenAPI document says (each answer was checked as it came)', () => {
    expect(contractCheck?.checked()).toBeGreaterThan(50);
  });
});
