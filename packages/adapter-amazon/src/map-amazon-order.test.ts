import { orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import fbaOrder from './__fixtures__/amazon-order-fba.json' with { type: 'json' };
import oneBuyer from './__fixtures__/amazon-orders-one-buyer.json' with { type: 'json' };
import searchPage from './__fixtures__/amazon-search-orders-page.json' with { type: 'json' };
import { amazonOrderSchema, amazonSearchOrdersResponseSchema } from './amazon-api';
import { mapAmazonOrder } from './map-amazon-order';

const [osaka, pending] = amazonSearchOrdersResponseSchema.parse(searchPage).orders;

describe('mapAmazonOrder', () => {
  it('maps every key of a shipped merchant order', () => {
    const order = mapAmazonOrder(osaka as never);
    expect(order).toStrictEqual({
      id: '250-7710436-2284151',
      number: '250-7710436-2284151',
      customerId: '1278b964e23262300f4c994a',
      email: '7qkz2m0v9xj3lwd@marketplace.amazon.co.jp',
      currency: 'JPY',
      status: { id: null, status: 'SHIPPED' },
      paymentStatus: null,
      fulfillmentStatus: 'SHIPPED',
      totals: { subtotal: 6780, tax: null, shipping: 500, discount: null, total: 7280 },
      dates: { createdAt: '2026-05-02T04:12:09.000Z', updatedAt: '2026-05-03T09:40:51.000Z' },
      items: [
        {
          id: '36218845120911',
          productId: 'B0C1Q2W3E4',
          variantId: null,
          sku: 'HNK-MAT-M',
          name: 'Hinoki bath mat',
          quantity: 2,
          price: 3390,
        },
      ],
    });
    expect(orderSchema.parse(order)).toStrictEqual(order);
  });

  it("maps a pending order without email to nobody's order", () => {
    expect(mapAmazonOrder(pending as never)).toMatchObject({
      customerId: null,
      email: null,
      currency: 'AUD',
      status: { id: null, status: 'PENDING' },
      totals: { subtotal: 54.9, tax: null, shipping: null, discount: null, total: 54.9 },
    });
  });

  it('reads a negative DISCOUNT breakdown as the amount taken off, and odd offsets as UTC', () => {
    const order = mapAmazonOrder(amazonOrderSchema.parse(oneBuyer[1]));
    expect(order.totals).toStrictEqual({
      subtotal: 0.25,
      tax: null,
      shipping: null,
      discount: 0.05,
      total: 0.2,
    });
    expect(order.dates).toStrictEqual({
      createdAt: '2026-01-14T23:30:00.250Z',
      updatedAt: '2026-01-16T00:00:00.000Z',
    });
    expect(order.items).toStrictEqual([]);
  });

  it('maps an FBA order with tax and no SKU', () => {
    const order = mapAmazonOrder(amazonOrderSchema.parse(fbaOrder));
    expect(order.totals).toStrictEqual({
      subtotal: 119,
      tax: 10,
      shipping: null,
      discount: null,
      total: 129,
    });
    expect(order.items[0]).toStrictEqual({
      id: '40011822093311',
      productId: 'B0A1B2C3D4',
      variantId: null,
      sku: null,
      name: 'Desk lamp',
      quantity: 3,
      price: 39.67,
    });
    expect([order.customerId, order.email]).toStrictEqual([null, null]);
  });
});
