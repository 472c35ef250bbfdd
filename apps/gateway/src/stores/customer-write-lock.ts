import { untilAborted } from '@unicart/core';
import type { StoreRepository } from './store-repository';

/**
 * Serialises the writes to one customer of one store. Some platforms take a sub-object only whole
 * (Ecwid's billing person), so an adapter reads the customer and writes the sub-object back with
 * the change: two updates at once would each write back the other's field as it was. Writes made
 * outside Unicart (the platform's admin, other apps) between that read and that write can still be
 * overwritten; no lock of ours can cover them.
 */
export interface CustomerWriteLock {
  /**
   * Runs `work` once no other write to this customer runs, in this process and, on PostgreSQL, in
   * every gateway process; waiting ends with the signal's reason when `signal` aborts.
   */
  run<Value>(
    storeId: string,
    customerId: string,
    signal: AbortSignal,
    work: () => Promise<Value>,
  ): Promise<Value>;
}

/** Runs work one at a time per key, in this process and, where `acrossProcesses` is given, in all. */
export interface KeyedLock<Key extends readonly string[]> {
  run<Value>(key: Key, signal: AbortSignal, work: () => Promise<Value>): Promise<Value>;
}

/**
 * A queue per key in this process (a process takes the shared lock once per key at a time), then
 * the lock every process on the database respects, when there is one.
 */
export function createKeyedLock<Key extends readonly string[]>(
  acrossProcesses: ((key: Key, signal: AbortSignal) => Promise<() => Promise<void>>) | undefined,
): KeyedLock<Key> {
  // The last run queued for each key.
  const queues = new Map<string, Promise<void>>();
  return {
    async run(key, signal, work) {
      const queue = JSON.stringify(key);
      const previous = queues.get(queue) ?? Promise.resolve();
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      // The next run waits for this one and, should this one give up early, for the one before.
      const mine = Promise.all([previous, finished]).then(() => undefined);
      queues.set(queue, mine);
      try {
        await untilAborted(previous, signal);
        const release = await acrossProcesses?.(key, signal);
        try {
          return await work();
        } finally {
          await release?.();
        }
      } finally {
        done();
        if (queues.get(queue) === mine) queues.delete(queue);
      }
    },
  };
}

export function createCustomerWriteLock(
  acrossProcesses: StoreRepository['lockCustomerWrites'],
): CustomerWriteLock {
  const lock = createKeyedLock<readonly [string, string]>(
    acrossProcesses && (([storeId, customerId], signal) => acrossProcesses(storeId, customerId, signal)),
  );
  return { run: (storeId, customerId, signal, work) => lock.run([storeId, customerId], signal, work) };
}
