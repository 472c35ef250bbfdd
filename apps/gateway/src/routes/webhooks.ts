import { UnicartError, type WebhookDelivery } from '@unicart/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformRegistry } from '../platforms';
import type { CustomerChangeHints } from '../sync/customer-change-hints';
import type { WebhookEvents } from '../webhooks/webhook-events';
import type { WebhookReceivers } from '../webhooks/webhook-receivers';
import { errorResponse, idParamsSchema, payloadTooLargeResponse } from './schemas';

export interface WebhookRoutesOptions {
  readonly platforms: PlatformRegistry;
  readonly receivers: WebhookReceivers;
  readonly events: WebhookEvents;
  readonly hints: CustomerChangeHints;
  /** Default: the system clock. */
  readonly clock?: () => Date;
}

/** A refused delivery: a missing or wrong signature, or no store under this id that takes webhooks. */
export class WebhookSignatureInvalidError extends UnicartError {
  constructor() {
    super({
      message: 'The webhook signature is missing or invalid',
      code: 'webhook_signature_invalid',
    });
    this.name = 'WebhookSignatureInvalidError';
  }
}

/** Platforms retry for up to two days (BigCommerce ~48 h, Ecwid 24 h): event ids are kept a week. */
const eventRetentionMs = 7 * 24 * 3600 * 1000;
const purgeIntervalMs = 3600 * 1000;

const webhookParamsSchema = z.object({
  storeId: idParamsSchema('The Unicart store id', '3f1c0a4e-2b7d-4c55-9a57-1d6f0e2b9c11').shape.id,
});
const webhookQuerySchema = z.object({
  eventtype: z.string().optional().describe('Added by Ecwid to the registered URL; not used'),
});

function deliveryOf(request: FastifyRequest): WebhookDelivery {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { headers, body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0) };
}

/**
 * `POST /webhooks/v1/{storeId}` (CONTRACT.md §5): a platform's customer webhook, verified with the
 * store's webhook secret, de-duplicated on the platform's event id, handed to sync as a hint.
 */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRoutesOptions> = async (app, options) => {
  const clock = options.clock ?? (() => new Date());
  let lastPurge = 0;

  // Signatures cover the exact bytes sent: this route (and only it) keeps every body raw.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  async function purgeOldEvents(now: Date): Promise<void> {
    if (now.getTime() - lastPurge < purgeIntervalMs) return;
    lastPurge = now.getTime();
    await options.events.purgeReceivedBefore(new Date(now.getTime() - eventRetentionMs));
  }

  app.post(
    '/:storeId',
    {
      schema: {
        operationId: 'receiveWebhook',
        summary: "Receive a platform's customer webhook",
        description:
          "Called by the platform, not by clients: no bearer token. The platform's own signature is " +
          "verified with the store's `sync.webhookSecret` over exactly what the platform signs. " +
          'A customer create, update or delete event is handed to sync, which re-reads the customer; ' +
          'a repeated event id and every other topic are acknowledged and ignored.',
        tags: ['webhooks'],
        security: [],
        params: webhookParamsSchema,
        querystring: webhookQuerySchema,
        response: {
          204: z.undefined().describe('Received (or already received, or not a customer event)'),
          400: errorResponse(
            'invalid_request: a signed delivery without the event id or customer id its platform sends',
            {
              code: 'invalid_request',
              message: 'The webhook has no x-shopify-event-id header',
              platform: 'shopify',
            },
          ),
          401: errorResponse(
            'webhook_signature_invalid: the signature is missing or wrong, or no store with sync takes webhooks under this id (not told apart)',
            { code: 'webhook_signature_invalid', message: 'The webhook signature is missing or invalid' },
          ),
          ...payloadTooLargeResponse,
        },
      },
    },
    async (request, reply) => {
      const { storeId } = request.params;
      const receiver = await options.receivers.find(storeId);
      const webhooks =
        receiver === undefined ? undefined : options.platforms.get(receiver.platform)?.webhooks;
      const delivery = deliveryOf(request);
      if (receiver === undefined || webhooks === undefined || !webhooks.verify(delivery, receiver.secret)) {
        throw new WebhookSignatureInvalidError();
      }
      const event = webhooks.read(delivery);
      if (event.customerIds.length === 0) return reply.code(204).send();
      const now = clock();
      if (!(await options.events.record(storeId, event.eventId, now))) return reply.code(204).send();
      try {
        for (const customerId of event.customerIds) await options.hints.customerChanged(storeId, customerId);
      } catch (error) {
        // Not recorded as received: the platform's retry of this event is taken.
        await options.events.forget(storeId, event.eventId);
        throw error;
      }
      await purgeOldEvents(now);
      return reply.code(204).send();
    },
  );
};
