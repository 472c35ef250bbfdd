import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDatabase, SqlExecutor } from './sql-database';

/**
 * SQLite through better-sqlite3 (WAL mode, foreign keys on). Calls are synchronous underneath, so
 * a queue keeps statements of other requests out of an open transaction.
 */
export function openSqliteDatabase(file: string): SqlDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');

  const direct: SqlExecutor = {
    query: async <Row>(sql: string, values: readonly unknown[] = []) =>
      database.prepare(sql).all(...values) as Row[],
    execute: async (sql, values = []) => database.prepare(sql).run(...values).changes,
    executeScript: async (sql) => {
      database.exec(sql);
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<Result>(work: () => Promise<Result>): Promise<Result> {
    const turn = queue.then(work);
    queue = turn.catch(() => undefined);
    return turn;
  }

  return {
    engine: 'sqlite',
    query: (sql, values) => exclusive(() => direct.query(sql, values)),
    execute: (sql, values) => exclusive(() => direct.execute(sql, values)),
    executeScript: (sql) => exclusive(() => direct.executeScript(sql)),
    transaction: (work) =>
      exclusive(async () => {
        // IMMEDIATE takes the write lock up front: another process migrating or writing waits (busy_timeout).
        database.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          database.exec('COMMIT');
          return result;
        } catch (error) {
          database.exec('ROLLBACK');
          throw error;
        }
      }),
    migrationLockStatement: undefined,
    close: () =>
      exclusive(async () => {
        database.close();
      }),
  };
}
