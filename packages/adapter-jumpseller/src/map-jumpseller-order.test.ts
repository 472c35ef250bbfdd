import { orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import guestOrder from './__fixtures__/jumpseller-order-guest.json' with { type: 'json' };
import paidOrder from './__fixtures__/jumpseller-order-paid.json' with { type: 'json' };
import pendingOrder from './__fixtures__/jumpseller-order-pending.json' with { type: 'json' };
import { jumpsellerOrderSchema } from './jumpseller-api';
import { mapJumpsellerOrder } from './map-jumpseller-order';

const map = (fixture: unknown) => mapJumpsellerOrder(jumpsellerOrderSchema.parse(fixture));

describe('mapJumpsellerOrder', () => {
  it('maps every field of the sheet’s example; lines have no id of their own', () => {
    expect(map(paidOrder)).toStrictEqual({
      id: '10231',
      number: '10231',
      customerId: '4102217',
      email: 'ana.reyes@example.com',
      currency: 'CLP',
      status: { id: 'paid', status: 'Paid' },
      paymentStatus: 'paid',
      fulfillmentStatus: 'delivered',
      totals: { subtotal: 110000, tax: 17563, shipping: 6000, discount: 10000, total: 106000 },
      dates: { createdAt: '2023-04-01T10:00:00.000Z', updatedAt: null },
      items: [
        {
          id: null,
          productId: '880011',
          variantId: '5501201',
          sku: 'MUG-AZUL-12',
          name: 'Taza esmaltada — azul',
          quantity: 2,
          price: 25000,
        },
        {
          id: null,
          productId: '880012',
          variantId: null,
          sku: 'BOWL-SET-4',
          name: 'Set de bowls (4)',
          quantity: 1,
          price: 60000,
        },
      ],
    });
  });

  it('reads amounts given as text, ISO dates, a lower-case currency and blanks', () => {
    const order = map(pendingOrder);
    expect([order.currency, order.totals, order.dates, order.fulfillmentStatus]).toStrictEqual([
      'USD',
      { subtotal: 19.98, tax: 1.6, shipping: 0, discount: null, total: 21.58 },
      { createdAt: '2024-02-29T23:59:59.000Z', updatedAt: null },
      'unfulfilled',
    ]);
    expect(order.items).toStrictEqual([
      {
        id: null,
        productId: '880031',
        variantId: '5501301',
        sku: null,
        name: 'Café moulu – 250 g ☕',
        quantity: 2,
        price: 9.99,
      },
    ]);
  });

  it('keeps a guest order without customer id, and an unreadable date as null', () => {
    const order = map(guestOrder);
    expect([
      order.customerId,
      order.email,
      order.dates.createdAt,
      order.status,
      order.fulfillmentStatus,
      order.items,
    ]).toStrictEqual([null, 'ana.reyes@example.com', null, { id: 'canceled', status: 'Canceled' }, null, []]);
  });

  it('always gives a valid canonical order', () => {
    for (const fixture of [paidOrder, pendingOrder, guestOrder]) {
      const order = map(fixture);
      expect(orderSchema.parse(order)).toStrictEqual(order);
    }
  });
});
