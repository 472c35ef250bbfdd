/** The SQL engines the gateway runs on. */
export type SqlEngine = 'sqlite' | 'postgresql';

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
  /** Which engine answers: for the few statements the two spell differently (types, collations). */
  readonly engine: SqlEngine;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<Result>(work: (executor: SqlExecutor) => Promise<Result>): Promise<Result>;
  /** A statement that, inside a transaction, makes concurrent migrators wait (none when the transaction already does). */
  readonly migrationLockStatement: string | undefined;
  /**
   * Messages between the processes sharing the database (PostgreSQL's NOTIFY/LISTEN); absent where
   * the engine has none (SQLite).
   */
  readonly notifications?: SqlNotifications | undefined;
  /**
   * Takes a lock named `key` that every process on this database respects (PostgreSQL's advisory
   * locks), waiting for it until `signal` aborts; resolves the function that releases it. Absent
   * where the engine has none (SQLite).
   */
  readonly acquireLock?: ((key: string, signal: AbortSignal) => Promise<() => Promise<void>>) | undefined;
  close(): Promise<void>;
}

/** What a process says to the others on a channel, and how it hears them. */
export interface SqlNotifications {
  /** A statement taking the channel and the payload; inside a transaction, sent when it commits. */
  readonly notifyStatement: string;
  /**
   * Listens on `channel` over a connection of its own, reconnecting when it is lost. `listening`
   * tells when messages can be heard (`false` while disconnected: some may have been missed).
   * Answers a function that stops listening.
   */
  listen(channel: string, handlers: NotificationHandlers): () => Promise<void>;
}

export interface NotificationHandlers {
  message(payload: string): void;
  listening(active: boolean): void;
}
