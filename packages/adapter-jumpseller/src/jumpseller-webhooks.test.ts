import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jumpsellerWebhooks } from './jumpseller-webhooks';

const hooksToken = 'a1b2c3d4e5f6-hooks-token';
const body = Buffer.from(
  JSON.stringify({
    customer: {
      id: 4242,
      email: 'ana.pérez@example.cl',
      phone: '+56 9 1234 5678',
      status: 'approved',
      customer_category: [],
      billing_address: { name: 'Ana', surname: 'Pérez', city: 'Santiago', country: 'CL' },
      shipping_address: null,
    },
  }),
);
const sign = (key: string) => createHmac('sha256', key).update(body).digest('base64');
const headers = (event: string, signature = sign(hooksToken)) => ({
  'content-type': 'application/json',
  'jumpseller-event': event,
  'jumpseller-store-code': 'unicart-sandbox',
  'jumpseller-triggered-at': '2026-12-04 10:18:51.829 UTC',
  'jumpseller-hmac-sha256': signature,
});

describe('jumpsellerWebhooks.verify', () => {
  it('accepts the HMAC of the raw body with the hooks token', () => {
    expect(jumpsellerWebhooks.verify({ headers: headers('customer_updated'), body }, hooksToken)).toBe(true);
  });

  it('refuses a signature made with the API token', () => {
    expect(
      jumpsellerWebhooks.verify(
        { headers: headers('customer_updated', sign('api-token')), body },
        hooksToken,
      ),
    ).toBe(false);
  });
});

describe('jumpsellerWebhooks.read', () => {
  it('names the event by event, customer and trigger time', () => {
    expect(jumpsellerWebhooks.read({ headers: headers('customer_deleted'), body })).toStrictEqual({
      eventId: 'customer_deleted:4242:2026-12-04 10:18:51.829 UTC',
      customerIds: ['4242'],
    });
  });

  it('ignores other events', () => {
    expect(jumpsellerWebhooks.read({ headers: headers('order_paid'), body }).customerIds).toStrictEqual([]);
  });

  it('refuses a delivery without trigger time', () => {
    const { 'jumpseller-triggered-at': _time, ...rest } = headers('customer_updated');
    expect(() => jumpsellerWebhooks.read({ headers: rest, body })).toThrow(/jumpseller-triggered-at/);
  });
});
