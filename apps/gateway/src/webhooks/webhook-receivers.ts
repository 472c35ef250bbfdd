/** A store that takes webhooks: its platform, and the secret the platform signs them with. */
export interface WebhookReceiver {
  readonly platform: string;
  /** The store's `sync.webhookSecret`, decrypted. */
  readonly secret: string;
}

/** Finds the store a webhook URL names (over the stores' sync settings). */
export interface WebhookReceivers {
  /**
   * The store's platform and webhook secret; `undefined` when there is no such store, its sync is
   * disabled, or it has no webhook secret.
   */
  find(storeId: string): Promise<WebhookReceiver | undefined>;
}

/** Before sync is set up: no store takes webhooks. */
export const noWebhookReceivers: WebhookReceivers = { find: async () => undefined };
