import { createHash, randomUUID } from 'node:crypto';
import { hmacSha256 } from '../kit/hmac';
import { createSubscribedWebhooks, type WebhookSubscription } from '../kit/subscribed-webhooks';

/** One event: its scope and the thin `data` BigCommerce sends (sheet §8). */
export interface BigCommerceEvent {
  readonly scope: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Scopes a hook may name (the customer ones are the ones sent here). */
export const bigCommerceHookScopes = new Set([
  'store/customer/*',
  'store/customer/created',
  'store/customer/updated',
  'store/customer/deleted',
  'store/customer/address/created',
  'store/customer/address/updated',
  'store/customer/address/deleted',
  'store/customer/payment/instrument/default/updated',
  'store/order/*',
  'store/order/created',
  'store/order/updated',
]);

/** Retries after 60 s … 24 h, about 48 h in all (sheet §8). */
const retryDelaysSeconds = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400];

export interface BigCommerceWebhookSettings {
  readonly storeHash: string;
  /** The app's client secret; Standard Webhooks keys with its bytes (the secret is their base64). */
  readonly clientSecret: string;
  readonly msPerPlatformSecond?: number | undefined;
}

/**
 * BigCommerce's webhooks (sheet §8): hooks created through `/v3/hooks`, thin payloads signed with
 * Standard Webhooks headers; each attempt is signed at its own time, the `webhook-id` and the
 * payload's `hash` stay the same across retries.
 */
export function createBigCommerceWebhooks(settings: BigCommerceWebhookSettings) {
  const active = new Map<number, { isActive: boolean; headers: Record<string, string> }>();
  const webhooks = createSubscribedWebhooks<BigCommerceEvent>({
    retryDelaysSeconds,
    timeoutMs: 10_000,
    msPerPlatformSecond: settings.msPerPlatformSecond,
    covers: (hook, event) =>
      active.get(hook.id)?.isActive === true &&
      (hook.topic === event.scope ||
        (hook.topic.endsWith('/*') && event.scope.startsWith(hook.topic.slice(0, -1)))),
    build(hook, event, now) {
      const payload = { scope: event.scope, store_id: '1025646', data: event.data };
      const hash = createHash('sha1').update(JSON.stringify(payload)).digest('hex');
      const body = JSON.stringify({
        ...payload,
        hash,
        created_at: Math.floor(now.getTime() / 1000),
        producer: `stores/${settings.storeHash}`,
      });
      const id = randomUUID();
      return () => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = hmacSha256(settings.clientSecret, `${id}.${timestamp}.${body}`, 'base64');
        return {
          url: hook.url,
          headers: {
            ...active.get(hook.id)?.headers,
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': timestamp,
            'webhook-signature': `v1,${signature}`,
          },
          body,
        };
      };
    },
  });

  function present(hook: WebhookSubscription) {
    const state = active.get(hook.id);
    const created = Math.floor(Date.parse(hook.createdAt) / 1000);
    return {
      id: hook.id,
      client_id: 'unicart-sandbox-app',
      store_hash: settings.storeHash,
      scope: hook.topic,
      destination: hook.url,
      headers: state?.headers ?? {},
      is_active: state?.isActive ?? false,
      created_at: created,
      updated_at: created,
    };
  }

  return {
    ...webhooks,
    present,
    create(input: {
      scope: string;
      destination: string;
      isActive: boolean;
      headers: Record<string, string>;
    }) {
      const hook = webhooks.subscribe(input.scope, input.destination, null, new Date());
      active.set(hook.id, { isActive: input.isActive, headers: input.headers });
      return hook;
    },
    remove(id: number) {
      active.delete(id);
      return webhooks.unsubscribe(id);
    },
    clear() {
      active.clear();
      webhooks.clear();
    },
    /** A change to a customer record. */
    customer(change: 'created' | 'updated' | 'deleted', id: number): BigCommerceEvent {
      return { scope: `store/customer/${change}`, data: { type: 'customer', id } };
    },
    /** A change to one of a customer's addresses: `data.id` is the address (sheet §8). */
    address(
      change: 'created' | 'updated' | 'deleted',
      address: { id: number; customer_id: number },
    ): BigCommerceEvent {
      return {
        scope: `store/customer/address/${change}`,
        data: { type: 'customer', id: address.id, address: { customer_id: address.customer_id } },
      };
    },
  };
}
