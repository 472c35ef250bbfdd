import {
  hmacSha256,
  type PlatformWebhooks,
  parseWebhookBody,
  readWebhookJson,
  signatureMatches,
  webhookNumericIdSchema,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'ecwid';
const signatureHeader = 'x-ecwid-webhook-signature';
const customerEvents = new Set(['customer.created', 'customer.updated', 'customer.deleted']);

// Sheet §8: `{eventId, eventCreated, storeId, entityId, eventType, data}`.
const ecwidSignedFieldsSchema = z.object({
  eventId: z.string().min(1),
  eventCreated: z.number().int(),
});
const ecwidEventSchema = ecwidSignedFieldsSchema.extend({
  eventType: z.string(),
  entityId: webhookNumericIdSchema.nullish(),
});

/**
 * Ecwid's webhooks (sheet §8): the signature is base64 HMAC-SHA256 keyed with the app's client
 * secret over `"{eventCreated}.{eventId}"`, not over the body.
 */
export const ecwidWebhooks: PlatformWebhooks = {
  secretSource: "the Ecwid app's client_secret (not the store's secret_ access token)",
  verify(delivery, secret) {
    let signed: z.infer<typeof ecwidSignedFieldsSchema>;
    try {
      const parsed = ecwidSignedFieldsSchema.safeParse(readWebhookJson(delivery.body, platform));
      if (!parsed.success) return false;
      signed = parsed.data;
    } catch {
      return false;
    }
    const expected = hmacSha256(secret, `${signed.eventCreated}.${signed.eventId}`);
    return signatureMatches(expected, delivery.headers[signatureHeader], 'base64');
  },
  read(delivery) {
    const event = parseWebhookBody(delivery, ecwidEventSchema, platform);
    const concernsCustomer = customerEvents.has(event.eventType) && event.entityId != null;
    return { eventId: event.eventId, customerIds: concernsCustomer ? [event.entityId as string] : [] };
  },
};
