import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../stores/sql-database';
import type { SyncScheduler, SyncStepRunner } from './sync-scheduler';

/** The queue of every store's steps; one job per store and kind at a time (`stately`, by key). */
const queueName = 'unicart-sync';
/** pg-boss keeps its tables in a schema of its own. */
const pgBossSchema = 'unicart_pgboss';
/**
 * A running step's worker refreshes its job every 5 s; a job not refreshed for 10 s (its process
 * died or lost the database) is failed by any live process's supervisor (every 5 s) and retried at
 * once by another process: a store's sync moves within about 15 s of a process dying.
 */
const heartbeatSeconds = 10;
const superviseIntervalSeconds = 5;
/** Steps one process runs at once; each holds a worker only while it runs, within its deadline. */
const stepsPerProcess = 16;
/** How often each process re-plans every syncing store whose plan was lost (a failed enqueue). */
const replanIntervalMs = 5 * 60_000;

interface SyncJob {
  readonly storeId: string;
  readonly kind: 'due' | 'hints';
}

export interface PgBossSchedulerOptions {
  readonly connectionString: string;
  /** For the per-store advisory lock that keeps two processes off one store's steps. */
  readonly database: SqlDatabase;
  readonly logger: Logger;
  /** `UNICART_SYNC_INTERVAL_SECONDS`: how late a due step may start is kept to a tenth of it. */
  readonly intervalSeconds: number;
}

/**
 * The scheduler of gateways sharing one PostgreSQL (`DATABASE_URL`): pg-boss holds each store's next
 * step as a job (`singletonKey` `due:<store>`, and `hints:<store>` for webhook re-reads) that one
 * process claims, heartbeats while it runs and completes; a job whose process died is retried by
 * another. A step also holds the store's advisory lock, so a process that only seemed dead never
 * runs a step beside its successor.
 */
export function createPgBossScheduler(options: PgBossSchedulerOptions): SyncScheduler {
  const { database, logger } = options;
  const acquireLock = database.acquireLock;
  if (acquireLock === undefined) throw new Error('The PostgreSQL scheduler needs advisory locks');
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: pgBossSchema,
    max: 4,
    superviseIntervalSeconds,
    useListenNotify: true,
    registerInstance: false,
  });
  boss.on('error', (error) => logger.warn({ err: error }, 'sync job queue error'));
  const closing = new AbortController();
  // Steps running in this process, by store: stopped when the store stops syncing.
  const running = new Map<string, Set<AbortController>>();
  let replanTimer: NodeJS.Timeout | undefined;
  let runner: SyncStepRunner | undefined;

  function keyOf(job: SyncJob): string {
    return `${job.kind}:${job.storeId}`;
  }

  async function plan(storeId: string, dueAt: number): Promise<void> {
    const job: SyncJob = { storeId, kind: 'due' };
    await boss.upsert(queueName, { ...job }, { singletonKey: keyOf(job), startAfter: new Date(dueAt) });
  }

  /** Plans every syncing store that has no plan (`send` leaves an existing one alone). */
  async function replan(stepRunner: SyncStepRunner): Promise<void> {
    for (const { storeId, dueAt } of await stepRunner.syncingStores()) {
      const job: SyncJob = { storeId, kind: 'due' };
      await boss.send(queueName, { ...job }, { singletonKey: keyOf(job), startAfter: new Date(dueAt) });
    }
  }

  async function runJob(job: SyncJob, claim: AbortSignal): Promise<void> {
    const stepRunner = runner;
    if (stepRunner === undefined) throw new Error('The sync scheduler is closed');
    const controller = new AbortController();
    const signal = AbortSignal.any([claim, closing.signal, controller.signal]);
    const mine = running.get(job.storeId) ?? new Set();
    running.set(job.storeId, mine.add(controller));
    try {
      const release = await acquireLock!(`unicart/sync/${job.storeId}`, signal);
      try {
        if (job.kind === 'hints') {
          await stepRunner.runHints(job.storeId, signal);
          return;
        }
        const next = await stepRunner.runDue(job.storeId, signal);
        if (next !== null) await plan(job.storeId, next);
      } finally {
        await release();
      }
    } catch (error) {
      // A store stopped in this process ends its job as done; a closing process or a lost claim
      // fails it, and pg-boss retries it elsewhere.
      if (controller.signal.aborted && !claim.aborted && !closing.signal.aborted) return;
      throw error;
    } finally {
      mine.delete(controller);
      if (mine.size === 0) running.delete(job.storeId);
    }
  }

  return {
    async start(stepRunner) {
      runner = stepRunner;
      await boss.start();
      await boss.createQueue(queueName, {
        policy: 'stately',
        heartbeatSeconds,
        // The longest step (a full read's deadline) plus a margin; heartbeats notice a death first.
        expireInSeconds: 2 * 60 * 60 + 300,
        // Only a dead or closing process fails a job (steps record their own errors): retry at once.
        retryLimit: 1_000_000,
        retryDelay: 0,
        deleteAfterSeconds: 3600,
        notify: true,
      });
      // A planned step becomes claimable at its time, which no NOTIFY announces: workers look for
      // due jobs a tenth of the interval apart (0.5 to 5 s); NOTIFY still wakes them for hints.
      const lookSeconds = Math.min(5, Math.max(0.5, options.intervalSeconds / 10));
      await boss.work<SyncJob>(
        queueName,
        {
          localConcurrency: stepsPerProcess,
          pollingIntervalSeconds: lookSeconds,
          notifyPollingIntervalSeconds: lookSeconds,
        },
        async ([job]) => {
          if (job !== undefined) await runJob(job.data, job.signal);
        },
      );
      await replan(stepRunner);
      replanTimer = setInterval(() => {
        replan(stepRunner).catch((error: unknown) => logger.warn({ err: error }, 'sync re-plan failed'));
      }, replanIntervalMs);
      replanTimer.unref();
    },

    schedule: plan,

    async hint(storeId) {
      const job: SyncJob = { storeId, kind: 'hints' };
      await boss.send(queueName, { ...job }, { singletonKey: keyOf(job) });
    },

    async stop(storeId) {
      for (const controller of running.get(storeId) ?? [])
        controller.abort(new Error('The store stopped syncing'));
    },

    async close() {
      clearInterval(replanTimer);
      runner = undefined;
      closing.abort(new Error('The gateway is closing'));
      await boss.stop({ graceful: true, timeout: 5_000, close: true });
    },
  };
}
