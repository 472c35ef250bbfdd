import { amazonLedgerReaderOf } from '@unicart/adapter-amazon';
import { setSignalDeadline, UpstreamRateLimitedError } from '@unicart/core';
import type { SqlDatabase } from '../stores/sql-database';
import { createSqlAmazonOrderLedger } from './amazon-order-ledger-sql';
import type { SyncSource, SyncStepContext } from './sync-source';

/**
 * How long one step reads pages, below the engine's deadlines (5 minutes a poll, 2 hours a full
 * read): the read stops between two pages, its place kept in the ledger, and the next step goes on.
 */
const stepBudgetMs = { incremental: 4 * 60_000, full: 100 * 60_000 } as const;

/** What an Amazon store's adapter gets in the gateway: its orders ledger in the database and the history window. */
export function amazonAdapterSettings(dependencies: {
  readonly database: SqlDatabase;
  readonly storeId: string;
  readonly historyDays: number;
}) {
  return {
    ledger: createSqlAmazonOrderLedger(dependencies.database, dependencies.storeId),
    historyDays: dependencies.historyDays,
  };
}

/**
 * The mirror of an Amazon store (CONTRACT.md §6): pages of searchOrders into the store's ledger,
 * each page's buyers derived and applied to the mirror, then settled. A step reads until its window
 * ends; at its budget, or when Amazon's rate limit leaves no turn within it (searchOrders allows
 * one call per ~3 minutes after its burst), it stops between pages and reports the read as not
 * complete while the first read of the history window is under way.
 */
export function amazonSyncSource(): SyncSource {
  return {
    // Buyers leave from the order stream itself (a cancelled order drops its email).
    deletes: 'native',
    async step(context: SyncStepContext) {
      const reader = amazonLedgerReaderOf(context.adapter);
      if (reader === undefined) throw new Error('The store adapter of an Amazon store has no orders ledger');
      const budget = AbortSignal.any([context.signal, AbortSignal.timeout(stepBudgetMs[context.kind])]);
      setSignalDeadline(budget, Date.now() + stepBudgetMs[context.kind]);
      let ready = false;
      for (;;) {
        let step: Awaited<ReturnType<typeof reader.readPage>>;
        try {
          step = await reader.readPage({ signal: budget });
        } catch (error) {
          // Throttled beyond the budget, or the budget spent: a normal end of a step on Amazon.
          if (context.signal.aborted || !(UpstreamRateLimitedError.isInstance(error) || budget.aborted)) {
            throw error;
          }
          break;
        }
        if (step.upserts.length > 0 || step.deletes.length > 0) {
          await context.mirror.apply(
            context.storeId,
            { upserts: step.upserts, deletes: step.deletes },
            new Date(),
          );
        }
        await reader.settle(step.customerIds);
        ready = step.ready;
        if (step.windowDone) break;
      }
      return { customers: await context.mirror.size(context.storeId), complete: ready };
    },
  };
}
