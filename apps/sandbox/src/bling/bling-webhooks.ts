import { randomUUID } from 'node:crypto';
import { createAppWebhooks } from '../kit/app-webhooks';
import { hmacSha256 } from '../kit/hmac';

export interface BlingWebhookSettings {
  /** The app's client secret: the signature key (sheet §14). */
  readonly clientSecret: string;
  /** Bling's id of the account (`companyId` in every event). */
  readonly companyId: string;
  readonly msPerPlatformSecond?: number | undefined;
}

/**
 * Bling's webhooks (sheet §14, contact events unconfirmed): servers and resources are set in the
 * app's "Webhooks" tab (so configured here); each event is JSON `{eventId, date, version, event,
 * companyId, data}` with `X-Bling-Signature-256: sha256=<hex HMAC of the body>`. Retries are not
 * documented: none are made.
 */
export function createBlingWebhooks(settings: BlingWebhookSettings) {
  return createAppWebhooks({
    retryDelaysSeconds: [],
    timeoutMs: 10_000,
    msPerPlatformSecond: settings.msPerPlatformSecond,
    build(url, change, contactId, now) {
      const body = JSON.stringify({
        eventId: randomUUID(),
        date: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        version: 'v1',
        event: `contact.${change}`,
        companyId: settings.companyId,
        data: { id: contactId },
      });
      return {
        url,
        headers: {
          'content-type': 'application/json',
          'x-bling-signature-256': `sha256=${hmacSha256(settings.clientSecret, body, 'hex')}`,
        },
        body,
      };
    },
  });
}
