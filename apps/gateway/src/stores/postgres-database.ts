import { sleep } from '@unicart/core';
import pg from 'pg';
import type {
  NotificationHandlers,
  SqlDatabase,
  SqlExecutor,
  SqlNotifications,
  SqlValue,
} from './sql-database';

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

/** Waits this long before connecting a lost listener again. */
const relistenDelayMs = 1_000;

/** LISTEN on a dedicated connection (a pooled one would be handed to others), kept up until stopped. */
function postgresNotifications(connectionString: string): SqlNotifications {
  return {
    notifyStatement: 'SELECT pg_notify(?, ?)',
    listen(channel: string, handlers: NotificationHandlers) {
      let stopped = false;
      let client: pg.Client | undefined;
      let retry: NodeJS.Timeout | undefined;
      const connect = async () => {
        const current = new pg.Client({ connectionString });
        client = current;
        const lost = () => {
          if (client !== current) return;
          client = undefined;
          handlers.listening(false);
          current.end().catch(() => undefined);
          if (!stopped) retry = setTimeout(connect, relistenDelayMs).unref();
        };
        current.on('error', lost);
        current.on('end', lost);
        current.on('notification', (notification) => {
          if (notification.channel === channel) handlers.message(notification.payload ?? '');
        });
        try {
          await current.connect();
          await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          if (client === current && !stopped) handlers.listening(true);
        } catch {
          lost();
        }
      };
      void connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const current = client;
        client = undefined;
        await current?.end().catch(() => undefined);
      };
    },
  };
}

/** How often a waiting process asks for an advisory lock again. */
const lockPollMs = 25;

/**
 * Session advisory locks, each held on a connection of a pool of their own: a lock is held while
 * a platform is called, which must not starve the registry's pool. The lock is polled for
 * (`pg_try_advisory_lock`) so a waiter gives up when its signal aborts; a lost connection frees it.
 */
function postgresLocks(connectionString: string) {
  let pool: pg.Pool | undefined;
  return {
    async acquireLock(key: string, signal: AbortSignal): Promise<() => Promise<void>> {
      if (pool === undefined) {
        pool = new pg.Pool({ connectionString, max: 20 });
        pool.on('error', () => undefined);
      }
      const client = await pool.connect();
      try {
        for (;;) {
          const { rows } = await client.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
            [key],
          );
          if (rows[0]?.locked === true) break;
          await sleep(lockPollMs, signal);
        }
      } catch (error) {
        client.release();
        throw error;
      }
      return async () => {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
          client.release();
        } catch (error) {
          // Closing the session frees its locks.
          client.release(error as Error);
        }
      };
    },
    close: async () => pool?.end(),
  };
}

/** PostgreSQL through a `pg` connection pool. */
export function openPostgresDatabase(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const locks = postgresLocks(connectionString);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return {
    engine: 'postgresql',
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
    notifications: postgresNotifications(connectionString),
    acquireLock: locks.acquireLock,
    close: async () => {
      await locks.close();
      await pool.end();
    },
  };
}
