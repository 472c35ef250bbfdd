import type { CustomerChange } from './customer-change';
import {
  type OutgoingWebhook,
  type SimulatorWebhooks,
  WebhookSender,
  type WebhookSenderOptions,
} from './webhook-sender';

/** Webhooks set in an app's settings on the platform (one URL for every event), not through its API. */
export interface AppWebhookControls extends SimulatorWebhooks {
  /** The app's webhook URL (`null`: none). */
  configure(url: string | null): void;
}

export interface AppWebhooksOptions extends WebhookSenderOptions {
  /** The platform's request for one change; the same request is sent again on each retry. */
  build(url: string, change: CustomerChange, customerId: number, now: Date): OutgoingWebhook;
}

export function createAppWebhooks(options: AppWebhooksOptions) {
  let url: string | null = null;
  const sender = new WebhookSender(options);
  const controls: AppWebhookControls = {
    deliveries: sender.deliveries,
    settled: () => sender.settled(),
    configure(target) {
      url = target;
    },
  };
  return {
    sender,
    controls,
    customerChanged(change: CustomerChange, customerId: number, now: Date): void {
      if (url === null) return;
      const request = options.build(url, change, customerId, now);
      sender.send(() => request);
    },
  };
}
