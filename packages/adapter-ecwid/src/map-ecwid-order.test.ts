import { orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { ecwidOrders } from './ecwid-fixtures.fixture';
import { mapEcwidOrder } from './map-ecwid-order';

const [shipped, delivered, cancelled, awaitingPayment, guest] = ecwidOrders;

describe('mapEcwidOrder', () => {
  it('maps a shipped order with a coupon, shipping and a variant', () => {
    expect(mapEcwidOrder(shipped!, 'USD')).toStrictEqual({
      id: 'MYSTORE-X8UYE',
      number: '1001',
      customerId: '277137633',
      email: 'ana.reyes@example.com',
      currency: 'USD',
      status: { id: null, status: 'PAID' },
      paymentStatus: 'PAID',
      fulfillmentStatus: 'SHIPPED',
      totals: { subtotal: 40, tax: 3.25, shipping: 5, discount: 6, total: 42.25 },
      dates: { createdAt: '2024-08-22T09:00:00.000Z', updatedAt: '2024-08-23T10:00:00.000Z' },
      items: [
        {
          id: '80001',
          productId: '5001',
          variantId: '7001',
          sku: 'TEA-GRN-100',
          name: 'Green tea 100 g',
          quantity: 2,
          price: 12.5,
        },
        {
          id: '80002',
          productId: '5002',
          variantId: null,
          sku: 'MUG-01',
          name: 'Mug',
          quantity: 1,
          price: 15,
        },
      ],
    });
  });

  it('converts +0400 order dates to UTC', () => {
    expect(mapEcwidOrder(delivered!, 'USD').dates).toStrictEqual({
      createdAt: '2024-08-30T10:00:00.000Z',
      updatedAt: '2024-08-31T08:00:00.000Z',
    });
  });

  it('falls back to the id as number and to UNIX timestamps when the strings are blank', () => {
    const order = mapEcwidOrder(cancelled!, 'USD');
    expect([order.number, order.dates]).toStrictEqual([
      'MYSTORE-Z9CAN',
      { createdAt: '2024-09-02T12:00:00.000Z', updatedAt: '2024-09-02T12:00:00.000Z' },
    ]);
  });

  it('keeps totals Ecwid does not give as null, never zero', () => {
    expect(mapEcwidOrder(cancelled!, 'USD').totals).toStrictEqual({
      subtotal: 10,
      tax: 0,
      shipping: null,
      discount: null,
      total: 10,
    });
  });

  it('maps an order awaiting payment with a unicode item name', () => {
    const order = mapEcwidOrder(awaitingPayment!, 'EUR');
    expect([order.status, order.fulfillmentStatus, order.items[0]?.name]).toStrictEqual([
      { id: null, status: 'AWAITING_PAYMENT' },
      'AWAITING_PROCESSING',
      'Café de Colombia — 500 g',
    ]);
  });

  it('maps a guest order without customer id and with a blank sku', () => {
    const order = mapEcwidOrder(guest!, null);
    expect([order.customerId, order.currency, order.items[0]?.sku]).toStrictEqual([null, null, null]);
  });

  it('maps a numeric id of an older store to a string', () => {
    expect(mapEcwidOrder({ id: 1234 }, null).id).toBe('1234');
  });

  it('gives every fixture every canonical key, and nothing else', () => {
    for (const native of ecwidOrders) {
      const order = mapEcwidOrder(native, 'USD');
      expect(orderSchema.parse(order)).toStrictEqual(order);
    }
  });
});
