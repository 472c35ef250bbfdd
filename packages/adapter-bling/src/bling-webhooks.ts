import {
  bodySignatureMatches,
  type PlatformWebhooks,
  parseWebhookBody,
  webhookNumericIdSchema,
} from '@unicart/core';
import { z } from 'zod';

const platform = 'bling';
/** Contact events (unconfirmed, sheet §14: named like the documented `order.created`). */
export const blingContactEvents = ['contact.created', 'contact.updated', 'contact.deleted'] as const;
const contactEvents = new Set<string>(blingContactEvents);
const blingEventSchema = z.object({
  eventId: z.string().min(1),
  event: z.string(),
  data: z.object({ id: webhookNumericIdSchema.nullish() }).nullish(),
});

/**
 * Bling's webhooks (sheet §14): `X-Bling-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`
 * keyed with the app's client secret; the body carries `eventId`, `event` and `data`.
 */
export const blingWebhooks: PlatformWebhooks = {
  secretSource: "the Bling app's client secret (the same one as the OAuth credentials)",
  verify: (delivery, secret) =>
    bodySignatureMatches(delivery, secret, {
      header: 'x-bling-signature-256',
      encoding: 'hex',
      prefix: 'sha256=',
    }),
  read(delivery) {
    const event = parseWebhookBody(delivery, blingEventSchema, platform);
    const contactId = event.data?.id;
    const concernsContact = contactEvents.has(event.event) && contactId != null;
    return { eventId: event.eventId, customerIds: concernsContact ? [contactId] : [] };
  },
};
