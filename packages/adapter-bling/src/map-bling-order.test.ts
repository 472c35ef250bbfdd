import { orderSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import full from './__fixtures__/bling-order-full.json' with { type: 'json' };
import percent from './__fixtures__/bling-order-percent-no-date.json' with { type: 'json' };
import { blingOrderResponseSchema } from './bling-api';
import { mapBlingOrder } from './map-bling-order';

const orderOf = (fixture: unknown) => blingOrderResponseSchema.parse(fixture).data;

describe('mapBlingOrder', () => {
  it('maps every field of a full order, its date as São Paulo midnight in UTC', () => {
    expect(mapBlingOrder(orderOf(full), 'Atendido')).toStrictEqual({
      id: '22140011801',
      number: '1001',
      customerId: '16120034517',
      email: null,
      currency: 'BRL',
      status: { id: '9', status: 'Atendido' },
      paymentStatus: null,
      fulfillmentStatus: null,
      totals: { subtotal: 210, tax: null, shipping: 25.5, discount: 10, total: 225.5 },
      dates: { createdAt: '2023-04-01T03:00:00.000Z', updatedAt: null },
      items: [
        {
          id: '31000011',
          productId: '16330000155',
          variantId: null,
          sku: 'CAN-AZ-350',
          name: 'Caneca Esmaltada Cor:Azul;Tamanho:350ml',
          quantity: 2,
          price: 45,
        },
        {
          id: '31000012',
          productId: '16330000170',
          variantId: null,
          sku: 'TIG-KIT-4',
          name: 'Jogo de Tigelas (4 peças)',
          quantity: 1,
          price: 120,
        },
      ],
    });
  });

  it('reads a percentage discount, 0000-00-00 as no date, and zero ids as none', () => {
    const order = mapBlingOrder(orderOf(percent), null);
    expect(order.totals).toStrictEqual({ subtotal: 150, tax: null, shipping: 0, discount: 15, total: 135 });
    expect(order.dates).toStrictEqual({ createdAt: null, updatedAt: null });
    expect(order.status).toStrictEqual({ id: null, status: null });
    expect(order.items).toStrictEqual([
      {
        id: '31000020',
        productId: null,
        variantId: null,
        sku: null,
        name: 'Café moído – 1 kg',
        quantity: 1.5,
        price: 100,
      },
    ]);
  });

  it('uses the summer offset of the years Brazil had daylight saving', () => {
    const order = { ...orderOf(full), data: '2018-01-15' };
    expect(mapBlingOrder(order, null).dates.createdAt).toBe('2018-01-15T02:00:00.000Z');
  });

  it.each([full, percent])('produces a valid canonical order (%#)', (fixture) => {
    expect(orderSchema.safeParse(mapBlingOrder(orderOf(fixture), null)).success).toBe(true);
  });
});
