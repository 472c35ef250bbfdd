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

/** A change to one customer: most platforms' webhook events. */
export interface CustomerEvent {
  readonly change: CustomerChange;
  readonly customerId: number;
}

export interface SubscribedWebhooksOptions<Event> extends WebhookSenderOptions {
  /** Whether a subscription's topic covers this event (e.g. `store/customer/*` covers them all). */
  covers(subscription: WebhookSubscription, event: Event): boolean;
  /**
   * The platform's request for one change; called for each attempt (`attempt` 0 first), so a
   * platform that signs each attempt's time can. Called when the change happens (a deleted
   * customer is still readable then).
   */
  build(subscription: WebhookSubscription, event: Event, now: Date): (attempt: number) => OutgoingWebhook;
  /** Hears whether each attempt to a subscription was delivered. */
  onOutcome?(subscription: WebhookSubscription, delivered: boolean): void;
}

/** Subscriptions made through a platform's webhook API, and the deliveries they get. */
export function createSubscribedWebhooks<Event = CustomerEvent>(options: SubscribedWebhooksOptions<Event>) {
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
    /** Sends the event to every subscription whose topic covers it. */
    notify(event: Event, now: Date): void {
      for (const subscription of subscriptions.values()) {
        if (options.covers(subscription, event)) {
          sender.send(options.build(subscription, event, now), (delivered) =>
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
