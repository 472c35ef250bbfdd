import type { SqlDatabase } from '../stores/sql-database';

/**
 * The platform event ids each store's webhook route has taken (CONTRACT.md §5: a delivery whose
 * event id was already received is acknowledged and ignored), in the registry database, so every
 * gateway process on it agrees.
 */
export interface WebhookEvents {
  /**
   * Records the event unless it is recorded already; `true` when this call recorded it. One
   * insert on the table's key: of two processes receiving the same event at once, one wins.
   */
  record(storeId: string, eventId: string, receivedAt: Date): Promise<boolean>;
  /** Forgets an event whose hints could not be recorded, so that the platform's retry is taken. */
  forget(storeId: string, eventId: string): Promise<void>;
  /** Deletes the events received before `before` (platforms stop retrying after two days); resolves how many. */
  purgeReceivedBefore(before: Date): Promise<number>;
}

export function createSqlWebhookEvents(database: SqlDatabase): WebhookEvents {
  return {
    async record(storeId, eventId, receivedAt) {
      const inserted = await database.execute(
        `INSERT INTO webhook_events (store_id, event_id, received_at) VALUES (?, ?, ?)
         ON CONFLICT (store_id, event_id) DO NOTHING`,
        [storeId, eventId, receivedAt.toISOString()],
      );
      return inserted === 1;
    },
    async forget(storeId, eventId) {
      await database.execute('DELETE FROM webhook_events WHERE store_id = ? AND event_id = ?', [
        storeId,
        eventId,
      ]);
    },
    purgeReceivedBefore: (before) =>
      database.execute('DELETE FROM webhook_events WHERE received_at < ?', [before.toISOString()]),
  };
}
