import { createHmac } from 'node:crypto';

/** A webhook delivery as a platform sends it. */
export interface SignedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface DeliveryOptions {
  readonly eventId: string;
  readonly customerId: string;
  /** `created`, `updated` or `deleted`, or another topic's own name (e.g. `orders/create`). */
  readonly action?: string;
}

const hmac = (key: string, message: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', key).update(message).digest(encoding);

/**
 * Each platform's customer webhook, signed as its sheet says, computed here independently of the
 * adapters' verification code (node:crypto only).
 */
export const signedWebhooks: Readonly<
  Record<string, (secret: string, options: DeliveryOptions) => SignedDelivery>
> = {
  ecwid(secret, { eventId, customerId, action = 'updated' }) {
    const eventCreated = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      eventId,
      eventCreated,
      storeId: 1003,
      entityId: Number(customerId),
      eventType: action.includes('.') ? action : `customer.${action}`,
      data: { customerId: Number(customerId) },
    });
    return {
      headers: {
        'content-type': 'application/json',
        'x-ecwid-webhook-signature': hmac(secret, `${eventCreated}.${eventId}`, 'base64'),
      },
      body,
    };
  },
  shopify(secret, { eventId, customerId, action = 'updated' }) {
    const topic = action.includes('/') ? action : `customers/${action.replace(/d$/, '')}`;
    const body = `{"id":${customerId},"email":"zoë@example.com","first_name":"Zoë","last_name":"Müller","state":"enabled"}`;
    return {
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': hmac(secret, body, 'base64'),
        'x-shopify-shop-domain': 'unicart-sandbox.myshopify.com',
        'x-shopify-api-version': '2026-01',
        'x-shopify-webhook-id': `webhook-${eventId}`,
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': new Date().toISOString(),
      },
      body,
    };
  },
  woocommerce(secret, { eventId, customerId, action = 'updated' }) {
    const topic = action.includes('.') ? action : `customer.${action}`;
    const body = JSON.stringify({ id: Number(customerId), email: 'joão@example.com', first_name: 'João' });
    return {
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': 'https://shop.example.com/',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-signature': hmac(secret, body, 'base64'),
        'x-wc-webhook-id': '3',
        'x-wc-webhook-delivery-id': eventId,
      },
      body,
    };
  },
  bigcommerce(secret, { eventId, customerId, action = 'updated' }) {
    const scope = action.includes('/') ? action : `store/customer/${action}`;
    const body = JSON.stringify({
      scope,
      store_id: '1025646',
      data: { type: 'customer', id: Number(customerId) },
      hash: 'a1b2c3',
      created_at: Math.floor(Date.now() / 1000),
      producer: 'stores/abc123',
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    // Standard Webhooks keyed with the decoded base64 of the client secret: its own bytes.
    const signature = hmac(secret, `${eventId}.${timestamp}.${body}`, 'base64');
    return {
      headers: {
        'content-type': 'application/json',
        'webhook-id': eventId,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
      },
      body,
    };
  },
  jumpseller(secret, { eventId, customerId, action = 'updated' }) {
    const event = action.includes('_') ? action : `customer_${action}`;
    const body = JSON.stringify({ customer: { id: Number(customerId), email: 'ana@example.cl' } });
    return {
      headers: {
        'content-type': 'application/json',
        'jumpseller-event': event,
        'jumpseller-store-code': 'unicart-sandbox',
        // The event id of a Jumpseller hook is made of its event, customer and trigger time.
        'jumpseller-triggered-at': eventId,
        'jumpseller-hmac-sha256': hmac(secret, body, 'base64'),
      },
      body,
    };
  },
  bling(secret, { eventId, customerId, action = 'updated' }) {
    const body = JSON.stringify({
      eventId,
      date: new Date().toISOString(),
      version: 'v1',
      event: action.includes('.') ? action : `contact.${action}`,
      companyId: 'd4475854366a36c86a37e792f9634a51',
      data: { id: Number(customerId), nome: 'Conceição Araújo' },
    });
    return {
      headers: {
        'content-type': 'application/json',
        'x-bling-signature-256': `sha256=${hmac(secret, body, 'hex')}`,
      },
      body,
    };
  },
};
