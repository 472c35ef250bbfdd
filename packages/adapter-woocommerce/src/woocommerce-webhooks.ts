import {
  bodySignatureMatches,
  type PlatformWebhooks,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'woocommerce';
/** The topics the gateway subscribes to (sheet §8). */
export const wooCommerceCustomerTopics = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
] as const;
const customerTopics = new Set<string>(wooCommerceCustomerTopics);
// A deleted customer's payload is `{ "id": 25 }`; the others carry the whole v3 customer.
const customerPayloadSchema = z.object({ id: webhookNumericIdSchema });

/**
 * WooCommerce's webhooks (sheet §8): `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw
 * body keyed with the webhook's own secret; each delivery has its `X-WC-Webhook-Delivery-ID`.
 */
export const wooCommerceWebhooks: PlatformWebhooks = {
  secretSource:
    'the secret of the webhooks (chosen by the gateway when it registers them, or typed in WooCommerce → Settings → Advanced → Webhooks)',
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, { header: 'x-wc-webhook-signature', encoding: 'base64' }),
  read(delivery) {
    const eventId = requiredWebhookHeader(delivery, 'x-wc-webhook-delivery-id', platform);
    const topic = requiredWebhookHeader(delivery, 'x-wc-webhook-topic', platform);
    if (!customerTopics.has(topic)) return { eventId, customerIds: [] };
    return { eventId, customerIds: [parseWebhookBody(delivery, customerPayloadSchema, platform).id] };
  },
};
