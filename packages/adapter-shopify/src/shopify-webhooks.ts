import {
  bodySignatureMatches,
  type PlatformWebhooks,
  readHeaderTopicWebhook,
  type WebhookSubscriptions,
} from '@unicart/core';
import {
  shopifyWebhookSubscriptionCreateSchema,
  shopifyWebhookSubscriptionDeleteSchema,
  shopifyWebhookSubscriptionsSchema,
} from './shopify-api';
import {
  createWebhookSubscriptionDocument,
  deleteWebhookSubscriptionDocument,
  webhookSubscriptionsDocument,
} from './shopify-documents';
import { shopifyUserErrorsToError } from './shopify-error';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';

const platform = 'shopify';
/** The topics the gateway subscribes to (sheet §8), by `WebhookSubscriptionTopic` and by header name. */
const subscribedTopics = ['CUSTOMERS_CREATE', 'CUSTOMERS_UPDATE', 'CUSTOMERS_DELETE'] as const;
const customerTopics = new Set(['customers/create', 'customers/update', 'customers/delete']);

/**
 * Shopify's webhooks (sheet §8): `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body
 * keyed with the app's client secret; `X-Shopify-Event-Id` is kept across retries.
 */
export const shopifyWebhooks: PlatformWebhooks = {
  secretSource: "the Shopify app's client secret (API secret key)",
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, { header: 'x-shopify-hmac-sha256', encoding: 'base64' }),
  read: (delivery) =>
    readHeaderTopicWebhook(delivery, {
      platform,
      eventIdHeader: 'x-shopify-event-id',
      topicHeader: 'x-shopify-topic',
      customerTopics,
    }),
};

/** Subscribes a URL to the customer topics with `webhookSubscriptionCreate`, once each; removes them by URL. */
export function shopifyWebhookSubscriptions(graphql: ShopifyGraphqlClient): WebhookSubscriptions {
  async function existing(uri: string, signal: AbortSignal | undefined) {
    const data = await graphql.execute(
      webhookSubscriptionsDocument,
      { uri },
      shopifyWebhookSubscriptionsSchema,
      signal,
    );
    return data.webhookSubscriptions.nodes;
  }
  return {
    async register({ url }, { signal } = {}) {
      const registered = new Set((await existing(url, signal)).map((subscription) => subscription.topic));
      for (const topic of subscribedTopics) {
        if (registered.has(topic)) continue;
        const data = await graphql.execute(
          createWebhookSubscriptionDocument,
          { topic, uri: url },
          shopifyWebhookSubscriptionCreateSchema,
          signal,
        );
        const { userErrors } = data.webhookSubscriptionCreate;
        if (userErrors.length > 0) throw shopifyUserErrorsToError(userErrors, 'webhookSubscription');
      }
    },
    async remove(url, { signal } = {}) {
      for (const subscription of await existing(url, signal)) {
        const data = await graphql.execute(
          deleteWebhookSubscriptionDocument,
          { id: subscription.id },
          shopifyWebhookSubscriptionDeleteSchema,
          signal,
        );
        const { userErrors } = data.webhookSubscriptionDelete;
        if (userErrors.length > 0) throw shopifyUserErrorsToError(userErrors, 'webhookSubscription');
      }
    },
  };
}
