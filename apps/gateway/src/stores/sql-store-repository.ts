import { timingSafeEqual } from 'node:crypto';
import { createSqlIdempotencyRecords } from '../idempotency/idempotency-records';
import { createSqlCustomerMirror } from '../sync/customer-mirror-sql';
import { createSqlWebhookEvents } from '../webhooks/webhook-events';
import type { SqlDatabase, SqlExecutor } from './sql-database';
import type { StoreChangeWatcher, StoreRecord, StoreRepository, StoreSummary } from './store-repository';

/** Where a process says that a store's tokens changed (the payload is the store id). */
const storeChangesChannel = 'unicart_store_changes';

interface StoreRow {
  readonly id: string;
  readonly platform: string;
  readonly name: string;
  readonly credentials_ciphertext: string;
  readonly credentials_key_id: string;
  readonly base_url: string | null;
  readonly created_at: string;
  readonly token_hash: string;
}

const toSummary = (row: Pick<StoreRow, 'id' | 'platform' | 'name' | 'created_at'>): StoreSummary => ({
  id: row.id,
  platform: row.platform,
  name: row.name,
  createdAt: row.created_at,
});

const toRecord = (row: Omit<StoreRow, 'token_hash'>): StoreRecord => ({
  ...toSummary(row),
  baseUrl: row.base_url,
  credentials: { keyId: row.credentials_key_id, ciphertext: row.credentials_ciphertext },
});

// The row was found by this hash; comparing again in constant time keeps the check itself timing-safe.
function sameHash(stored: string, given: string): boolean {
  const storedBytes = Buffer.from(stored, 'hex');
  const givenBytes = Buffer.from(given, 'hex');
  return storedBytes.length === givenBytes.length && timingSafeEqual(storedBytes, givenBytes);
}

/** The stores registry over any `SqlDatabase`; run `migrate` on the database first. */
export function createSqlStoreRepository(database: SqlDatabase): StoreRepository {
  const { notifications, acquireLock } = database;
  // Sent when the transaction commits, so no process hears of a change it cannot read yet.
  const announceChange = async (executor: SqlExecutor, storeId: string) => {
    if (notifications !== undefined) {
      await executor.query(notifications.notifyStatement, [storeChangesChannel, storeId]);
    }
  };
  return {
    async createStore(store, tokenHash) {
      await database.transaction(async (executor) => {
        await executor.execute(
          `INSERT INTO stores (id, platform, name, credentials_ciphertext, credentials_key_id, base_url, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            store.id,
            store.platform,
            store.name,
            store.credentials.ciphertext,
            store.credentials.keyId,
            store.baseUrl,
            store.createdAt,
          ],
        );
        await executor.execute(
          'INSERT INTO store_tokens (token_hash, store_id, created_at) VALUES (?, ?, ?)',
          [tokenHash, store.id, store.createdAt],
        );
      });
    },

    async listStores() {
      const rows = await database.query<StoreRow>(
        'SELECT id, platform, name, created_at FROM stores ORDER BY created_at, id',
      );
      return rows.map(toSummary);
    },

    async findStore(storeId) {
      const [row] = await database.query<StoreRow>(
        `SELECT id, platform, name, credentials_ciphertext, credentials_key_id, base_url, created_at
         FROM stores WHERE id = ?`,
        [storeId],
      );
      return row === undefined ? undefined : toRecord(row);
    },

    async findStoreByTokenHash(tokenHash) {
      const [row] = await database.query<StoreRow>(
        `SELECT s.id, s.platform, s.name, s.credentials_ciphertext, s.credentials_key_id, s.base_url, s.created_at,
                t.token_hash
         FROM store_tokens t JOIN stores s ON s.id = t.store_id
         WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
        [tokenHash],
      );
      if (row === undefined || !sameHash(row.token_hash, tokenHash)) return undefined;
      return toRecord(row);
    },

    async replaceTokens(storeId, tokenHash) {
      return database.transaction(async (executor) => {
        await announceChange(executor, storeId);
        const [store] = await executor.query<StoreRow>('SELECT id FROM stores WHERE id = ?', [storeId]);
        if (store === undefined) return false;
        const now = new Date().toISOString();
        await executor.execute(
          'UPDATE store_tokens SET revoked_at = ? WHERE store_id = ? AND revoked_at IS NULL',
          [now, storeId],
        );
        await executor.execute(
          'INSERT INTO store_tokens (token_hash, store_id, created_at) VALUES (?, ?, ?)',
          [tokenHash, storeId, now],
        );
        return true;
      });
    },

    async updateCredentials(storeId, credentials) {
      const changed = await database.execute(
        'UPDATE stores SET credentials_ciphertext = ?, credentials_key_id = ? WHERE id = ?',
        [credentials.ciphertext, credentials.keyId, storeId],
      );
      return changed > 0;
    },

    async readCredentials(storeId) {
      const [row] = await database.query<StoreRow>(
        'SELECT credentials_ciphertext, credentials_key_id FROM stores WHERE id = ?',
        [storeId],
      );
      return row === undefined
        ? undefined
        : { keyId: row.credentials_key_id, ciphertext: row.credentials_ciphertext };
    },

    async deleteStore(storeId) {
      return database.transaction(async (executor) => {
        await announceChange(executor, storeId);
        return (await executor.execute('DELETE FROM stores WHERE id = ?', [storeId])) > 0;
      });
    },

    async ping() {
      await database.query('SELECT 1');
    },

    ...(notifications === undefined
      ? {}
      : {
          watchStoreChanges: (watcher: StoreChangeWatcher) =>
            notifications.listen(storeChangesChannel, {
              message: (storeId) => watcher.changed(storeId),
              listening: (active) => watcher.listening(active),
            }),
        }),

    ...(acquireLock === undefined
      ? {}
      : {
          lockCustomerWrites: (storeId: string, customerId: string, signal: AbortSignal) =>
            acquireLock(`unicart/customer-writes/${storeId}/${customerId}`, signal),
          lockCredentials: (storeId: string, signal: AbortSignal) =>
            acquireLock(`unicart/credentials/${storeId}`, signal),
        }),

    database,
    idempotency: createSqlIdempotencyRecords(database),
    mirror: createSqlCustomerMirror(database),
    webhookEvents: createSqlWebhookEvents(database),

    close: () => database.close(),
  };
}
