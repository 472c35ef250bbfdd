import type { SyncScheduler, SyncStepRunner } from './sync-scheduler';

/** One store's plan in this process. */
interface StorePlan {
  timer: NodeJS.Timeout | undefined;
  dueAt: number | undefined;
  dueNow: boolean;
  hintsNow: boolean;
  running: Promise<void> | undefined;
  readonly controller: AbortController;
}

/** Waits for one of `limit` slots; a waiter whose signal aborts leaves the line. */
function createSlots(limit: number) {
  let free = limit;
  const waiting: (() => void)[] = [];
  return {
    async take(signal: AbortSignal): Promise<void> {
      signal.throwIfAborted();
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const granted = () => {
          signal.removeEventListener('abort', aborted);
          resolve();
        };
        const aborted = () => {
          waiting.splice(waiting.indexOf(granted), 1);
          reject(signal.reason);
        };
        waiting.push(granted);
        signal.addEventListener('abort', aborted, { once: true });
      });
    },
    give(): void {
      const next = waiting.shift();
      if (next === undefined) free += 1;
      else next();
    },
  };
}

/**
 * The scheduler of a single gateway process (SQLite): a timer per store, at most `concurrency`
 * steps at once (a step holds its slot only while it runs, and its deadline bounds that), one step
 * at a time per store.
 */
export function createInProcessScheduler(options: { readonly concurrency: number }): SyncScheduler {
  const plans = new Map<string, StorePlan>();
  const slots = createSlots(options.concurrency);
  let runner: SyncStepRunner | undefined;

  function planOf(storeId: string): StorePlan {
    let plan = plans.get(storeId);
    if (plan === undefined) {
      plan = {
        timer: undefined,
        dueAt: undefined,
        dueNow: false,
        hintsNow: false,
        running: undefined,
        controller: new AbortController(),
      };
      plans.set(storeId, plan);
    }
    return plan;
  }

  function plan(storeId: string, dueAt: number): void {
    const entry = planOf(storeId);
    if (entry.timer !== undefined && entry.dueAt !== undefined && entry.dueAt <= dueAt) return;
    clearTimeout(entry.timer);
    entry.dueAt = dueAt;
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        entry.dueAt = undefined;
        entry.dueNow = true;
        pump(storeId, entry);
      },
      Math.max(0, dueAt - Date.now()),
    );
    entry.timer.unref();
  }

  function pump(storeId: string, entry: StorePlan): void {
    if (entry.running !== undefined || runner === undefined) return;
    const run = runner;
    entry.running = (async () => {
      const { signal } = entry.controller;
      try {
        await slots.take(signal);
      } catch {
        return;
      }
      try {
        while ((entry.dueNow || entry.hintsNow) && !signal.aborted) {
          if (entry.dueNow) {
            entry.dueNow = false;
            const next = await run.runDue(storeId, signal);
            if (next !== null && !signal.aborted) plan(storeId, next);
          }
          if (entry.hintsNow) {
            entry.hintsNow = false;
            await run.runHints(storeId, signal);
          }
        }
      } catch {
        // Only an abort rejects: the store was stopped.
      } finally {
        slots.give();
      }
    })().finally(() => {
      entry.running = undefined;
      // Woken while it ran.
      if ((entry.dueNow || entry.hintsNow) && !entry.controller.signal.aborted) pump(storeId, entry);
    });
  }

  async function stop(storeId: string): Promise<void> {
    const entry = plans.get(storeId);
    if (entry === undefined) return;
    plans.delete(storeId);
    clearTimeout(entry.timer);
    entry.controller.abort(new Error('The store stopped syncing'));
    await entry.running;
  }

  return {
    async start(stepRunner) {
      runner = stepRunner;
      for (const { storeId, dueAt } of await stepRunner.syncingStores()) plan(storeId, dueAt);
    },
    async schedule(storeId, dueAt) {
      plan(storeId, dueAt);
    },
    async hint(storeId) {
      const entry = planOf(storeId);
      entry.hintsNow = true;
      pump(storeId, entry);
    },
    stop,
    async close() {
      runner = undefined;
      await Promise.all([...plans.keys()].map((storeId) => stop(storeId)));
    },
  };
}
