import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql-database';

/** `?` placeholders → PostgreSQL's `$1, $2 ...` (the registry's SQL has no `?` inside literals). */
function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => {
    index += 1;
    return `$${index}`;
  });
}

function executorOf(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: async <Row>(sql: string, values: readonly SqlValue[] = []) =>
      (await client.query(numberPlaceholders(sql), [...values])).rows as Row[],
    execute: async (sql, values = []) =>
      (await client.query(numberPlaceholders(sql), [...values])).rowCount ?? 0,
    executeScript: async (sql) => {
      await client.query(sql);
    },
  };
}

/** PostgreSQL through a `pg` connection pool. */
export function openPostgresDatabase(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return {
    ...executorOf(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(executorOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    // Two instances starting at once must not both apply a migration.
    migrationLockStatement: "SELECT pg_advisory_xact_lock(hashtext('unicart_schema_migrations'))",
    close: () => pool.end(),
  };
}
