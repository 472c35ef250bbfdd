import { type Order, orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { mapShopifyOrder } from './map-shopify-order';
import { shopifyOrderSchema } from './shopify-api';
import { orderFixtures } from './shopify-fixtures.fixture';

const map = (fixture: unknown) => mapShopifyOrder(shopifyOrderSchema.parse(fixture));

describe('mapShopifyOrder', () => {
  it('maps a paid, fulfilled and closed order with its line items, in shop money', () => {
    expect(map(orderFixtures.paid)).toStrictEqual({
      id: '5801234001',
      number: '#1001',
      customerId: '7010392211',
      email: 'ana.reyes@example.com',
      currency: 'USD',
      status: { id: null, status: 'closed' },
      paymentStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      totals: { subtotal: 60, tax: 4.95, shipping: 5, discount: 0, total: 69.95 },
      dates: { createdAt: '2025-04-20T10:00:00.000Z', updatedAt: '2025-04-22T15:30:00.000Z' },
      items: [
        {
          id: '13001',
          productId: '30001',
          variantId: '40001',
          sku: 'COF-1KG',
          name: 'Coffee beans - 1 kg',
          quantity: 2,
          price: 25,
        },
        {
          id: '13002',
          productId: '30002',
          variantId: '40002',
          sku: 'FIL-100',
          name: 'Paper filters',
          quantity: 1,
          price: 10,
        },
      ],
    } satisfies Order);
  });

  it('maps a cancelled order whose subtotal, tax and discount sets are null, with a custom line item', () => {
    expect(map(orderFixtures.cancelled)).toStrictEqual({
      id: '5801234002',
      number: '#1002',
      customerId: '7010392211',
      email: null,
      currency: 'USD',
      status: { id: null, status: 'cancelled' },
      paymentStatus: 'REFUNDED',
      fulfillmentStatus: 'UNFULFILLED',
      totals: { subtotal: null, tax: null, shipping: 0, discount: null, total: 15.5 },
      dates: { createdAt: '2025-05-10T08:15:00.000Z', updatedAt: '2025-05-11T09:00:00.000Z' },
      items: [
        {
          id: '13003',
          productId: null,
          variantId: null,
          sku: null,
          name: 'Custom engraving',
          quantity: 1,
          price: 15.5,
        },
      ],
    } satisfies Order);
  });

  it('maps an open order in yen', () => {
    expect(map(orderFixtures.yen)).toStrictEqual({
      id: '5801234004',
      number: '#1004',
      customerId: '7010392402',
      email: 'kenji.yamada@example.jp',
      currency: 'JPY',
      status: { id: null, status: 'open' },
      paymentStatus: 'PARTIALLY_PAID',
      fulfillmentStatus: 'PARTIALLY_FULFILLED',
      totals: { subtotal: 10000, tax: 1000, shipping: 800, discount: 2000, total: 11800 },
      dates: { createdAt: '2025-02-01T00:00:00.000Z', updatedAt: '2025-02-01T00:00:05.000Z' },
      items: [
        {
          id: '13100',
          productId: '30200',
          variantId: '40200',
          sku: 'MATCHA-SET',
          name: '抹茶セット',
          quantity: 2,
          price: 6000,
        },
      ],
    } satisfies Order);
  });

  it('maps every line item of an order with many', () => {
    const order = map(orderFixtures.manyItems);
    expect(order.items.map((item) => item.sku)).toStrictEqual(
      Array.from({ length: 12 }, (_, index) => `SMP-${String(index + 1).padStart(2, '0')}`),
    );
    expect(order.totals).toStrictEqual({ subtotal: 36, tax: 2.97, shipping: 0, discount: 3.6, total: 35.37 });
  });

  it('has no status when Shopify does not say whether the order is closed', () => {
    expect(map({ ...orderFixtures.paid, closed: null }).status).toStrictEqual({ id: null, status: null });
  });

  it.each(Object.entries(orderFixtures))('gives a valid canonical order for the %s fixture', (_, fixture) => {
    const order = map(fixture);
    expect(orderSchema.strict().parse(order)).toStrictEqual(order);
  });
});
