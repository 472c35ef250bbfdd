/**
 * The PostgreSQL sync scheduler (pg-boss) with a recording runner: two schedulers on one database, as
 * two gateway processes would be. The whole-gateway behaviour (a killed process) is in
 * sync-across-processes.test.ts.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPostgresDatabase } from '../src/stores/postgres-database';
import type { SqlDatabase } from '../src/stores/sql-database';
import { createPgBossScheduler } from '../src/sync/pg-boss-scheduler';
import type { SyncScheduler, SyncStepRunner } from '../src/sync/sync-scheduler';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

const postgres = postgresForThisFile();

interface Run {
  readonly scheduler: string;
  readonly storeId: string;
  readonly kind: 'due' | 'hints';
  readonly start: number;
  readonly end: number;
}

/** Every step of every scheduler, each taking `stepMs`; stores come due again after `everyMs`. */
function recordingRunner(
  name: string,
  runs: Run[],
  stores: readonly string[],
  { stepMs = 30, everyMs = 200, started = [] as string[] } = {},
) {
  const step = async (storeId: string, kind: Run['kind'], signal: AbortSignal) => {
    const start = Date.now();
    started.push(storeId);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    signal.throwIfAborted();
    runs.push({ scheduler: name, storeId, kind, start, end: Date.now() });
  };
  const runner: SyncStepRunner = {
    async runDue(storeId, signal) {
      await step(storeId, 'due', signal);
      return Date.now() + everyMs;
    },
    runHints: (storeId, signal) => step(storeId, 'hints', signal),
    syncingStores: async () => stores.map((storeId) => ({ storeId, dueAt: Date.now() })),
  };
  return runner;
}

function overlapsOf(runs: readonly Run[]): Run[] {
  return runs.filter((one) =>
    runs.some(
      (other) =>
        other !== one && other.storeId === one.storeId && one.start < other.end && other.start < one.end,
    ),
  );
}

describe('the pg-boss sync scheduler', () => {
  let databases: SqlDatabase[] = [];
  let schedulers: SyncScheduler[] = [];

  beforeEach(async (context) => {
    if (postgres() === undefined) context.skip();
    await emptyDatabase(postgres()!.url);
  });
  afterEach(async () => {
    await Promise.all(schedulers.map((scheduler) => scheduler.close()));
    await Promise.all(databases.map((database) => database.close()));
    schedulers = [];
    databases = [];
  });

  function scheduler(): SyncScheduler {
    const database = openPostgresDatabase(postgres()!.url);
    const created = createPgBossScheduler({
      connectionString: postgres()!.url,
      database,
      logger: pino({ level: 'silent' }),
      intervalSeconds: 1,
    });
    databases.push(database);
    schedulers.push(created);
    return created;
  }

  it('runs each store one step at a time across two schedulers, hints included', async () => {
    const runs: Run[] = [];
    const stores = ['store-a', 'store-b', 'store-c'];
    const [first, second] = [scheduler(), scheduler()];
    await first!.start(recordingRunner('first', runs, stores));
    await second!.start(recordingRunner('second', runs, stores));
    await vi.waitFor(
      () => {
        for (const storeId of stores) {
          expect(
            runs.filter((run) => run.storeId === storeId && run.kind === 'due').length,
          ).toBeGreaterThanOrEqual(3);
        }
      },
      { timeout: 30_000, interval: 100 },
    );
    await second!.hint('store-b');
    await vi.waitFor(
      () => expect(runs.some((run) => run.kind === 'hints' && run.storeId === 'store-b')).toBe(true),
      { timeout: 5_000, interval: 20 },
    );
    expect(overlapsOf(runs)).toStrictEqual([]);
  }, 60_000);

  it('ends a stopped store’s step in this process as done, without retrying it elsewhere', async () => {
    const runs: Run[] = [];
    const started: string[] = [];
    const only = scheduler();
    await only.start(recordingRunner('only', runs, ['store-a'], { stepMs: 2_000, everyMs: 60_000, started }));
    await vi.waitFor(() => expect(started).toStrictEqual(['store-a']), { timeout: 10_000, interval: 20 });
    await only.stop('store-a');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // The aborted step recorded nothing and nothing ran it again.
    expect(runs).toStrictEqual([]);
    expect(started).toStrictEqual(['store-a']);
  }, 30_000);
});
