import { type CustomerAdapterV1, NotFoundError } from '@unicart/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapShopifyOrder } from './map-shopify-order';
import { shopifyOrderSchema } from './shopify-api';
import {
  adapterFor,
  allCustomerFixtures,
  allOrderFixtures,
  graphqlCalls,
  orderFixtures,
  seededUpstream,
} from './shopify-fixtures.fixture';
import type { ShopifyOrderRecord, ShopifyUpstream } from './shopify-upstream.fixture';

let upstream: ShopifyUpstream;
let adapter: CustomerAdapterV1;

beforeEach(() => {
  upstream = seededUpstream();
  adapter = adapterFor(upstream);
});

afterEach(() => upstream.close());

const anaGid = 'gid://shopify/Customer/7010392211';
const cursorOf = (key: string) => Buffer.from(JSON.stringify({ last_id: key })).toString('base64');
const canonicalOrder = (fixture: ShopifyOrderRecord) => mapShopifyOrder(shopifyOrderSchema.parse(fixture));

/** Twelve orders of Bob, one a day. */
function bobsOrders(): ShopifyOrderRecord[] {
  return Array.from({ length: 12 }, (_, index) => ({
    ...structuredClone(orderFixtures.paid),
    id: `gid://shopify/Order/${6000 + index}`,
    legacyResourceId: String(6000 + index),
    name: `#${2000 + index}`,
    createdAt: `2024-02-${String(index + 1).padStart(2, '0')}T10:00:00Z`,
    customer: { id: 'gid://shopify/Customer/7010392003' },
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
          after: cursorOf('gid://shopify/LineItem/13019'),
        },
      },
    ]);
    expect(page).toStrictEqual({
      items: [canonicalOrder(orderFixtures.manyItems), canonicalOrder(orderFixtures.cancelled)],
      nextCursor: JSON.stringify({ n: cursorOf('gid://shopify/Order/5801234002'), s: 0 }),
    });
  });

  it('continues after Shopify’s cursor and ends with null', async () => {
    const first = await adapter.listCustomerOrders('7010392211', { limit: 2, cursor: null });
    const second = await adapter.listCustomerOrders('7010392211', { limit: 2, cursor: first.nextCursor });
    expect(second).toStrictEqual({ items: [canonicalOrder(orderFixtures.paid)], nextCursor: null });
  });

  it('reads orders ten at a time, under the query cost cap, to fill a larger page', async () => {
    upstream.seed(allCustomerFixtures, [...allOrderFixtures, ...bobsOrders()]);
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
        after: cursorOf('gid://shopify/Order/6002'),
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
