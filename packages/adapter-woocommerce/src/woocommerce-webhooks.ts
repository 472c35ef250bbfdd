import {
  bodySignatureMatches,
  type HttpClient,
  type PlatformWebhooks,
  readHeaderTopicWebhook,
  type WebhookSubscriptions,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'woocommerce';
/** The topics the gateway subscribes to (sheet §8). */
export const wooCommerceCustomerTopics = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
] as const;
// A deleted customer's payload is `{ "id": 25 }`; the others carry the whole v3 customer.
const customerTopics = new Set<string>(wooCommerceCustomerTopics);

/**
 * WooCommerce's webhooks (sheet §8): `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw
 * body keyed with the webhook's own secret; each delivery has its `X-WC-Webhook-Delivery-ID`.
 */
export const wooCommerceWebhooks: PlatformWebhooks = {
  secretSource:
    'the secret of the webhooks (chosen by the gateway when it registers them, or typed in WooCommerce → Settings → Advanced → Webhooks)',
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, { header: 'x-wc-webhook-signature', encoding: 'base64' }),
  read: (delivery) =>
    readHeaderTopicWebhook(delivery, {
      platform,
      eventIdHeader: 'x-wc-webhook-delivery-id',
      topicHeader: 'x-wc-webhook-topic',
      customerTopics,
    }),
};

const webhookSchema = z.object({
  id: z.number().int(),
  topic: z.string(),
  status: z.string(),
  delivery_url: z.string(),
});
const webhookListSchema = z.array(webhookSchema);

/**
 * Registers the customer topics through `/webhooks` with the store's secret (the secret signs them)
 * and removes them by delivery URL. A webhook of the URL that WooCommerce disabled (5 failures in a
 * row) is replaced.
 */
export function wooCommerceWebhookSubscriptions(http: HttpClient): WebhookSubscriptions {
  async function existing(url: string, signal: AbortSignal | undefined) {
    const { data } = await http.get('/webhooks', {
      query: { per_page: 100 },
      schema: webhookListSchema,
      signal,
    });
    return data.filter((webhook) => webhook.delivery_url === url);
  }
  const remove = (id: number, signal: AbortSignal | undefined) =>
    http.delete(`/webhooks/${id}`, { query: { force: 'true' }, schema: webhookSchema, signal });
  return {
    async register({ url, secret }, { signal } = {}) {
      const registered = await existing(url, signal);
      for (const topic of wooCommerceCustomerTopics) {
        const current = registered.filter((webhook) => webhook.topic === topic);
        if (current.some((webhook) => webhook.status === 'active')) continue;
        for (const stale of current) await remove(stale.id, signal);
        await http.post('/webhooks', {
          body: { name: `Unicart sync (${topic})`, topic, delivery_url: url, secret, status: 'active' },
          schema: webhookSchema,
          signal,
        });
      }
    },
    async remove(url, { signal } = {}) {
      for (const webhook of await existing(url, signal)) await remove(webhook.id, signal);
    },
  };
}
