import type { CallOptions } from './customer-adapter-v1';

/** One webhook delivery as the gateway received it. */
export interface WebhookDelivery {
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received: signatures cover these bytes, never a re-serialised JSON. */
  readonly body: Uint8Array;
}

/** What a verified delivery tells. */
export interface WebhookEvent {
  /** The platform's id of the event: the same on every retry of it, the de-duplication key. */
  readonly eventId: string;
  /**
   * Ids of the customers the event says were created, changed or deleted. Empty for every other
   * topic (orders, products, pings): the delivery is acknowledged and ignored.
   */
  readonly customerIds: readonly string[];
}

/**
 * How a platform signs and shapes its customer webhooks. Exported by each adapter definition that
 * has them, so the gateway's webhook route stays platform-neutral.
 */
export interface PlatformWebhooks {
  /** Where the store's webhook secret comes from on this platform, for the operator (README). */
  readonly secretSource: string;
  /**
   * Whether the delivery carries the platform's valid signature made with `secret`, compared in
   * constant time over exactly what the platform signs (and within the tolerance of a signed
   * timestamp where the scheme has one). Never throws on a malformed delivery: it is simply not valid.
   */
  verify(delivery: WebhookDelivery, secret: string): boolean;
  /**
   * Reads a delivery whose signature was verified; throws `InvalidRequestError` when its body or
   * headers lack what the platform always sends (an event id, a customer id).
   */
  read(delivery: WebhookDelivery): WebhookEvent;
}

/** Where a platform should deliver a store's customer webhooks. */
export interface WebhookTarget {
  /** The gateway's public URL of the store's webhook route (`{UNICART_PUBLIC_URL}/webhooks/v1/{storeId}`). */
  readonly url: string;
  /** The store's webhook secret, for platforms where the subscriber chooses it (WooCommerce). */
  readonly secret: string;
}

/**
 * Registers and removes a store's customer webhook subscriptions through the platform's API, on
 * platforms that have one (others configure them in an app's settings: see each package README).
 */
export interface WebhookSubscriptions {
  /**
   * Subscribes `target.url` to the platform's customer create, update and delete topics; idempotent:
   * subscriptions of the same URL that already exist are kept, never duplicated.
   */
  register(target: WebhookTarget, options?: CallOptions): Promise<void>;
  /** Removes every subscription of the store that delivers to `url`; nothing to remove is fine. */
  remove(url: string, options?: CallOptions): Promise<void>;
}
