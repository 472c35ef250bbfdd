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

export function createCustomerWriteLock(
  acrossProcesses: StoreRepository['lockCustomerWrites'],
): CustomerWriteLock {
  // The last write queued for each customer; a process takes the shared lock once per customer at a time.
  const queues = new Map<string, Promise<void>>();
  return {
    async run(storeId, customerId, signal, work) {
      const key = JSON.stringify([storeId, customerId]);
      const previous = queues.get(key) ?? Promise.resolve();
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      // The next write waits for this one and, should this one give up early, for the one before.
      const mine = Promise.all([previous, finished]).then(() => undefined);
      queues.set(key, mine);
      try {
        await untilAborted(previous, signal);
        const release = await acrossProcesses?.(storeId, customerId, signal);
        try {
          return await work();
        } finally {
          await release?.();
        }
      } finally {
        done();
        if (queues.get(key) === mine) queues.delete(key);
      }
    },
  };
}
