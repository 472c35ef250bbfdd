import { orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import completed from './__fixtures__/bigcommerce-order-completed.json' with { type: 'json' };
import guest from './__fixtures__/bigcommerce-order-guest.json' with { type: 'json' };
import pending from './__fixtures__/bigcommerce-order-pending-foreign-currency.json' with { type: 'json' };
import {
  type BigCommerceOrderWithItems,
  bigcommerceOrderProductListSchema,
  bigcommerceOrderSchema,
} from './bigcommerce-api';
import { bigcommerceV2DateToIso, mapBigCommerceOrder } from './map-bigcommerce-order';

function parse(fixture: { order: unknown; items: unknown }): BigCommerceOrderWithItems {
  return {
    order: bigcommerceOrderSchema.parse(fixture.order),
    items: bigcommerceOrderProductListSchema.parse(fixture.items),
  };
}

describe('mapBigCommerceOrder', () => {
  it('maps every field of a completed order and its line items; a custom product has no ids or sku', () => {
    expect(mapBigCommerceOrder(parse(completed))).toStrictEqual({
      id: '120',
      number: '120',
      customerId: '21',
      email: 'ana.reyes@example.com',
      currency: 'USD',
      status: { id: '10', status: 'Completed' },
      paymentStatus: 'captured',
      fulfillmentStatus: null,
      totals: { subtotal: 55, tax: 4.4, shipping: 6, discount: 0, total: 65.4 },
      dates: { createdAt: '2023-04-01T10:00:00.000Z', updatedAt: '2023-04-03T12:30:00.000Z' },
      items: [
        {
          id: '301',
          productId: '77',
          variantId: '93',
          sku: 'MUG-BLUE-12',
          name: 'Glazed mug — blue',
          quantity: 2,
          price: 25,
        },
        {
          id: '302',
          productId: null,
          variantId: null,
          sku: null,
          name: 'Gift wrapping service',
          quantity: 1,
          price: 5,
        },
      ],
    });
  });

  it('takes the transactional currency, sums both discounts, and maps an unpaid status to null', () => {
    const order = mapBigCommerceOrder(parse(pending));
    expect([order.currency, order.totals.discount, order.paymentStatus, order.email]).toStrictEqual([
      'USD',
      10,
      null,
      null,
    ]);
    expect(order.dates).toStrictEqual({
      createdAt: '2024-02-29T23:59:59.000Z',
      updatedAt: '2024-03-01T00:00:01.000Z',
    });
  });

  it('maps a guest order (customer_id 0) to no customer and keeps its billing email', () => {
    const order = mapBigCommerceOrder(parse(guest));
    expect([order.customerId, order.email, order.items]).toStrictEqual([null, 'walk.in@example.net', []]);
  });

  it('produces orders the canonical schema accepts', () => {
    for (const fixture of [completed, pending, guest]) {
      expect(orderSchema.safeParse(mapBigCommerceOrder(parse(fixture))).success).toBe(true);
    }
  });
});

describe('bigcommerceV2DateToIso', () => {
  it('reads RFC 2822 with its offset, and nothing else', () => {
    expect(bigcommerceV2DateToIso('Tue, 20 Nov 2012 00:00:00 +0000')).toBe('2012-11-20T00:00:00.000Z');
    expect(bigcommerceV2DateToIso('Tue, 20 Nov 2012 00:00:00 -0500')).toBe('2012-11-20T05:00:00.000Z');
    expect(bigcommerceV2DateToIso('Fri, 30 Feb 2024 00:00:00 +0000')).toBeNull();
    expect(bigcommerceV2DateToIso('2012-11-20')).toBeNull();
    expect(bigcommerceV2DateToIso('')).toBeNull();
  });
});
