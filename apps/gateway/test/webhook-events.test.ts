import { describe, expect, it } from 'vitest';
import { postgresForThisFile } from './support/postgres-server';
import { storageBackends, twoProcessesOnOneDatabase } from './support/two-processes';

const postgres = postgresForThisFile();
const t0 = Date.parse('2026-12-04T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

describe.each(storageBackends)('webhook event ids in $name, two processes on one database', (backend) => {
  const processes = twoProcessesOnOneDatabase(
    backend,
    postgres,
    ['store-1', 'store-2'],
    new Date(t0).toISOString(),
  );

  it('records an event once of twenty concurrent deliveries, apart per store', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? processes.first : processes.second).webhookEvents.record(
          'store-1',
          'event-1',
          new Date(t0),
        ),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await processes.second.webhookEvents.record('store-2', 'event-1', new Date(t0))).toBe(true);
  });

  it('takes an event again once forgotten', async () => {
    expect(await processes.first.webhookEvents.record('store-1', 'event-1', new Date(t0))).toBe(true);
    await processes.second.webhookEvents.forget('store-1', 'event-1');
    expect(await processes.first.webhookEvents.record('store-1', 'event-1', new Date(t0))).toBe(true);
  });

  it('purges events received before a time, and drops a removed store’s events', async () => {
    await processes.first.webhookEvents.record('store-1', 'old', new Date(t0 - 8 * day));
    await processes.first.webhookEvents.record('store-1', 'recent', new Date(t0 - day));
    await processes.first.webhookEvents.record('store-2', 'other', new Date(t0 - day));
    expect(await processes.second.webhookEvents.purgeReceivedBefore(new Date(t0 - 7 * day))).toBe(1);
    expect(await processes.first.webhookEvents.record('store-1', 'old', new Date(t0))).toBe(true);
    expect(await processes.first.webhookEvents.record('store-1', 'recent', new Date(t0))).toBe(false);
    await processes.first.deleteStore('store-2');
    expect(await processes.second.webhookEvents.purgeReceivedBefore(new Date(t0 + day))).toBe(2);
  });
});
