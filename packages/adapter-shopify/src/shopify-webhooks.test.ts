import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopifyWebhooks } from './shopify-webhooks';

const clientSecret = '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';
// A REST-shaped customers/update payload (sheet §8); the id exceeds 2^53.
const body = Buffer.from(
  '{"id":706405506930370084,"email":"zoë.müller@example.com","created_at":"2026-12-01T10:00:00-05:00","updated_at":"2026-12-04T09:30:00-05:00","first_name":"Zoë","last_name":"Müller","state":"enabled","note":null,"verified_email":true,"phone":null,"currency":"USD","addresses":[],"default_address":null,"admin_graphql_api_id":"gid://shopify/Customer/706405506930370084"}',
);
const hmac = (secret: string, bytes: Buffer) => createHmac('sha256', secret).update(bytes).digest('base64');
const headers = (topic: string, signature = hmac(clientSecret, body)) => ({
  'content-type': 'application/json',
  'x-shopify-topic': topic,
  'x-shopify-hmac-sha256': signature,
  'x-shopify-shop-domain': 'unicart-sandbox.myshopify.com',
  'x-shopify-api-version': '2026-01',
  'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
  'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
  'x-shopify-triggered-at': '2026-12-04T14:30:00.000000000Z',
});

describe('shopifyWebhooks.verify', () => {
  it('accepts the HMAC of the raw body', () => {
    expect(shopifyWebhooks.verify({ headers: headers('customers/update'), body }, clientSecret)).toBe(true);
  });

  it('refuses the same signature over re-serialised JSON', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(
      shopifyWebhooks.verify({ headers: headers('customers/update'), body: reserialised }, clientSecret),
    ).toBe(false);
  });

  it('refuses another secret and a missing header', () => {
    const wrong = headers('customers/update', hmac('other', body));
    expect(shopifyWebhooks.verify({ headers: wrong, body }, clientSecret)).toBe(false);
    expect(shopifyWebhooks.verify({ headers: {}, body }, clientSecret)).toBe(false);
  });
});

describe('shopifyWebhooks.read', () => {
  it.each(['customers/create', 'customers/update', 'customers/delete'])(
    'names the exact customer id of %s',
    (topic) => {
      expect(shopifyWebhooks.read({ headers: headers(topic), body })).toStrictEqual({
        eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
        customerIds: ['706405506930370084'],
      });
    },
  );

  it('ignores other topics', () => {
    expect(shopifyWebhooks.read({ headers: headers('orders/create'), body }).customerIds).toStrictEqual([]);
  });

  it('refuses a delivery without event id', () => {
    const { 'x-shopify-event-id': _eventId, ...rest } = headers('customers/update');
    expect(() => shopifyWebhooks.read({ headers: rest, body })).toThrow(/x-shopify-event-id/);
  });
});
