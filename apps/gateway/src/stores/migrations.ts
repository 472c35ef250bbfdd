import type { SqlDatabase, SqlEngine } from './sql-database';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Portable SQL that SQLite and PostgreSQL both run as written, or each engine's own spelling. */
  readonly sql: string | Readonly<Record<SqlEngine, string>>;
}

/**
 * The customer mirror and its change feed (CONTRACT.md §5). Every filter and sort of §2/§4 has a
 * column: lower-cased text (`toLocaleLowerCase('en')`, as core's filters compare), an `id_key` that
 * orders ids numerically (length, then digits), tables for the multi-valued country codes and
 * tags, and the customer's JSON in a table of its own. Text keys compare byte-wise on both engines (PostgreSQL: collation "C"), so a keyset page
 * position means the same thing everywhere.
 */
function customerMirrorSql(engine: SqlEngine): string {
  const text = engine === 'postgresql' ? 'TEXT COLLATE "C"' : 'TEXT';
  const bigint = engine === 'postgresql' ? 'BIGINT' : 'INTEGER';
  const double = engine === 'postgresql' ? 'DOUBLE PRECISION' : 'REAL';
  // SQLite stores the rows clustered in id order (WITHOUT ROWID), so a filter that no index serves
  // reads the store's rows in the default order, sequentially, and stops at the page's end.
  const keys =
    engine === 'postgresql'
      ? 'PRIMARY KEY (store_id, id),\n      UNIQUE (store_id, id_key)\n    )'
      : 'PRIMARY KEY (store_id, id_key),\n      UNIQUE (store_id, id)\n    ) WITHOUT ROWID';
  const clustered = engine === 'postgresql' ? '' : ' WITHOUT ROWID';
  // The sort indexes also carry what the "contains" filters (name, search, phone) test, so walking
  // one in the sort's order never fetches the rows: a rare match costs an index scan, not a row
  // look-up per customer.
  const sortIndex = (name: string, keys: string) => {
    const tested = ['full_name_lc', 'first_lc', 'last_lc', 'email_lc', 'phone_digits']
      .filter((column) => !keys.includes(column))
      .join(', ');
    return engine === 'postgresql'
      ? `CREATE INDEX ${name} ON mirror_customers (store_id, ${keys}, id_key) INCLUDE (${tested});`
      : `CREATE INDEX ${name} ON mirror_customers (store_id, ${keys}, id_key, ${tested});`;
  };
  return `
    CREATE TABLE mirror_customers (
      store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      id_key ${text} NOT NULL,
      email_lc ${text},
      first_lc ${text},
      last_lc ${text},
      first_key ${text} NOT NULL,
      full_name_lc ${text} NOT NULL,
      phone_digits ${text},
      created_at ${text},
      updated_at ${text},
      accepts_marketing INTEGER,
      orders_count ${bigint},
      total_spent ${double},
      ${keys};
    -- The JSON apart: a scan of the filter columns reads a table of ~150 bytes a row, not ~1.5 kB.
    -- Keyed by id_key, which every index holds: a page is found in an index alone, then its JSON here.
    CREATE TABLE mirror_customer_documents (
      store_id TEXT NOT NULL,
      id_key ${text} NOT NULL,
      customer TEXT NOT NULL,
      PRIMARY KEY (store_id, id_key),
      FOREIGN KEY (store_id, id_key) REFERENCES mirror_customers (store_id, id_key) ON DELETE CASCADE
    )${clustered};
    ${sortIndex('mirror_customers_created_at', 'created_at')}
    ${sortIndex('mirror_customers_updated_at', 'updated_at')}
    ${sortIndex('mirror_customers_email', 'email_lc')}
    ${sortIndex('mirror_customers_name', 'last_lc, first_key')}
    CREATE INDEX mirror_customers_orders_count ON mirror_customers (store_id, orders_count);
    CREATE INDEX mirror_customers_total_spent ON mirror_customers (store_id, total_spent);
    CREATE TABLE mirror_customer_countries (
      store_id TEXT NOT NULL,
      id_key ${text} NOT NULL,
      code ${text} NOT NULL,
      PRIMARY KEY (store_id, code, id_key),
      FOREIGN KEY (store_id, id_key) REFERENCES mirror_customers (store_id, id_key) ON DELETE CASCADE
    )${clustered};
    CREATE INDEX mirror_customer_countries_customer ON mirror_customer_countries (store_id, id_key);
    CREATE TABLE mirror_customer_tags (
      store_id TEXT NOT NULL,
      id_key ${text} NOT NULL,
      tag_lc ${text} NOT NULL,
      PRIMARY KEY (store_id, tag_lc, id_key),
      FOREIGN KEY (store_id, id_key) REFERENCES mirror_customers (store_id, id_key) ON DELETE CASCADE
    )${clustered};
    CREATE INDEX mirror_customer_tags_customer ON mirror_customer_tags (store_id, id_key);
    CREATE TABLE mirror_feed_heads (
      store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
      last_seq ${bigint} NOT NULL,
      pruned_through_seq ${bigint} NOT NULL
    );
    CREATE TABLE mirror_feed (
      store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
      seq ${bigint} NOT NULL,
      type TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      customer TEXT,
      detected_at TEXT NOT NULL,
      PRIMARY KEY (store_id, seq)
    );
    CREATE INDEX mirror_feed_detected_at ON mirror_feed (detected_at);
  `;
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
    version: 3,
    name: 'sync state and pending webhook re-reads',
    // One row per store that ever had sync enabled; the webhook secret is encrypted like credentials.
    sql: `
      CREATE TABLE sync_state (
        store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL,
        webhook_secret_ciphertext TEXT,
        webhook_secret_key_id TEXT,
        enabled_at TEXT NOT NULL,
        first_full_read_at TEXT,
        last_step_started_at TEXT,
        last_poll_at TEXT,
        last_full_scan_at TEXT,
        customers INTEGER,
        last_error_code TEXT,
        last_error_message TEXT
      );
      CREATE TABLE sync_hints (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (store_id, customer_id)
      );
    `,
  },
  {
    version: 4,
    name: 'customer mirror and change feed',
    sql: { sqlite: customerMirrorSql('sqlite'), postgresql: customerMirrorSql('postgresql') },
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
  {
    version: 6,
    name: 'amazon orders ledger',
    // Amazon buyers are derived from orders (CONTRACT §6): the orders, the place of the read, and the
    // buyers derived but not yet written to the mirror. `created_at` is a toISOString() time (compares as text).
    // A buyer's orders are read in creation order from one index (else SQLite scans the store's orders).
    sql: `
      CREATE TABLE amazon_orders (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        customer_id TEXT,
        created_at TEXT NOT NULL,
        last_updated_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (store_id, order_id)
      );
      CREATE INDEX amazon_orders_customer ON amazon_orders (store_id, customer_id, created_at, order_id);
      CREATE INDEX amazon_orders_created ON amazon_orders (store_id, created_at);
      CREATE TABLE amazon_read_state (
        store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
        state TEXT NOT NULL
      );
      CREATE TABLE amazon_unsettled (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL,
        PRIMARY KEY (store_id, customer_id)
      );
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
      await executor.executeScript(
        typeof migration.sql === 'string' ? migration.sql : migration.sql[database.engine],
      );
      await executor.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}
