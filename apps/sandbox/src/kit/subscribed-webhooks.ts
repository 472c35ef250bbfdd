import type { CustomerChange } from './customer-change';
import {
  type OutgoingWebhook,
  type SimulatorWebhooks,
  WebhookSender,
  type WebhookSenderOptions,
} from './webhook-sender';

/** A webhook subscription made through the platform's API. */
export interface WebhookSubscription {
  readonly id: number;
  /** The platform's topic, event or scope name. */
  readonly topic: string;
  readonly url: string;
  /** The subscription's own signing secret, where the platform has one (WooCommerce). */
  readonly secret: string | null;
  /** ISO time of its creation. */
  readonly createdAt: string;
}

/** One customer change, as the subscriptions' platform delivers it. */
export interface SubscribedChange {
  readonly subscription: WebhookSubscription;
  readonly change: CustomerChange;
  readonly customerId: number;
  readonly now: Date;
}

export interface SubscribedWebhooksOptions extends WebhookSenderOptions {
  /** Whether a subscription's topic covers this change (e.g. `store/customer/*` covers them all). */
  covers(subscription: WebhookSubscription, change: CustomerChange): boolean;
  /**
   * The platform's request for one change; called for each attempt (`attempt` 0 first), so a
   * platform that signs each attempt's time can. Called when the change happens (a deleted
   * customer is still readable then).
   */
  build(change: SubscribedChange): (attempt: number) => OutgoingWebhook;
  /** Hears whether each attempt to a subscription was delivered. */
  onOutcome?(subscription: WebhookSubscription, delivered: boolean): void;
}

/** Subscriptions made through a platform's webhook API, and the deliveries they get. */
export function createSubscribedWebhooks(options: SubscribedWebhooksOptions) {
  const subscriptions = new Map<number, WebhookSubscription>();
  let nextId = 1;
  const sender = new WebhookSender(options);
  const controls: SimulatorWebhooks = { deliveries: sender.deliveries, settled: () => sender.settled() };
  return {
    sender,
    controls,
    subscribe(topic: string, url: string, secret: string | null, now: Date): WebhookSubscription {
      const subscription = { id: nextId, topic, url, secret, createdAt: now.toISOString() };
      nextId += 1;
      subscriptions.set(subscription.id, subscription);
      return subscription;
    },
    unsubscribe: (id: number) => subscriptions.delete(id),
    find: (id: number) => subscriptions.get(id),
    list: () => [...subscriptions.values()],
    customerChanged(change: CustomerChange, customerId: number, now: Date): void {
      for (const subscription of subscriptions.values()) {
        if (options.covers(subscription, change)) {
          sender.send(options.build({ subscription, change, customerId, now }), (delivered) =>
            options.onOutcome?.(subscription, delivered),
          );
        }
      }
    },
    /** Forgets every subscription and attempt (a simulator's `reset`). */
    clear(): void {
      subscriptions.clear();
      sender.clear();
    },
  };
}
