import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessScheduler } from './in-process-scheduler';
import type { SyncScheduler, SyncStepRunner } from './sync-scheduler';

/** A runner whose steps are told what to do per store; it records when each step ran. */
function fakeRunner(behaviour: Record<string, 'hang' | 'quick'>, everyMs = 20) {
  const runs: { storeId: string; kind: 'due' | 'hints'; start: number; end: number }[] = [];
  const running = new Map<string, number>();
  let overlaps = 0;
  const step = async (storeId: string, kind: 'due' | 'hints', signal: AbortSignal) => {
    const start = Date.now();
    if ((running.get(storeId) ?? 0) > 0) overlaps += 1;
    running.set(storeId, (running.get(storeId) ?? 0) + 1);
    try {
      if (behaviour[storeId] === 'hang') {
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      } else {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      running.set(storeId, (running.get(storeId) ?? 1) - 1);
      runs.push({ storeId, kind, start, end: Date.now() });
    }
  };
  const runner: SyncStepRunner = {
    async runDue(storeId, signal) {
      await step(storeId, 'due', signal);
      return Date.now() + everyMs;
    },
    async runHints(storeId, signal) {
      await step(storeId, 'hints', signal);
    },
    syncingStores: async () => Object.keys(behaviour).map((storeId) => ({ storeId, dueAt: Date.now() })),
  };
  return { runner, runs, overlaps: () => overlaps };
}

describe('the in-process sync scheduler', () => {
  let scheduler: SyncScheduler | undefined;
  afterEach(async () => {
    await scheduler?.close();
    scheduler = undefined;
  });

  it('keeps polling the other stores while one step hangs, one step at a time per store', async () => {
    const fake = fakeRunner({ slow: 'hang', a: 'quick', b: 'quick', c: 'quick' });
    scheduler = createInProcessScheduler({ concurrency: 2 });
    await scheduler.start(fake.runner);
    await vi.waitFor(
      () => {
        for (const storeId of ['a', 'b', 'c']) {
          expect(fake.runs.filter((run) => run.storeId === storeId).length).toBeGreaterThanOrEqual(5);
        }
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(fake.runs.some((run) => run.storeId === 'slow')).toBe(false);
    expect(fake.overlaps()).toBe(0);
  });

  it('runs hints soon, never beside a step of the same store', async () => {
    const fake = fakeRunner({ a: 'quick' }, 60_000);
    scheduler = createInProcessScheduler({ concurrency: 4 });
    await scheduler.start(fake.runner);
    await scheduler.hint('a');
    await scheduler.hint('a');
    await vi.waitFor(
      () => expect(new Set(fake.runs.map((run) => run.kind))).toStrictEqual(new Set(['due', 'hints'])),
      { timeout: 2_000, interval: 10 },
    );
    expect(fake.overlaps()).toBe(0);
  });

  it('stops a store: its running step is aborted and nothing runs for it any more', async () => {
    const fake = fakeRunner({ slow: 'hang' });
    scheduler = createInProcessScheduler({ concurrency: 1 });
    await scheduler.start(fake.runner);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop('slow');
    const count = fake.runs.length;
    expect(fake.runs.at(-1)?.storeId).toBe('slow');
    await scheduler.schedule('other', Date.now());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.runs.filter((run) => run.storeId === 'slow').length).toBe(count);
  });
});
