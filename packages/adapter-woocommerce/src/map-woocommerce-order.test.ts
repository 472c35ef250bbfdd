import { describe, expect, it } from 'vitest';
import completedOrder from './__fixtures__/woocommerce-order-completed.json' with { type: 'json' };
import guestOrder from './__fixtures__/woocommerce-order-guest.json' with { type: 'json' };
import pendingOrder from './__fixtures__/woocommerce-order-pending.json' with { type: 'json' };
import processingOrder from './__fixtures__/woocommerce-order-processing.json' with { type: 'json' };
import unicodeOrder from './__fixtures__/woocommerce-order-unicode.json' with { type: 'json' };
import { mapWooCommerceOrder } from './map-woocommerce-order';
import { woocommerceOrderSchema } from './woocommerce-api';

const parse = (native: unknown) => woocommerceOrderSchema.parse(native);

describe('mapWooCommerceOrder', () => {
  it('maps a completed order with a variation, a simple product, a coupon and shipping', () => {
    expect(mapWooCommerceOrder(parse(completedOrder))).toStrictEqual({
      id: '727',
      number: '727',
      customerId: '25',
      email: 'ana.reyes@example.com',
      currency: 'USD',
      status: { id: null, status: 'completed' },
      paymentStatus: null,
      fulfillmentStatus: null,
      totals: { subtotal: 108, tax: 8.09, shipping: 5, discount: 10, total: 111.09 },
      dates: { createdAt: '2024-04-10T14:20:45.000Z', updatedAt: '2024-04-12T08:05:00.000Z' },
      items: [
        {
          id: '315',
          productId: '79',
          variantId: '88',
          sku: 'woo-hoodie-blue-l',
          name: 'Hoodie - Blue, L',
          quantity: 2,
          price: 45,
        },
        {
          id: '316',
          productId: '63',
          variantId: null,
          sku: 'woo-beanie',
          name: 'Beanie',
          quantity: 1,
          price: 18,
        },
      ],
    });
  });

  it('maps a processing order whose only line has variation_id 0', () => {
    expect(mapWooCommerceOrder(parse(processingOrder))).toStrictEqual({
      id: '731',
      number: '731',
      customerId: '25',
      email: 'ana.reyes@example.com',
      currency: 'USD',
      status: { id: null, status: 'processing' },
      paymentStatus: null,
      fulfillmentStatus: null,
      totals: { subtotal: 54, tax: 4.46, shipping: 0, discount: 0, total: 58.46 },
      dates: { createdAt: '2024-05-02T07:12:30.000Z', updatedAt: '2024-05-02T07:13:10.000Z' },
      items: [
        {
          id: '322',
          productId: '91',
          variantId: null,
          sku: 'woo-tshirt-logo',
          name: 'T-Shirt with Logo',
          quantity: 3,
          price: 18,
        },
      ],
    });
  });

  it('gives a null sku for a product without one', () => {
    expect(mapWooCommerceOrder(parse(pendingOrder)).items).toStrictEqual([
      { id: '340', productId: '70', variantId: null, sku: null, name: 'Album', quantity: 1, price: 15 },
    ]);
  });

  it('keeps a merchant-facing number that differs from the id, and the order currency', () => {
    const order = mapWooCommerceOrder(parse(unicodeOrder));
    expect([order.id, order.number, order.currency, order.customerId]).toStrictEqual([
      '760',
      'WC-2024-0760',
      'EUR',
      '31',
    ]);
  });

  it('keeps a non-ASCII line name', () => {
    expect(mapWooCommerceOrder(parse(unicodeOrder)).items[0]?.name).toBe('Sunglasses — Édition Été');
  });

  it('gives a guest order (customer_id 0) a null customer id and its billing email', () => {
    const order = mapWooCommerceOrder(parse(guestOrder));
    expect([order.customerId, order.email, order.status]).toStrictEqual([
      null,
      'guest.buyer@example.net',
      { id: null, status: 'on-hold' },
    ]);
  });

  it('sums line subtotals without floating-point residue', () => {
    const native = parse({
      ...processingOrder,
      line_items: [
        { ...processingOrder.line_items[0], subtotal: '0.10' },
        { ...processingOrder.line_items[0], id: 323, subtotal: '0.20' },
      ],
    });
    expect(mapWooCommerceOrder(native).totals.subtotal).toBe(0.3);
  });

  it('gives a null subtotal when a line subtotal is not an amount', () => {
    const native = parse({
      ...processingOrder,
      line_items: [{ ...processingOrder.line_items[0], subtotal: '' }],
    });
    expect(mapWooCommerceOrder(native).totals.subtotal).toBeNull();
  });

  it('gives a zero subtotal and no items for an order without lines', () => {
    const order = mapWooCommerceOrder(parse({ ...processingOrder, line_items: [] }));
    expect([order.totals.subtotal, order.items]).toStrictEqual([0, []]);
  });

  it('gives a null currency for a code that is not ISO 4217', () => {
    expect(mapWooCommerceOrder(parse({ ...completedOrder, currency: 'USDT' })).currency).toBeNull();
  });

  it('gives a null product id for a deleted product (product_id 0)', () => {
    const native = parse({ ...pendingOrder, line_items: [{ ...pendingOrder.line_items[0], product_id: 0 }] });
    expect(mapWooCommerceOrder(native).items[0]?.productId).toBeNull();
  });
});
