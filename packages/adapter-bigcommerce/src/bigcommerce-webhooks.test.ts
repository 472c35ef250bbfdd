import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigCommerceWebhooks } from './bigcommerce-webhooks';

const clientSecret = 'bc-app-client-secret';
const payload = (scope: string, data: object) => ({
  scope,
  store_id: '1025646',
  data,
  hash: '8768ab4c2d3e5f6a7b8c9d0e1f2a3b4c5d6e7f80',
  created_at: 1561481571,
  producer: 'stores/abc123',
});
// Standard Webhooks: base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the decoded
// secret, which BigCommerce's is the base64 of (sheet §8): so the raw client secret's bytes.
function deliver(body: object, options: { key?: string; timestamp?: number } = {}) {
  const bytes = Buffer.from(JSON.stringify(body));
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.key ?? clientSecret)
    .update(`${id}.${timestamp}.${bytes.toString()}`)
    .digest('base64');
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
    body: bytes,
  };
}

describe('bigCommerceWebhooks.verify', () => {
  const updated = payload('store/customer/updated', { type: 'customer', id: 32 });

  it('accepts a Standard Webhooks signature keyed with the client secret', () => {
    expect(bigCommerceWebhooks.verify(deliver(updated), clientSecret)).toBe(true);
  });

  it('refuses another secret, a stale timestamp and missing headers', () => {
    expect(bigCommerceWebhooks.verify(deliver(updated, { key: 'other' }), clientSecret)).toBe(false);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect(bigCommerceWebhooks.verify(deliver(updated, { timestamp: stale }), clientSecret)).toBe(false);
    expect(bigCommerceWebhooks.verify({ headers: {}, body: deliver(updated).body }, clientSecret)).toBe(
      false,
    );
  });
});

describe('bigCommerceWebhooks.read', () => {
  it.each(['created', 'updated', 'deleted'])('names the customer of store/customer/%s', (action) => {
    expect(
      bigCommerceWebhooks.read(deliver(payload(`store/customer/${action}`, { type: 'customer', id: 32 }))),
    ).toStrictEqual({
      eventId: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      customerIds: ['32'],
    });
  });

  it('names the customer of an address event, not the address', () => {
    const address = payload('store/customer/address/updated', {
      type: 'customer',
      id: 61,
      address: { customer_id: 32 },
    });
    expect(bigCommerceWebhooks.read(deliver(address)).customerIds).toStrictEqual(['32']);
  });

  it('ignores other scopes', () => {
    const order = payload('store/order/created', { type: 'order', id: 250 });
    expect(bigCommerceWebhooks.read(deliver(order)).customerIds).toStrictEqual([]);
  });
});
