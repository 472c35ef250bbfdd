import type { EncryptedCredentials } from '../crypto/credential-cipher';
import type { SqlDatabase } from '../stores/sql-database';

/** The error of the last failed step, as `GET /api/v2/sync` shows it. */
export interface SyncError {
  /** A code of the contract's error table (§2), e.g. `upstream_unauthorized`. */
  readonly code: string;
  readonly message: string;
}

/** One store's sync as `sync_state` keeps it (migration 3). Times are ISO 8601 UTC. */
export interface SyncStateRecord {
  readonly storeId: string;
  readonly enabled: boolean;
  /** Encrypted like credentials; `null` when the store has none. */
  readonly webhookSecret: EncryptedCredentials | null;
  /** When the first full read finished (since sync was last enabled). */
  readonly firstFullReadAt: string | null;
  /** When the last successful step began: the next incremental window starts there, minus the overlap. */
  readonly lastStepStartedAt: string | null;
  /** When the last successful step (poll or full read) finished. */
  readonly lastPollAt: string | null;
  /** When the last complete full read finished. */
  readonly lastFullScanAt: string | null;
  readonly customers: number | null;
  /** Set while the last step failed; cleared by the next success. */
  readonly lastError: SyncError | null;
}

/** What a successful step records. */
export interface StepSuccess {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly full: boolean;
  readonly customers: number;
}

/** A webhook hint waiting for its re-read (Seam 3). */
export interface PendingHint {
  readonly customerId: string;
  readonly recordedAt: string;
}

/** `sync_state` and `sync_hints` over the gateway's database. */
export interface SyncStateStore {
  read(storeId: string): Promise<SyncStateRecord | undefined>;
  /** Every store whose sync is enabled. */
  listEnabled(): Promise<SyncStateRecord[]>;
  /**
   * Enables sync (a store that was disabled starts over: a first full read) and sets the webhook
   * secret (`undefined` keeps the stored one, `null` removes it).
   */
  enable(storeId: string, webhookSecret: EncryptedCredentials | null | undefined, at: string): Promise<void>;
  /**
   * Disables sync and forgets its progress and pending hints (the mirror is cleared by the caller);
   * sets the webhook secret as `enable` does.
   */
  disable(storeId: string, webhookSecret: EncryptedCredentials | null | undefined): Promise<void>;
  /** Records a successful step; `false` when sync was disabled meanwhile (nothing recorded). */
  stepSucceeded(storeId: string, success: StepSuccess): Promise<boolean>;
  stepFailed(storeId: string, error: SyncError): Promise<void>;
  /** Records a hint durably; a newer hint for the same customer replaces the older one. */
  recordHint(storeId: string, customerId: string, at: string): Promise<void>;
  /** The oldest pending hints of a store, at most `limit`. */
  pendingHints(storeId: string, limit: number): Promise<PendingHint[]>;
  /** Removes hints handled by a re-read (a hint recorded again since stays). */
  removeHints(storeId: string, hints: readonly PendingHint[]): Promise<void>;
}

interface SyncStateRow {
  readonly store_id: string;
  readonly enabled: number | boolean;
  readonly webhook_secret_ciphertext: string | null;
  readonly webhook_secret_key_id: string | null;
  readonly first_full_read_at: string | null;
  readonly last_step_started_at: string | null;
  readonly last_poll_at: string | null;
  readonly last_full_scan_at: string | null;
  readonly customers: number | string | null;
  readonly last_error_code: string | null;
  readonly last_error_message: string | null;
}

function toRecord(row: SyncStateRow): SyncStateRecord {
  return {
    storeId: row.store_id,
    enabled: Number(row.enabled) === 1,
    webhookSecret:
      row.webhook_secret_ciphertext === null || row.webhook_secret_key_id === null
        ? null
        : { keyId: row.webhook_secret_key_id, ciphertext: row.webhook_secret_ciphertext },
    firstFullReadAt: row.first_full_read_at,
    lastStepStartedAt: row.last_step_started_at,
    lastPollAt: row.last_poll_at,
    lastFullScanAt: row.last_full_scan_at,
    customers: row.customers === null ? null : Number(row.customers),
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, message: row.last_error_message ?? '' },
  };
}

const columns = `store_id, enabled, webhook_secret_ciphertext, webhook_secret_key_id, first_full_read_at,
  last_step_started_at, last_poll_at, last_full_scan_at, customers, last_error_code, last_error_message`;

/** Progress columns reset when sync starts over. */
const resetProgress = `first_full_read_at = NULL, last_step_started_at = NULL, last_poll_at = NULL,
  last_full_scan_at = NULL, customers = NULL, last_error_code = NULL, last_error_message = NULL`;

export function createSqlSyncStateStore(database: SqlDatabase): SyncStateStore {
  /** Switching sync on or off starts its progress over; off also drops the pending hints. */
  async function writeSettings(
    storeId: string,
    enabled: boolean,
    webhookSecret: EncryptedCredentials | null | undefined,
    at: string,
  ): Promise<void> {
    const secretValues = [webhookSecret?.ciphertext ?? null, webhookSecret?.keyId ?? null];
    await database.transaction(async (executor) => {
      const [row] = await executor.query<Pick<SyncStateRow, 'enabled'>>(
        'SELECT enabled FROM sync_state WHERE store_id = ?',
        [storeId],
      );
      if (row === undefined) {
        await executor.execute(
          `INSERT INTO sync_state (store_id, enabled, webhook_secret_ciphertext, webhook_secret_key_id, enabled_at)
           VALUES (?, ?, ?, ?, ?)`,
          [storeId, enabled ? 1 : 0, ...secretValues, at],
        );
        return;
      }
      const secretColumns =
        webhookSecret === undefined ? '' : ', webhook_secret_ciphertext = ?, webhook_secret_key_id = ?';
      const switched = (Number(row.enabled) === 1) !== enabled;
      await executor.execute(
        `UPDATE sync_state SET enabled = ?${secretColumns}${switched ? `, enabled_at = ?, ${resetProgress}` : ''}
         WHERE store_id = ?`,
        [
          enabled ? 1 : 0,
          ...(webhookSecret === undefined ? [] : secretValues),
          ...(switched ? [at] : []),
          storeId,
        ],
      );
      if (!enabled) await executor.execute('DELETE FROM sync_hints WHERE store_id = ?', [storeId]);
    });
  }

  return {
    async read(storeId) {
      const [row] = await database.query<SyncStateRow>(
        `SELECT ${columns} FROM sync_state WHERE store_id = ?`,
        [storeId],
      );
      return row === undefined ? undefined : toRecord(row);
    },

    async listEnabled() {
      const rows = await database.query<SyncStateRow>(
        `SELECT ${columns} FROM sync_state WHERE enabled = 1 ORDER BY store_id`,
      );
      return rows.map(toRecord);
    },

    async enable(storeId, webhookSecret, at) {
      await writeSettings(storeId, true, webhookSecret, at);
    },

    async disable(storeId, webhookSecret) {
      await writeSettings(storeId, false, webhookSecret, new Date().toISOString());
    },

    async stepSucceeded(storeId, success) {
      const changed = await database.execute(
        `UPDATE sync_state SET
           first_full_read_at = COALESCE(first_full_read_at, ?),
           last_step_started_at = ?, last_poll_at = ?,
           last_full_scan_at = CASE WHEN ? = 1 THEN ? ELSE last_full_scan_at END,
           customers = ?, last_error_code = NULL, last_error_message = NULL
         WHERE store_id = ? AND enabled = 1`,
        [
          success.full ? success.finishedAt : null,
          success.startedAt,
          success.finishedAt,
          success.full ? 1 : 0,
          success.finishedAt,
          success.customers,
          storeId,
        ],
      );
      return changed > 0;
    },

    async stepFailed(storeId, error) {
      await database.execute(
        'UPDATE sync_state SET last_error_code = ?, last_error_message = ? WHERE store_id = ? AND enabled = 1',
        [error.code, error.message, storeId],
      );
    },

    async recordHint(storeId, customerId, at) {
      await database.execute(
        `INSERT INTO sync_hints (store_id, customer_id, recorded_at) VALUES (?, ?, ?)
         ON CONFLICT (store_id, customer_id) DO UPDATE SET recorded_at = excluded.recorded_at`,
        [storeId, customerId, at],
      );
    },

    async pendingHints(storeId, limit) {
      const rows = await database.query<{ customer_id: string; recorded_at: string }>(
        'SELECT customer_id, recorded_at FROM sync_hints WHERE store_id = ? ORDER BY recorded_at, customer_id LIMIT ?',
        [storeId, limit],
      );
      return rows.map((row) => ({ customerId: row.customer_id, recordedAt: row.recorded_at }));
    },

    async removeHints(storeId, hints) {
      if (hints.length === 0) return;
      await database.transaction(async (executor) => {
        for (const hint of hints) {
          await executor.execute(
            'DELETE FROM sync_hints WHERE store_id = ? AND customer_id = ? AND recorded_at = ?',
            [storeId, hint.customerId, hint.recordedAt],
          );
        }
      });
    },
  };
}
