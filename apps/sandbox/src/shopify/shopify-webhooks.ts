import { randomUUID } from 'node:crypto';
import type { CustomerChange } from '../kit/customer-change';
import { hmacSha256 } from '../kit/hmac';
import { createSubscribedWebhooks, type WebhookSubscription } from '../kit/subscribed-webhooks';
import { gid, idOf } from './shopify-gid';
import type { ShopifyCustomerRecord } from './shopify-types';
import type { ShopifyContext } from './shopify-views';

/** The customer topics sent here, by their `WebhookSubscriptionTopic` (sheet §8). */
const topicsByChange: Readonly<Record<CustomerChange, { readonly topic: string; readonly header: string }>> =
  {
    created: { topic: 'CUSTOMERS_CREATE', header: 'customers/create' },
    updated: { topic: 'CUSTOMERS_UPDATE', header: 'customers/update' },
    deleted: { topic: 'CUSTOMERS_DELETE', header: 'customers/delete' },
  };

/** 8 retries over about 4 hours (sheet §8; the spacing is the sandbox's). */
const retryDelaysSeconds = [10, 30, 60, 300, 900, 1800, 3600, 7200];

/** One change: the customer as it is now (as it was, for a deletion). */
export interface ShopifyCustomerEvent {
  readonly change: CustomerChange;
  readonly customer: ShopifyCustomerRecord;
}

/** The REST-style payload of the subscription's API version (2025-01+: no tags, no consents). */
function restCustomer(customer: ShopifyCustomerRecord) {
  const address = (record: ShopifyCustomerRecord['addresses'][number]) => ({
    id: record.id,
    customer_id: customer.id,
    first_name: record.firstName,
    last_name: record.lastName,
    company: record.company,
    address1: record.address1,
    address2: record.address2,
    city: record.city,
    province_code: record.provinceCode,
    country_code: record.countryCode,
    zip: record.zip,
    phone: record.phone,
    default: record.id === customer.defaultAddressId,
  });
  const defaultAddress = customer.addresses.find((record) => record.id === customer.defaultAddressId);
  return {
    id: customer.id,
    email: customer.email,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt,
    phone: customer.phone,
    currency: null,
    addresses: customer.addresses.map(address),
    tax_exemptions: [],
    admin_graphql_api_id: gid('Customer', customer.id),
    default_address: defaultAddress === undefined ? null : address(defaultAddress),
  };
}

export interface ShopifyWebhookSettings {
  readonly shop: string;
  readonly apiVersion: string;
  /** The app's client secret: the signature key (sheet §8). */
  readonly clientSecret: () => string;
  readonly msPerPlatformSecond?: number | undefined;
}

/**
 * Shopify's webhooks (sheet §8): subscriptions made with `webhookSubscriptionCreate`, REST-shaped
 * payloads signed with the app's client secret (`X-Shopify-Hmac-Sha256`), retried with the same
 * payload and ids.
 */
export function createShopifyWebhooks(settings: ShopifyWebhookSettings) {
  const webhooks = createSubscribedWebhooks<ShopifyCustomerEvent>({
    retryDelaysSeconds,
    timeoutMs: 5_000,
    msPerPlatformSecond: settings.msPerPlatformSecond,
    covers: (subscription, event) => subscription.topic === topicsByChange[event.change].topic,
    build(subscription, { change, customer }, now) {
      const body = JSON.stringify(
        change === 'deleted'
          ? {
              id: customer.id,
              phone: null,
              addresses: [],
              tax_exemptions: [],
              admin_graphql_api_id: gid('Customer', customer.id),
            }
          : restCustomer(customer),
      );
      const request = {
        url: subscription.url,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': topicsByChange[change].header,
          'x-shopify-hmac-sha256': hmacSha256(settings.clientSecret(), body, 'base64'),
          'x-shopify-shop-domain': settings.shop,
          'x-shopify-api-version': settings.apiVersion,
          'x-shopify-webhook-id': randomUUID(),
          'x-shopify-event-id': randomUUID(),
          'x-shopify-triggered-at': now.toISOString(),
        },
        body,
      };
      return () => request;
    },
  });

  const view = (subscription: WebhookSubscription) => ({
    id: gid('WebhookSubscription', subscription.id),
    legacyResourceId: String(subscription.id),
    topic: subscription.topic,
    uri: subscription.url,
    callbackUrl: subscription.url,
    format: 'JSON',
    apiVersion: { handle: settings.apiVersion, displayName: settings.apiVersion, supported: true },
    filter: null,
    includeFields: [],
    metafieldNamespaces: [],
    createdAt: subscription.createdAt,
    updatedAt: subscription.createdAt,
  });

  /** `webhookSubscriptionCreate`, `webhookSubscriptionDelete` and `webhookSubscriptions`, as root resolvers. */
  const fields = {
    webhookSubscriptionCreate(
      { topic, webhookSubscription }: { topic: string; webhookSubscription: { uri?: string | null } },
      context: ShopifyContext,
    ) {
      const uri = webhookSubscription.uri ?? '';
      if (!/^https?:\/\/\S+$/.test(uri)) {
        return {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' }],
        };
      }
      const taken = webhooks.list().some((existing) => existing.topic === topic && existing.url === uri);
      if (taken) {
        return {
          webhookSubscription: null,
          userErrors: [
            {
              field: ['webhookSubscription', 'callbackUrl'],
              message: 'Address for this topic has already been taken',
            },
          ],
        };
      }
      return {
        webhookSubscription: view(webhooks.subscribe(topic, uri, null, context.now())),
        userErrors: [],
      };
    },
    webhookSubscriptionDelete({ id }: { id: string }) {
      const numeric = idOf(id, 'WebhookSubscription');
      if (numeric === null || !webhooks.unsubscribe(numeric)) {
        return {
          deletedWebhookSubscriptionId: null,
          userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
        };
      }
      return { deletedWebhookSubscriptionId: id, userErrors: [] };
    },
    webhookSubscriptions({ topics, uri }: { topics?: readonly string[] | null; uri?: string | null }) {
      const nodes = webhooks
        .list()
        .filter((subscription) => (topics ?? []).length === 0 || topics?.includes(subscription.topic))
        .filter((subscription) => uri === undefined || uri === null || subscription.url === uri)
        .map(view);
      return {
        nodes,
        edges: nodes.map((node) => ({ node, cursor: node.id })),
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: nodes[0]?.id ?? null,
          endCursor: nodes.at(-1)?.id ?? null,
        },
      };
    },
  };
  return { ...webhooks, fields };
}

/** The simulator's webhooks, as the GraphQL resolvers reach them. */
export type ShopifyWebhooks = ReturnType<typeof createShopifyWebhooks>;
