import { UnicartError } from '@unicart/core';
import type { Logger } from 'pino';
import type { StoreRegistry } from '../stores/store-registry';
import type { WebhookReceivers } from './webhook-receivers';

/** Keeps a store's webhooks on its platform in step with its sync settings (CONTRACT.md §5). */
export interface WebhookRegistration {
  /** After a store's sync settings changed: registers its webhooks (sync on, with a secret) or removes them. */
  syncConfigured(storeId: string): Promise<void>;
  /** Before a store is deleted: removes its webhooks. */
  storeRemoving(storeId: string): Promise<void>;
}

export interface WebhookRegistrationOptions {
  /** `UNICART_PUBLIC_URL`; `undefined`: nothing is registered. */
  readonly publicUrl: string | undefined;
  readonly stores: Pick<StoreRegistry, 'open'>;
  readonly receivers: WebhookReceivers;
  readonly logger: Logger;
}

/**
 * Registers through the platform's API where the adapter can (`webhookSubscriptions`). Webhooks make
 * sync faster and are never required, so a platform refusing (a missing scope, a URL it cannot
 * reach) is logged, without the URL or the secret, and the admin request still succeeds.
 */
export function createWebhookRegistration(options: WebhookRegistrationOptions): WebhookRegistration {
  const { publicUrl, logger } = options;
  const urlOf = (storeId: string) => `${publicUrl}/webhooks/v1/${encodeURIComponent(storeId)}`;

  async function change(storeId: string, work: 'register' | 'remove'): Promise<void> {
    if (publicUrl === undefined) return;
    const opened = await options.stores.open(storeId);
    const subscriptions = opened?.adapter.webhookSubscriptions;
    if (opened === undefined || subscriptions === undefined) return;
    const receiver = work === 'register' ? await options.receivers.find(storeId) : undefined;
    try {
      if (receiver === undefined) await subscriptions.remove(urlOf(storeId));
      else await subscriptions.register({ url: urlOf(storeId), secret: receiver.secret });
      logger.info(
        { storeId, platform: opened.store.platform },
        `webhooks ${receiver ? 'registered' : 'removed'}`,
      );
    } catch (error) {
      const code = UnicartError.isInstance(error) ? error.code : 'internal';
      logger.warn(
        { storeId, platform: opened.store.platform, code },
        'the platform refused the webhook change',
      );
    }
  }

  return {
    syncConfigured: (storeId) => change(storeId, 'register'),
    storeRemoving: (storeId) => change(storeId, 'remove'),
  };
}
