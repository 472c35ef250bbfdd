import { randomUUID } from 'node:crypto';
import { createAppWebhooks } from '../kit/app-webhooks';
import { hmacSha256 } from '../kit/hmac';

/** Retries over 24 h: 15, 30, 45 min, 1 h, then every 2 h (sheet §8). */
const retryDelaysSeconds = [900, 1800, 2700, 3600, ...Array.from({ length: 10 }, () => 7200)];

export interface EcwidWebhookSettings {
  readonly storeId: string;
  /** The app's client_secret: the signature key (sheet §8). */
  readonly clientSecret: string;
  readonly msPerPlatformSecond?: number | undefined;
}

/**
 * Ecwid's webhooks (sheet §8): one URL per app (set by Ecwid support, so configured here), JSON
 * events carrying ids only, signed over `"{eventCreated}.{eventId}"`.
 */
export function createEcwidWebhooks(settings: EcwidWebhookSettings) {
  return createAppWebhooks({
    retryDelaysSeconds,
    timeoutMs: 10_000,
    msPerPlatformSecond: settings.msPerPlatformSecond,
    build(url, change, customerId, now) {
      const eventId = randomUUID();
      const eventCreated = Math.floor(now.getTime() / 1000);
      const eventType = `customer.${change}`;
      const body = JSON.stringify({
        eventId,
        eventCreated,
        storeId: Number(settings.storeId),
        entityId: customerId,
        eventType,
        data: { customerId },
      });
      return {
        // Ecwid appends the event type to the registered URL.
        url: `${url}${url.includes('?') ? '&' : '?'}eventtype=${eventType}`,
        headers: {
          'content-type': 'application/json;charset=utf-8',
          'x-ecwid-webhook-signature': hmacSha256(
            settings.clientSecret,
            `${eventCreated}.${eventId}`,
            'base64',
          ),
        },
        body,
      };
    },
  });
}
