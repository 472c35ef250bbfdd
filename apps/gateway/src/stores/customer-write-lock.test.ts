import { describe, expect, it } from 'vitest';
import { createCustomerWriteLock } from './customer-write-lock';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const settle = async () => {
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('the customer write lock', () => {
  it('runs the writes to one customer one after the other, and those to others at once', async () => {
    const lock = createCustomerWriteLock(undefined);
    const signal = new AbortController().signal;
    const events: string[] = [];
    const first = deferred();
    const firstWrite = lock.run('store', '42', signal, async () => {
      events.push('first starts');
      await first.promise;
      events.push('first ends');
    });
    const secondWrite = lock.run('store', '42', signal, async () => {
      events.push('second starts');
    });
    const otherCustomer = lock.run('store', '43', signal, async () => {
      events.push('other customer');
    });
    const otherStore = lock.run('another store', '42', signal, async () => {
      events.push('other store');
    });
    await settle();
    expect(events).toStrictEqual(['first starts', 'other customer', 'other store']);
    first.resolve();
    await Promise.all([firstWrite, secondWrite, otherCustomer, otherStore]);
    expect(events.slice(3)).toStrictEqual(['first ends', 'second starts']);
  });

  it("stops a waiter at its signal's abort, and the writes after it still run in turn", async () => {
    const lock = createCustomerWriteLock(undefined);
    const signal = new AbortController().signal;
    const first = deferred();
    const events: string[] = [];
    const firstWrite = lock.run('store', '42', signal, () => first.promise);
    const impatient = new AbortController();
    const gaveUp = lock.run('store', '42', impatient.signal, async () => {
      events.push('impatient ran');
    });
    const third = lock.run('store', '42', signal, async () => {
      events.push('third ran');
    });
    impatient.abort(new Error('deadline'));
    await expect(gaveUp).rejects.toThrow('deadline');
    await settle();
    expect(events).toStrictEqual([]);
    first.resolve();
    await Promise.all([firstWrite, third]);
    expect(events).toStrictEqual(['third ran']);
  });

  it('holds the lock across processes while the write runs, and releases it after a failure', async () => {
    const held: string[] = [];
    const lock = createCustomerWriteLock(async (storeId, customerId) => {
      held.push(`take ${storeId}/${customerId}`);
      return async () => {
        held.push(`release ${storeId}/${customerId}`);
      };
    });
    const signal = new AbortController().signal;
    await expect(
      lock.run('store', '42', signal, async () => {
        held.push('write');
        throw new Error('platform failed');
      }),
    ).rejects.toThrow('platform failed');
    expect(held).toStrictEqual(['take store/42', 'write', 'release store/42']);
  });
});
