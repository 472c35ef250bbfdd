import {
  bodySignatureMatches,
  type PlatformWebhooks,
  parseWebhookBody,
  requiredWebhookHeader,
  webhookNumericIdSchema,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'jumpseller';
/** The hook events the gateway subscribes to (sheet §13). */
export const jumpsellerCustomerEvents = ['customer_created', 'customer_updated', 'customer_deleted'] as const;
const customerEvents = new Set<string>(jumpsellerCustomerEvents);
const customerPayloadSchema = z.object({ customer: z.object({ id: webhookNumericIdSchema }) });

/**
 * Jumpseller's hooks (sheet §13): `Jumpseller-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw
 * body keyed with the store's hooks token. No event id is sent, so an event is named by its event,
 * customer and `Jumpseller-Triggered-At` (the sheet's choice).
 */
export const jumpsellerWebhooks: PlatformWebhooks = {
  secretSource:
    "the store's hooks token (Admin Panel → Notifications → Webhooks; `hooks_token` of GET /store/info.json)",
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, { header: 'jumpseller-hmac-sha256', encoding: 'base64' }),
  read(delivery) {
    const event = requiredWebhookHeader(delivery, 'jumpseller-event', platform);
    const triggeredAt = requiredWebhookHeader(delivery, 'jumpseller-triggered-at', platform);
    if (!customerEvents.has(event)) return { eventId: `${event}:${triggeredAt}`, customerIds: [] };
    const customerId = parseWebhookBody(delivery, customerPayloadSchema, platform).customer.id;
    return { eventId: `${event}:${customerId}:${triggeredAt}`, customerIds: [customerId] };
  },
};
