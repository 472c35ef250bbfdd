import type { SqlDatabase } from './sql-database';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Portable SQL that SQLite and PostgreSQL both run as written. */
  readonly sql: string;
}

/** The schema, one version at a time. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'stores and store tokens',
    sql: `
      CREATE TABLE stores (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        credentials_ciphertext TEXT NOT NULL,
        credentials_key_id TEXT NOT NULL,
        base_url TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE store_tokens (
        token_hash TEXT PRIMARY KEY,
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX store_tokens_store_id ON store_tokens (store_id);
    `,
  },
  {
    version: 2,
    name: 'idempotency keys',
    // Times are ISO 8601 UTC strings of one length, so they compare as text on both engines.
    sql: `
      CREATE TABLE idempotency_keys (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        lease_id TEXT NOT NULL,
        lease_until TEXT NOT NULL,
        first_attempt_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        response_status INTEGER,
        response_body TEXT,
        PRIMARY KEY (store_id, idempotency_key)
      );
      CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
    `,
  },
  {
    version: 5,
    name: 'webhook events',
    // The key de-duplicates deliveries across processes: a second insert of an event does nothing.
    sql: `
      CREATE TABLE webhook_events (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (store_id, event_id)
      );
      CREATE INDEX webhook_events_received_at ON webhook_events (received_at);
    `,
  },
];

/** Applies every migration not applied yet, in one transaction; safe when several instances start at once. */
export async function migrate(
  database: SqlDatabase,
  all: readonly Migration[] = migrations,
): Promise<number[]> {
  return database.transaction(async (executor) => {
    if (database.migrationLockStatement) await executor.query(database.migrationLockStatement);
    await executor.executeScript(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const rows = await executor.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const pending = all.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await executor.executeScript(migration.sql);
      await executor.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}
