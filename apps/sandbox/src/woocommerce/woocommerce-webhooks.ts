import { randomBytes } from 'node:crypto';
import { hmacSha256 } from '../kit/hmac';
import { createSubscribedWebhooks, type WebhookSubscription } from '../kit/subscribed-webhooks';

/** Topics a webhook may name (the customer ones are the ones sent here). */
export const wooCommerceWebhookTopics = new Set([
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'order.created',
  'order.updated',
  'order.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
]);

/** A webhook is disabled after this many non-2xx deliveries in a row (sheet §8). */
const maxConsecutiveFailures = 5;

export type WooCommerceWebhookStatus = 'active' | 'paused' | 'disabled';

export interface WooCommerceWebhookSettings {
  /** The site URL, for `X-WC-Webhook-Source`. */
  readonly siteUrl: () => string;
  /** The v3 customer a created or updated customer's webhook carries. */
  readonly customerPayload: (customerId: number) => unknown;
  readonly now: () => Date;
}

/**
 * WooCommerce's webhooks (sheet §8): created through `POST /webhooks` with their own secret, which
 * signs the raw body (base64 HMAC-SHA256); no retries, and disabled after 5 failures in a row.
 */
export function createWooCommerceWebhooks(settings: WooCommerceWebhookSettings) {
  const states = new Map<number, { status: WooCommerceWebhookStatus; failures: number; name: string }>();
  const webhooks = createSubscribedWebhooks({
    retryDelaysSeconds: [],
    timeoutMs: 5_000,
    covers: (webhook, { change }) =>
      webhook.topic === `customer.${change}` && states.get(webhook.id)?.status === 'active',
    build(subscription, { change, customerId }) {
      const body = JSON.stringify(
        change === 'deleted' ? { id: customerId } : settings.customerPayload(customerId),
      );
      const request = {
        url: subscription.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
          'x-wc-webhook-source': `${settings.siteUrl()}/`,
          'x-wc-webhook-topic': subscription.topic,
          'x-wc-webhook-resource': 'customer',
          'x-wc-webhook-event': change,
          'x-wc-webhook-signature': hmacSha256(subscription.secret ?? '', body, 'base64'),
          'x-wc-webhook-id': String(subscription.id),
          'x-wc-webhook-delivery-id': randomBytes(16).toString('hex'),
        },
        body,
      };
      return () => request;
    },
    onOutcome(webhook, delivered) {
      const state = states.get(webhook.id);
      if (state === undefined) return;
      state.failures = delivered ? 0 : state.failures + 1;
      if (state.failures >= maxConsecutiveFailures) state.status = 'disabled';
    },
  });

  function present(webhook: WebhookSubscription) {
    const state = states.get(webhook.id);
    const created = webhook.createdAt.replace(/\.\d{3}Z$/, '');
    const [resource, event] = webhook.topic.split('.');
    return {
      id: webhook.id,
      name: state?.name ?? '',
      status: state?.status ?? 'disabled',
      topic: webhook.topic,
      resource,
      event,
      delivery_url: webhook.url,
      date_created: created,
      date_created_gmt: created,
      date_modified: created,
      date_modified_gmt: created,
    };
  }

  return {
    ...webhooks,
    present,
    create(input: {
      name: string;
      topic: string;
      url: string;
      secret: string;
      status: WooCommerceWebhookStatus;
    }) {
      const webhook = webhooks.subscribe(input.topic, input.url, input.secret, settings.now());
      states.set(webhook.id, { status: input.status, failures: 0, name: input.name });
      return webhook;
    },
    remove(id: number) {
      states.delete(id);
      return webhooks.unsubscribe(id);
    },
    clear() {
      states.clear();
      webhooks.clear();
    },
  };
}
