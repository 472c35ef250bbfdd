import { type CustomerAdapterV1, NotFoundError } from '@unicart/core';
import type { ShopifyOrderRecord, ShopifySimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapShopifyOrder } from './map-shopify-order';
import { shopifyOrderSchema } from './shopify-api';
import {
  adapterFor,
  graphqlCalls,
  orderFixtures,
  type ShopifyOrderFixture,
  seededRecords,
  startSeededShopify,
} from './shopify-fixtures.fixture';

let upstream: ShopifySimulator;
let adapter: CustomerAdapterV1;

beforeAll(async () => {
  upstream = await startSeededShopify();
});

beforeEach(() => {
  upstream.reset();
  adapter = adapterFor(upstream);
});

afterAll(() => upstream.close());

const anaGid = 'gid://shopify/Customer/7010392211';
const canonicalOrder = (fixture: ShopifyOrderFixture) => mapShopifyOrder(shopifyOrderSchema.parse(fixture));

/** Twelve orders of Bob, one a day. */
function bobsOrders(): ShopifyOrderRecord[] {
  const [paid] = seededRecords.orders;
  return Array.from({ length: 12 }, (_, index) => ({
    ...structuredClone(paid as ShopifyOrderRecord),
    id: 6000 + index,
    number: 2000 + index,
    createdAt: `2024-02-${String(index + 1).padStart(2, '0')}T10:00:00Z`,
    customerId: 7010392003,
  }));
}

describe('listCustomerOrders', () => {
  it('reads the customer’s orders newest first, with every line item, in shop money', async () => {
    const page = await adapter.listCustomerOrders('7010392211', { limit: 2, cursor: null });
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: 'CustomerOrders',
        variables: { id: anaGid, first: 2, after: null, lineItemsFirst: 10 },
      },
      {
        operationName: 'OrderLineItems',
        variables: {
          id: 'gid://shopify/Order/5801234003',
          first: 100,
          after: expect.any(String),
        },
      },
    ]);
    expect(page).toStrictEqual({
      items: [canonicalOrder(orderFixtures.manyItems), canonicalOrder(orderFixtures.cancelled)],
      nextCursor: expect.any(String),
    });
    // The adapter's cursor keeps Shopify's end cursor of the page.
    expect(JSON.parse(page.nextCursor ?? '{}')).toStrictEqual({ n: expect.any(String), s: 0 });
  });

  it('continues after Shopify’s cursor and ends with null', async () => {
    const first = await adapter.listCustomerOrders('7010392211', { limit: 2, cursor: null });
    const second = await adapter.listCustomerOrders('7010392211', { limit: 2, cursor: first.nextCursor });
    expect(second).toStrictEqual({ items: [canonicalOrder(orderFixtures.paid)], nextCursor: null });
  });

  it('reads orders ten at a time, under the query cost cap, to fill a larger page', async () => {
    upstream.seed({ customers: seededRecords.customers, orders: [...seededRecords.orders, ...bobsOrders()] });
    const page = await adapter.listCustomerOrders('7010392003', { limit: 25, cursor: null });
    expect(page.items.map((order) => order.number)).toStrictEqual(
      Array.from({ length: 12 }, (_, index) => `#${2011 - index}`),
    );
    expect(page.nextCursor).toBeNull();
    expect(graphqlCalls(upstream).map((call) => call.variables)).toStrictEqual([
      { id: 'gid://shopify/Customer/7010392003', first: 10, after: null, lineItemsFirst: 10 },
      {
        id: 'gid://shopify/Customer/7010392003',
        first: 10,
        after: expect.any(String),
        lineItemsFirst: 10,
      },
    ]);
  });

  it('answers an empty page for a customer without orders', async () => {
    expect(await adapter.listCustomerOrders('7010392577', { limit: 10, cursor: null })).toStrictEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('throws NotFoundError when Shopify has no such customer', async () => {
    const error = await adapter
      .listCustomerOrders('987654321', { limit: 2, cursor: null })
      .catch((caught) => caught);
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('throws NotFoundError for an id that is no Shopify id, without asking Shopify', async () => {
    const error = await adapter
      .listCustomerOrders('#1001', { limit: 2, cursor: null })
      .catch((caught) => caught);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(upstream.requests).toStrictEqual([]);
  });
});
