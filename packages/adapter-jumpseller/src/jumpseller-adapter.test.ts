import {
  InvalidRequestError,
  NotFoundError,
  UpstreamRateLimitedError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { runAdapterConformance } from '@unicart/core/testing';
import {
  type JumpsellerCustomerRecord,
  type JumpsellerOrderRecord,
  type JumpsellerSimulator,
  type JumpsellerSimulatorOptions,
  jumpsellerCustomerFacts,
  startJumpsellerSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import chileFixture from './__fixtures__/jumpseller-customer-chile.json' with { type: 'json' };
import fullFixture from './__fixtures__/jumpseller-customer-full.json' with { type: 'json' };
import noAddressFixture from './__fixtures__/jumpseller-customer-no-address.json' with { type: 'json' };
import shippingOnlyFixture from './__fixtures__/jumpseller-customer-shipping-only.json' with { type: 'json' };
import guestOrderFixture from './__fixtures__/jumpseller-order-guest.json' with { type: 'json' };
import paidOrderFixture from './__fixtures__/jumpseller-order-paid.json' with { type: 'json' };
import pendingOrderFixture from './__fixtures__/jumpseller-order-pending.json' with { type: 'json' };
import { createJumpsellerAdapter, jumpsellerPlatform } from './jumpseller-adapter';

runAdapterConformance({
  definition: jumpsellerPlatform,
  simulator: startJumpsellerSimulator,
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url }),
  secrets: (simulator) => [simulator.credentials.login, simulator.credentials.authToken],
  native: jumpsellerCustomerFacts,
});

/** A fixture as the simulator stores it: the answer without the derived `fullname`. */
function record(fixture: object): JumpsellerCustomerRecord {
  const { fullname: _derived, ...stored } = fixture as JumpsellerCustomerRecord & { fullname: string };
  return stored;
}

const ana = record(fullFixture);
const customers = [ana, record(chileFixture), record(noAddressFixture), record(shippingOnlyFixture)];
const orders = [
  paidOrderFixture,
  pendingOrderFixture,
  guestOrderFixture,
] as unknown as JumpsellerOrderRecord[];

describe('Jumpseller adapter on the wire', () => {
  let simulator: JumpsellerSimulator;
  const adapter = (target: JumpsellerSimulator = simulator) =>
    createJumpsellerAdapter({
      ...target.credentials,
      baseUrl: target.url,
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
  const sent = (target: JumpsellerSimulator = simulator) =>
    target.requests.map(
      (request) =>
        `${request.method} ${request.path}${
          Object.keys(request.query).length === 0 ? '' : `?${new URLSearchParams(request.query)}`
        }`,
    );
  async function withSimulator(
    options: JumpsellerSimulatorOptions,
    run: (other: JumpsellerSimulator) => Promise<void>,
  ) {
    const other = await startJumpsellerSimulator({ count: 0, ...options });
    other.seed({ customers, orders });
    try {
      await run(other);
    } finally {
      await other.close();
    }
  }

  beforeAll(async () => {
    simulator = await startJumpsellerSimulator({ count: 0 });
    simulator.seed({ customers, orders });
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('authenticates with HTTP Basic only, never with credentials in the URL', async () => {
    await adapter().getCustomer('4102217');
    const { login, authToken } = simulator.credentials;
    const [first] = simulator.requests;
    expect(first?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${login}:${authToken}`).toString('base64')}`,
    );
    expect(first?.query).toStrictEqual({});
  });

  it('pages the list by number and carries offsets, so the page size may change between pages', async () => {
    const first = await adapter().listCustomers({ limit: 2, cursor: null });
    expect(first.items.map((customer) => customer.id)).toStrictEqual(['4102217', '4102218']);
    const second = await adapter().listCustomers({ limit: 1, cursor: first.nextCursor });
    const third = await adapter().listCustomers({ limit: 2, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((customer) => customer.id)).toStrictEqual([
      '4102230',
      '4102301',
    ]);
    expect(sent().filter((line) => line.startsWith('GET /v1/customers.json'))).toStrictEqual([
      'GET /v1/customers.json?limit=2&page=1',
      'GET /v1/customers.json?limit=1&page=3',
      'GET /v1/customers.json?limit=2&page=2',
    ]);
  });

  it('gives every customer the store currency, read once', async () => {
    const page = await adapter().listCustomers({ limit: 10, cursor: null });
    expect(page.items.map((customer) => customer.currency)).toStrictEqual(['USD', 'USD', 'USD', 'USD']);
    expect(sent().filter((line) => line.includes('/store/info.json'))).toStrictEqual([
      'GET /v1/store/info.json?fields=currency',
    ]);
  });

  it('looks an email up as an encoded path segment and compares it ignoring case', async () => {
    simulator.seed({ customers: [{ ...ana, email: 'Ana+Shop/1@Example.com' }], orders: [] });
    const page = await adapter().listCustomers({ email: 'ana+shop/1@example.COM', limit: 10, cursor: null });
    expect(page.items.map((customer) => customer.id)).toStrictEqual(['4102217']);
    expect(sent()[0]).toBe('GET /v1/customers/email/ana%2Bshop%2F1%40example.COM.json');
    const none = await adapter().listCustomers({ email: 'nobody@example.com', limit: 10, cursor: null });
    expect(none).toStrictEqual({ items: [], nextCursor: null });
    simulator.seed({ customers, orders });
  });

  it('uses Jumpseller’s loose search and narrows it exactly for the other filters', async () => {
    const page = await adapter().listCustomers({
      search: 'ana',
      email: 'ana.reyes@example.com',
      limit: 10,
      cursor: null,
    });
    expect(page.items.map((customer) => customer.id)).toStrictEqual(['4102217']);
    expect(sent()[0]).toBe('GET /v1/customers/search.json?query=ana&order=asc&limit=100&page=1');
  });

  it('reads each id of an ids filter, skipping unknown ones', async () => {
    const page = await adapter().listCustomers({
      ids: ['4102301', '999', '4102217'],
      limit: 10,
      cursor: null,
    });
    expect(page.items.map((customer) => customer.id)).toStrictEqual(['4102301', '4102217']);
    expect(sent().filter((line) => line.startsWith('GET /v1/customers/'))).toStrictEqual([
      'GET /v1/customers/4102301.json',
      'GET /v1/customers/999.json',
      'GET /v1/customers/4102217.json',
    ]);
  });

  it('starts a sinceId list at the first customer above it, found with one-customer pages', async () => {
    const many = Array.from({ length: 40 }, (_, index) => ({
      ...ana,
      id: 5_000 + index * 3,
      email: `c${index}@example.com`,
    }));
    simulator.seed({ customers: many, orders: [] });
    const page = await adapter().listCustomers({ sinceId: '5090', limit: 5, cursor: null });
    expect(page.items.map((customer) => customer.id)).toStrictEqual(['5093', '5096', '5099', '5102', '5105']);
    const probes = sent().filter((line) => line.includes('limit=1&'));
    expect(probes.length).toBeLessThanOrEqual(12);
    expect(sent().filter((line) => line.includes('limit=100&'))).toStrictEqual([
      'GET /v1/customers.json?limit=100&page=1',
    ]);
    simulator.seed({ customers, orders });
  });

  it('counts with the count endpoint, and a name filter by scanning, matching the billing or shipping name', async () => {
    expect(await adapter().countCustomers({})).toBe(4);
    expect(sent()).toStrictEqual(['GET /v1/customers/count.json']);
    expect(await adapter().countCustomers({ name: '田中' })).toBe(1);
    expect(await adapter().countCustomers({ name: 'reyes' })).toBe(1);
  });

  it('creates a customer with the name in its billing address, as Jumpseller stores it', async () => {
    const created = await adapter().createCustomer({
      firstName: 'Élise',
      lastName: 'Durand',
      email: 'elise.durand@example.fr',
      acceptsMarketing: true,
    });
    const stored = simulator.stored(created.id);
    expect(stored?.billing_addresses).toStrictEqual([
      {
        name: 'Élise',
        surname: 'Durand',
        taxid: null,
        address: null,
        city: null,
        postal: null,
        municipality: null,
        region: null,
        country: null,
      },
    ]);
    expect([stored?.email, stored?.accepts_marketing]).toStrictEqual(['elise.durand@example.fr', true]);
    expect([created.firstName, created.lastName, created.acceptsMarketing, created.currency]).toStrictEqual([
      'Élise',
      'Durand',
      true,
      'USD',
    ]);
  });

  it('refuses what Jumpseller cannot store before any request', async () => {
    const error = await adapter()
      .createCustomer({ firstName: 'Ana', lastName: 'Reyes', note: 'VIP' })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toStrictEqual([
      'customer.email',
      'customer.note',
    ]);
    const update = await adapter()
      .updateCustomer('4102218', { tags: ['vip'] })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(update)).toBe(true);
    expect(simulator.requests).toHaveLength(0);
  });

  it('reports a taken email as an invalid request', async () => {
    const error = await adapter()
      .createCustomer({ firstName: 'Ana', lastName: 'Reyes', email: 'ANA.REYES@example.com' })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Jumpseller refused the customer: Validation failed: Email has already been taken',
    );
  });

  it('renames a customer by re-sending its whole billing address, tax id and comuna included', async () => {
    const updated = await adapter().updateCustomer('4102218', { lastName: 'Muñoz' });
    expect(sent()).toStrictEqual([
      'GET /v1/customers/4102218.json',
      'PUT /v1/customers/4102218.json',
      'GET /v1/store/info.json?fields=currency',
    ]);
    expect(simulator.stored('4102218')?.billing_addresses[0]).toStrictEqual({
      name: 'María José',
      surname: 'Muñoz',
      taxid: '12.345.678-5',
      address: 'Av. Providencia 1234, depto 56',
      city: 'Santiago',
      postal: '7500000',
      municipality: 'Providencia',
      region: '12',
      country: 'CL',
    });
    expect([updated.firstName, updated.lastName, updated.phone]).toStrictEqual([
      'María José',
      'Muñoz',
      '+56 9 8765 4321',
    ]);
  });

  it('changes a phone without reading the customer first', async () => {
    await adapter().updateCustomer('4102230', { phone: '+56 2 2345 6789' });
    expect(sent()[0]).toBe('PUT /v1/customers/4102230.json');
    expect(simulator.requests[0]?.body).toStrictEqual({ customer: { phone: '+56 2 2345 6789' } });
    expect(simulator.stored('4102230')?.phone).toBe('+56 2 2345 6789');
  });

  it('deletes, then answers not found for the same id', async () => {
    await adapter().deleteCustomer('4102230');
    expect(simulator.stored('4102230')).toBeUndefined();
    const error = await adapter()
      .deleteCustomer('4102230')
      .catch((caught: unknown) => caught);
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('pages a customer’s orders, never a guest order with the same email', async () => {
    const first = await adapter().listCustomerOrders('4102217', { limit: 1, cursor: null });
    const second = await adapter().listCustomerOrders('4102217', { limit: 1, cursor: first.nextCursor });
    const third = await adapter().listCustomerOrders('4102217', { limit: 1, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((order) => order.id)).toStrictEqual([
      '10231',
      '10240',
    ]);
    expect(third.nextCursor).toBeNull();
    expect(sent().filter((line) => line.includes('/orders'))).toStrictEqual([
      'GET /v1/customers/4102217/orders.json?limit=1&page=1',
      'GET /v1/customers/4102217/orders.json?limit=1&page=2',
      'GET /v1/customers/4102217/orders.json?limit=1&page=3',
    ]);
  });

  it('retries the older 403 "Rate Limit Exceeded" as throttling and never reports it as a credential failure', async () => {
    await withSimulator({ rateLimit: { status: 403 } }, async (older) => {
      older.failNext('rateLimited');
      expect((await adapter(older).getCustomer('4102217'))?.id).toBe('4102217');
      expect(older.requests.filter((request) => request.path === '/v1/customers/4102217.json')).toHaveLength(
        2,
      );
      older.failNext('rateLimited', 10);
      const error = await adapter(older)
        .getCustomer('4102217')
        .catch((caught: unknown) => caught);
      expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(false);
    });
  });

  it('answers a 403 without a throttling sign as a credential failure, and a store without read_store with no currency', async () => {
    await withSimulator({ permissions: ['read_customers'] }, async (limited) => {
      const customer = await adapter(limited).getCustomer('4102217');
      expect(customer?.currency).toBeNull();
      const error = await adapter(limited)
        .listCustomerOrders('4102217', { limit: 5, cursor: null })
        .catch((caught: unknown) => caught);
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
      expect((error as UpstreamUnauthorizedError).status).toBe(424);
    });
  });

  it('sends a burst of 60 reads at no more than 17 in any second, below Jumpseller’s 20', async () => {
    await withSimulator({}, async (limited) => {
      const sentAt: number[] = [];
      const client = createJumpsellerAdapter({
        ...limited.credentials,
        baseUrl: limited.url,
        fetch: (input, init) => {
          sentAt.push(performance.now());
          return fetch(input, init);
        },
      });
      const customers = await Promise.all(Array.from({ length: 60 }, () => client.getCustomer('4102217')));
      expect(customers.every((customer) => customer?.id === '4102217')).toBe(true);
      const mostInOneSecond = Math.max(
        ...sentAt.map((start) => sentAt.filter((time) => time >= start && time < start + 1000).length),
      );
      expect(mostInOneSecond).toBeLessThanOrEqual(17);
    });
  });
});
