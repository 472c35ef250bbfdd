/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** Runs statements; SQL uses `?` placeholders whatever the engine. */
export interface SqlExecutor {
  query<Row>(sql: string, values?: readonly SqlValue[]): Promise<Row[]>;
  /** Resolves the number of rows the statement changed. */
  execute(sql: string, values?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements without values (a migration). */
  executeScript(sql: string): Promise<void>;
}

/**
 * The little the stores registry needs from a SQL engine. SQLite and PostgreSQL each implement it,
 * so the repository and its migrations are written once.
 */
export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<Result>(work: (executor: SqlExecutor) => Promise<Result>): Promise<Result>;
  /** A statement that, inside a transaction, makes concurrent migrators wait (none when the transaction already does). */
  readonly migrationLockStatement: string | undefined;
  close(): Promise<void>;
}
