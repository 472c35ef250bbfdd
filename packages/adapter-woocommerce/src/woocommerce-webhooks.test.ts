import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wooCommerceWebhooks } from './woocommerce-webhooks';

const secret = 'wc-webhook-secret-Ω';
const updated = Buffer.from(
  JSON.stringify({
    id: 25,
    date_created_gmt: '2026-11-30T08:00:00',
    date_modified_gmt: '2026-12-04T12:00:00',
    email: 'joão.silva@example.com',
    first_name: 'João',
    last_name: 'Silva',
    role: 'customer',
    username: 'joao.silva',
    billing: { first_name: 'João', last_name: 'Silva', city: 'Lisboa', country: 'PT', email: '', phone: '' },
    shipping: { first_name: '', last_name: '', city: '', country: '' },
    is_paying_customer: false,
    avatar_url: 'https://secure.gravatar.com/avatar/x',
    meta_data: [],
  }),
);
const sign = (bytes: Buffer, key = secret) => createHmac('sha256', key).update(bytes).digest('base64');
const headers = (topic: string, bytes: Buffer, signature = sign(bytes)) => ({
  'content-type': 'application/json',
  'x-wc-webhook-source': 'https://shop.example.com/',
  'x-wc-webhook-topic': topic,
  'x-wc-webhook-resource': topic.split('.')[0],
  'x-wc-webhook-event': topic.split('.')[1],
  'x-wc-webhook-signature': signature,
  'x-wc-webhook-id': '12',
  'x-wc-webhook-delivery-id': '8f14e45fceea167a5a36dedd4bea2543',
});

describe('wooCommerceWebhooks.verify', () => {
  it('accepts the HMAC of the raw body with the webhook secret', () => {
    expect(
      wooCommerceWebhooks.verify({ headers: headers('customer.updated', updated), body: updated }, secret),
    ).toBe(true);
  });

  it('refuses a wrong secret and the unsigned ping', () => {
    const wrong = headers('customer.updated', updated, sign(updated, 'other'));
    expect(wooCommerceWebhooks.verify({ headers: wrong, body: updated }, secret)).toBe(false);
    expect(wooCommerceWebhooks.verify({ headers: {}, body: Buffer.from('webhook_id=12') }, secret)).toBe(
      false,
    );
  });
});

describe('wooCommerceWebhooks.read', () => {
  it('names the customer of an update', () => {
    expect(
      wooCommerceWebhooks.read({ headers: headers('customer.updated', updated), body: updated }),
    ).toStrictEqual({
      eventId: '8f14e45fceea167a5a36dedd4bea2543',
      customerIds: ['25'],
    });
  });

  it('names the customer of a deletion from its `{ id }` payload', () => {
    const deleted = Buffer.from('{"id":25}');
    expect(
      wooCommerceWebhooks.read({ headers: headers('customer.deleted', deleted), body: deleted }).customerIds,
    ).toStrictEqual(['25']);
  });

  it('ignores other topics', () => {
    expect(
      wooCommerceWebhooks.read({ headers: headers('order.created', updated), body: updated }).customerIds,
    ).toStrictEqual([]);
  });
});
