import { createHash } from 'node:crypto';
import {
  customerSchema,
  OperationNotSupportedError,
  orderSchema,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { runAdapterConformance } from '@unicart/core/testing';
import { type AmazonSimulator, amazonCustomerFacts, startAmazonSimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amazonPlatform, createAmazonAdapter } from './amazon-adapter';

/** The simulator with the 2-minute rule shortened and a rate limit the kit's many reads fit in. */
let clockOffsetMs = 0;
const startForTests = (options: { count?: number; seed?: number }) =>
  startAmazonSimulator({
    ...options,
    settleMs: 0,
    rateLimit: { perSecond: 50, burst: 1000 },
    now: () => Date.now() + clockOffsetMs,
  });

const settingsFor = (simulator: AmazonSimulator) => {
  const settings = { ...simulator.credentials, baseUrl: simulator.url, refreshAfterMs: 0 };
  return settings;
};

runAdapterConformance({
  definition: amazonPlatform,
  simulator: startForTests,
  settings: settingsFor,
  secrets: (simulator) => [simulator.credentials.clientSecret, simulator.credentials.refreshToken],
  native: amazonCustomerFacts,
  seed: { count: 40, seed: 11 },
});

describe('the Amazon adapter against its simulator', () => {
  let simulator: AmazonSimulator;
  beforeAll(async () => {
    simulator = await startForTests({ count: 150, seed: 5 });
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    clockOffsetMs = 0;
    simulator.reset();
  });

  const adapter = (extra: Record<string, unknown> = {}) =>
    createAmazonAdapter({ ...settingsFor(simulator), retry: { maxRetries: 1, baseDelayMs: 1 }, ...extra });

  it('gets a token from Login with Amazon, then reads the history window with searchOrders as the sheet says', async () => {
    await adapter({ historyDays: 730 }).countCustomers({});
    const [token, search] = simulator.requests;
    expect(token?.method).toBe('POST');
    expect(token?.path).toBe('/auth/o2/token');
    expect(token?.body).toStrictEqual({
      grant_type: 'refresh_token',
      refresh_token: simulator.credentials.refreshToken,
      client_id: simulator.credentials.clientId,
      client_secret: simulator.credentials.clientSecret,
    });
    expect(search?.path).toBe('/orders/2026-01-01/orders');
    expect(search?.headers['x-amz-access-token']).toMatch(/^Atza\|/);
    expect(search?.headers.authorization).toBeUndefined();
    const { createdAfter, ...rest } = search?.query ?? {};
    expect(Date.now() - Date.parse(createdAfter ?? '')).toBeGreaterThan(730 * 86_400_000 - 60_000);
    expect(createdAfter).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(rest).toStrictEqual({
      marketplaceIds: 'ATVPDKIKX0DER,A2EUQ1WTGCTBG2,A1AM78C64UM0Y8',
      includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT',
      maxResultsPerPage: '100',
    });
  });

  it('follows nextToken with the same parameters, then polls from the bound Amazon answered', async () => {
    const amazon = adapter();
    await amazon.countCustomers({});
    const searches = simulator.requests.filter((request) => request.path.startsWith('/orders'));
    expect(searches.length).toBeGreaterThan(1);
    for (const page of searches.slice(1)) {
      expect(page.query.paginationToken).toBeDefined();
      expect(page.query.createdAfter).toBe(searches[0]?.query.createdAfter);
    }
    const sent = simulator.requests.length;
    await amazon.countCustomers({});
    const [poll] = simulator.requests.slice(sent);
    expect(poll?.query.lastUpdatedAfter).toMatch(/Z$/);
    expect(poll?.query.createdAfter).toBeUndefined();
    expect(Date.parse(poll?.query.lastUpdatedAfter ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('derives every buyer as the oracle says, and lists ids, emails, currencies and totals of §6', async () => {
    const listed = [];
    for await (const customer of adapter().iterateCustomers({})) listed.push(customer);
    expect(listed.map((customer) => customer.id).sort()).toStrictEqual(simulator.customerIds());
    for (const customer of listed) {
      expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
      const buyer = simulator.stored(customer.id);
      const totals = buyer?.orders.map((order) => order.proceeds.grandTotal) ?? [];
      const currencies = new Set(totals.map((total) => total.currencyCode));
      expect(customer.ordersCount).toBe(buyer?.orders.length);
      expect(customer.currency).toBe(currencies.size === 1 ? [...currencies][0] : null);
      const cents = totals.reduce((sum, total) => sum + Math.round(Number(total.amount) * 100), 0);
      expect(customer.totalSpent).toBe(currencies.size === 1 ? cents / 100 : null);
    }
    expect(listed.some((customer) => customer.currency === null)).toBe(true);
  });

  it('lets an order that gains its email add its buyer, and one that is cancelled drop it', async () => {
    const amazon = adapter();
    const before = await amazon.countCustomers({});
    const pending = simulator
      .orders()
      .find(
        (order) =>
          order.fulfillment.fulfillmentStatus === 'PENDING' &&
          order.fulfillment.fulfilledBy === 'MERCHANT' &&
          simulator.stored(amazonIdOf(order.buyer.buyerEmail ?? '')) === undefined,
      );
    expect(pending).toBeDefined();
    simulator.updateOrder(pending?.orderId ?? '', (order) => {
      order.fulfillment.fulfillmentStatus = 'UNSHIPPED';
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await amazon.countCustomers({})).toBe(before + 1);
    simulator.updateOrder(pending?.orderId ?? '', (order) => {
      order.fulfillment.fulfillmentStatus = 'CANCELLED';
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await amazon.countCustomers({})).toBe(before);
  });

  it("lists a buyer's orders as canonical Orders, oldest first", async () => {
    const amazon = adapter();
    const [id] = simulator.customerIds();
    const page = await amazon.listCustomerOrders(id ?? '', { limit: 100, cursor: null });
    const expected =
      simulator
        .stored(id ?? '')
        ?.orders.map((order) => order.orderId)
        .sort() ?? [];
    expect(page.items.map((order) => order.id).sort()).toStrictEqual(expected);
    for (const order of page.items) expect(orderSchema.parse(order)).toStrictEqual(order);
  });

  it('refuses create, update and delete with resource_not_available and sends nothing', async () => {
    const amazon = adapter();
    for (const call of [
      () => amazon.createCustomer({ firstName: 'A', lastName: 'B' }),
      () => amazon.updateCustomer('0123456789abcdef01234567', { firstName: 'A' }),
      () => amazon.deleteCustomer('0123456789abcdef01234567'),
    ]) {
      await expect(call()).rejects.toSatisfy((error) => OperationNotSupportedError.isInstance(error));
    }
    expect(simulator.requests).toHaveLength(0);
  });

  it('reports a revoked authorization as rejected credentials', async () => {
    const amazon = adapter();
    simulator.revokeCredentials();
    await expect(amazon.countCustomers({})).rejects.toSatisfy((error) =>
      UpstreamUnauthorizedError.isInstance(error),
    );
  });

  it('renews an access token Amazon says expired, once, and repeats the call', async () => {
    const amazon = adapter();
    await amazon.countCustomers({});
    clockOffsetMs = 3_601_000;
    const sent = simulator.requests.length;
    await amazon.countCustomers({});
    expect(simulator.requests.slice(sent).map((request) => request.path)).toStrictEqual([
      '/orders/2026-01-01/orders',
      '/auth/o2/token',
      '/orders/2026-01-01/orders',
    ]);
  });

  it('waits for a token of the bucket after a 429 QuotaExceeded, then goes on', async () => {
    const amazon = adapter({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5_000 } });
    await amazon.countCustomers({});
    simulator.failNext('rateLimited');
    const sent = simulator.requests.length;
    const startedAt = Date.now();
    await amazon.countCustomers({});
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_400);
    expect(simulator.requests.length - sent).toBe(2);
  });

  it('refuses marketplaces of two regions before any request', () => {
    expect(() =>
      createAmazonAdapter({ ...settingsFor(simulator), marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] }),
    ).toThrow(/one region/);
    expect(simulator.requests).toHaveLength(0);
  });
});

function amazonIdOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24);
}
