import {
  type PlatformWebhooks,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from '@unicart/core';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';

const platform = 'bigcommerce';
/** The scopes the gateway subscribes to (sheet §8); address changes are customer changes too. */
export const bigCommerceCustomerScopes = [
  'store/customer/created',
  'store/customer/updated',
  'store/customer/deleted',
  'store/customer/address/created',
  'store/customer/address/updated',
  'store/customer/address/deleted',
] as const;
const customerScopes = new Set<string>(bigCommerceCustomerScopes.slice(0, 3));
const addressScopes = new Set<string>(bigCommerceCustomerScopes.slice(3));
const bigCommerceEventSchema = z.object({
  scope: z.string(),
  data: z
    .object({
      id: webhookNumericIdSchema.nullish(),
      address: z.object({ customer_id: webhookNumericIdSchema.nullish() }).nullish(),
    })
    .nullish(),
});

function customerIdOf(event: z.infer<typeof bigCommerceEventSchema>): string | null | undefined {
  if (customerScopes.has(event.scope)) return event.data?.id;
  if (addressScopes.has(event.scope)) return event.data?.address?.customer_id;
  return null;
}

/**
 * BigCommerce's webhooks (sheet §8): Standard Webhooks headers (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`), keyed with the base64 of the app's client secret; `webhook-id` is kept
 * across retries.
 */
export const bigCommerceWebhooks: PlatformWebhooks = {
  secretSource: "the BigCommerce app's client secret",
  verify(delivery, secret) {
    const headers: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = delivery.headers[name];
      if (value === undefined) return false;
      headers[name] = value;
    }
    try {
      // The library compares in constant time and refuses timestamps over 5 minutes off.
      new Webhook(Buffer.from(secret).toString('base64')).verify(Buffer.from(delivery.body), headers);
      return true;
    } catch {
      return false;
    }
  },
  read(delivery) {
    const eventId = requiredWebhookHeader(delivery, 'webhook-id', platform);
    const customerId = customerIdOf(parseWebhookBody(delivery, bigCommerceEventSchema, platform));
    return { eventId, customerIds: customerId == null ? [] : [customerId] };
  },
};
