/** What a scheduler runs: the engine's steps of one store. */
export interface SyncStepRunner {
  /**
   * Runs the store's due step (a poll or a full read) and resolves when its next one is due (epoch
   * milliseconds), or `null` when the store no longer syncs. Never rejects but when `signal` aborts.
   */
  runDue(storeId: string, signal: AbortSignal): Promise<number | null>;
  /** Re-reads the customers webhooks named since (Seam 3). Never rejects but when `signal` aborts. */
  runHints(storeId: string, signal: AbortSignal): Promise<void>;
  /** Every store that syncs, with when its next step is due (epoch milliseconds). */
  syncingStores(): Promise<{ readonly storeId: string; readonly dueAt: number }[]>;
}

/**
 * Runs each store's steps, one at a time per store across every process sharing the database, a
 * bounded number at once, without a slow store holding up the others. In-process for SQLite
 * (`in-process-scheduler.ts`), a PostgreSQL job queue with `DATABASE_URL` (`pg-boss-scheduler.ts`).
 */
export interface SyncScheduler {
  start(runner: SyncStepRunner): Promise<void>;
  /** Runs the store's due step at `dueAt` (epoch ms; now when past), replacing a later plan. */
  schedule(storeId: string, dueAt: number): Promise<void>;
  /** Runs the store's pending hints soon. */
  hint(storeId: string): Promise<void>;
  /** Stops the store's steps (sync disabled, store deleted): resolves once none runs in this process. */
  stop(storeId: string): Promise<void>;
  /** Stops every step of this process; a step stops between two mirror transactions. */
  close(): Promise<void>;
}
