import { hmacSha256 } from '../kit/hmac';
import { createSubscribedWebhooks } from '../kit/subscribed-webhooks';

/** The customer hook events (sheet §13). */
export const jumpsellerCustomerEvents = ['customer_created', 'customer_updated', 'customer_deleted'];

/** `2025-01-01 10:18:51.829 UTC`, Jumpseller's `Jumpseller-Triggered-At` (sheet §13). */
function triggeredAt(now: Date): string {
  return `${now.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

export interface JumpsellerWebhookSettings {
  /** The store's hooks token: the signature key (sheet §13). */
  readonly hooksToken: () => string;
  readonly storeCode: string;
  /** The customer as the API shows it, `{"customer": {...}}`; a deleted one as it was. */
  readonly payloadOf: (customerId: number) => unknown;
  readonly msPerPlatformSecond?: number | undefined;
}

/**
 * Jumpseller's hooks (sheet §13): one per event and URL, registered through `/v1/hooks.json`; the
 * resource JSON as the API shows it, signed with the store's hooks token; retried up to 4 times,
 * N⁴ minutes apart.
 */
export function createJumpsellerWebhooks(settings: JumpsellerWebhookSettings) {
  return createSubscribedWebhooks({
    retryDelaysSeconds: [1, 16, 81, 256].map((minutes) => minutes * 60),
    timeoutMs: 15_000,
    msPerPlatformSecond: settings.msPerPlatformSecond,
    covers: (hook, event) => hook.topic === `customer_${event.change}`,
    build(subscription, { customerId }, now) {
      const body = JSON.stringify(settings.payloadOf(customerId));
      const request = {
        url: subscription.url,
        headers: {
          'content-type': 'application/json',
          'jumpseller-event': subscription.topic,
          'jumpseller-store-code': settings.storeCode,
          'jumpseller-triggered-at': triggeredAt(now),
          'jumpseller-hmac-sha256': hmacSha256(settings.hooksToken(), body, 'base64'),
        },
        body,
      };
      return () => request;
    },
  });
}
