import {
  bodySignatureMatches,
  type HttpClient,
  type PlatformWebhooks,
  parseWebhookBody,
  requiredWebhookHeader,
  type WebhookSubscriptions,
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

const hookSchema = z.object({ hook: z.object({ id: z.number().int(), event: z.string(), url: z.string() }) });

/** Registers one hook per customer event through `/hooks.json` and removes them by URL (sheet §13). */
export function jumpsellerWebhookSubscriptions(http: HttpClient): WebhookSubscriptions {
  async function existing(url: string, signal: AbortSignal | undefined) {
    const { data } = await http.get('/hooks.json', { schema: z.array(hookSchema), signal });
    return data.map((item) => item.hook).filter((hook) => hook.url === url);
  }
  return {
    async register({ url }, { signal } = {}) {
      const registered = new Set((await existing(url, signal)).map((hook) => hook.event));
      for (const event of jumpsellerCustomerEvents) {
        if (registered.has(event)) continue;
        await http.post('/hooks.json', { body: { hook: { event, url } }, schema: hookSchema, signal });
      }
    },
    async remove(url, { signal } = {}) {
      for (const hook of await existing(url, signal)) {
        await http.delete(`/hooks/${hook.id}.json`, { schema: z.unknown(), signal });
      }
    },
  };
}
