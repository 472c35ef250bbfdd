import {
  bodySignatureMatches,
  type PlatformWebhooks,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'shopify';
/** The REST-style names of the topics the gateway subscribes to (sheet §8). */
export const shopifyCustomerTopics = ['customers/create', 'customers/update', 'customers/delete'] as const;
const customerTopics = new Set<string>(shopifyCustomerTopics);
const customerPayloadSchema = z.object({ id: webhookNumericIdSchema });

/**
 * Shopify's webhooks (sheet §8): `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body
 * keyed with the app's client secret; `X-Shopify-Event-Id` is kept across retries.
 */
export const shopifyWebhooks: PlatformWebhooks = {
  secretSource: "the Shopify app's client secret (API secret key)",
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, { header: 'x-shopify-hmac-sha256', encoding: 'base64' }),
  read(delivery) {
    const eventId = requiredWebhookHeader(delivery, 'x-shopify-event-id', platform);
    const topic = requiredWebhookHeader(delivery, 'x-shopify-topic', platform);
    if (!customerTopics.has(topic)) return { eventId, customerIds: [] };
    return { eventId, customerIds: [parseWebhookBody(delivery, customerPayloadSchema, platform).id] };
  },
};
