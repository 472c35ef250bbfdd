import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreRepository } from '../src/stores/open-store-repository';
import type { StoreRepository } from '../src/stores/store-repository';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

const postgres = postgresForThisFile();
const t0 = Date.parse('2026-12-04T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

const backends = [
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
];

describe.each(backends)('webhook event ids in $name, two processes on one database', (backend) => {
  let dataDir: string;
  let first: StoreRepository;
  let second: StoreRepository;

  beforeEach(async (context) => {
    dataDir = mkdtempSync(join(tmpdir(), 'unicart-webhook-events-'));
    if (backend.postgres) {
      if (postgres() === undefined) context.skip();
      await emptyDatabase(postgres()!.url);
    }
    const config = { dataDir, databaseUrl: backend.postgres ? postgres()!.url : undefined };
    first = await openStoreRepository(config);
    second = await openStoreRepository(config);
    for (const id of ['store-1', 'store-2']) {
      await first.createStore(
        {
          id,
          platform: 'shopify',
          name: id,
          baseUrl: null,
          createdAt: new Date(t0).toISOString(),
          credentials: { keyId: 'k1', ciphertext: 'opaque' },
        },
        `${id}-token-hash`,
      );
    }
  });
  afterEach(async () => {
    await first?.close();
    await second?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an event once of twenty concurrent deliveries, apart per store', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? first : second).webhookEvents.record('store-1', 'event-1', new Date(t0)),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await second.webhookEvents.record('store-2', 'event-1', new Date(t0))).toBe(true);
  });

  it('takes an event again once forgotten', async () => {
    expect(await first.webhookEvents.record('store-1', 'event-1', new Date(t0))).toBe(true);
    await second.webhookEvents.forget('store-1', 'event-1');
    expect(await first.webhookEvents.record('store-1', 'event-1', new Date(t0))).toBe(true);
  });

  it('purges events received before a time, and drops a removed store’s events', async () => {
    await first.webhookEvents.record('store-1', 'old', new Date(t0 - 8 * day));
    await first.webhookEvents.record('store-1', 'recent', new Date(t0 - day));
    await first.webhookEvents.record('store-2', 'other', new Date(t0 - day));
    expect(await second.webhookEvents.purgeReceivedBefore(new Date(t0 - 7 * day))).toBe(1);
    expect(await first.webhookEvents.record('store-1', 'old', new Date(t0))).toBe(true);
    expect(await first.webhookEvents.record('store-1', 'recent', new Date(t0))).toBe(false);
    await first.deleteStore('store-2');
    expect(await second.webhookEvents.purgeReceivedBefore(new Date(t0 + day))).toBe(2);
  });
});
