import { type AmazonOrder, amazonCustomerId, initialAmazonReadState } from '@unicart/adapter-amazon';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../src/stores/migrations';
import { openPostgresDatabase } from '../src/stores/postgres-database';
import type { SqlDatabase } from '../src/stores/sql-database';
import { createSqlStoreRepository } from '../src/stores/sql-store-repository';
import { openSqliteDatabase } from '../src/stores/sqlite-database';
import { createSqlAmazonOrderLedger } from '../src/sync/amazon-order-ledger-sql';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

const postgres = postgresForThisFile();

const backends = [
  { name: 'SQLite', open: async (): Promise<SqlDatabase | undefined> => openSqliteDatabase(':memory:') },
  {
    name: 'PostgreSQL',
    async open(): Promise<SqlDatabase | undefined> {
      const server = postgres();
      if (server === undefined) return undefined;
      await emptyDatabase(server.url);
      return openPostgresDatabase(server.url);
    },
  },
];

const ana = 'q3v8m2k7x1z9p4t@marketplace.amazon.com';
const bea = 'w5n1c8j2r6h0y3e@marketplace.amazon.ca';

function order(id: string, email: string | null, createdTime: string, lastUpdatedTime: string): AmazonOrder {
  return {
    orderId: id,
    createdTime,
    lastUpdatedTime,
    buyer: email === null ? { buyerName: 'Ana Lima' } : { buyerName: 'Ana Lima', buyerEmail: email },
    proceeds: { grandTotal: { amount: '10.00', currencyCode: 'USD' } },
    fulfillment: { fulfillmentStatus: email === null ? 'CANCELLED' : 'SHIPPED', fulfilledBy: 'MERCHANT' },
  };
}

async function storeIn(database: SqlDatabase, id: string) {
  await migrate(database);
  const repository = createSqlStoreRepository(database);
  await repository.createStore(
    {
      id,
      platform: 'amazon',
      name: id,
      createdAt: '2026-01-01T00:00:00.000Z',
      baseUrl: null,
      credentials: { keyId: '00112233aabbccdd', ciphertext: `v1.${id}` },
    },
    `${id.length}`.padStart(2, '0').repeat(32),
  );
  return repository;
}

for (const backend of backends) {
  describe(`the Amazon orders ledger on ${backend.name}`, () => {
    let database: SqlDatabase | undefined;
    afterEach(async () => {
      await database?.close();
    });

    async function open() {
      database = await backend.open();
      if (database === undefined) return undefined;
      const repository = await storeIn(database, 'store-a');
      return { ledger: createSqlAmazonOrderLedger(database, 'store-a'), repository };
    }

    it('stores orders by buyer, with the read state, and reports the touched buyers', async (context) => {
      const opened = await open();
      if (opened === undefined) return context.skip();
      const { ledger } = opened;
      expect(await ledger.state()).toStrictEqual(initialAmazonReadState);
      const state = {
        readUpTo: '2026-12-04T10:00:00Z',
        completeReadAt: '2026-12-04T10:02:00.000Z',
        reading: null,
      };
      const touched = await ledger.record(
        [
          order('111-1', ana, '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z'),
          order('111-2', ana.toUpperCase(), '2026-04-01T10:00:00+02:00', '2026-04-02T10:00:00Z'),
          order('111-3', bea, '2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z'),
          order('111-4', null, '2026-05-02T10:00:00Z', '2026-05-02T10:00:00Z'),
        ],
        state,
      );
      expect([...touched].sort()).toStrictEqual([amazonCustomerId(ana), amazonCustomerId(bea)].sort());
      expect(await ledger.state()).toStrictEqual(state);
      expect((await ledger.ordersOf(amazonCustomerId(ana))).map((stored) => stored.orderId)).toStrictEqual([
        '111-1',
        '111-2',
      ]);
      expect(await ledger.customerIds()).toStrictEqual([amazonCustomerId(ana), amazonCustomerId(bea)].sort());
      expect(await ledger.unsettled()).toStrictEqual(touched);
      await ledger.settle([amazonCustomerId(ana)]);
      expect([...(await ledger.unsettled())]).toStrictEqual([amazonCustomerId(bea)]);
    });

    it('moves an order to nobody when it loses its email, and never replaces a newer version', async (context) => {
      const opened = await open();
      if (opened === undefined) return context.skip();
      const { ledger } = opened;
      await ledger.record(
        [order('111-1', ana, '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z')],
        initialAmazonReadState,
      );
      const cancelled = await ledger.record(
        [order('111-1', null, '2026-03-01T10:00:00Z', '2026-03-05T10:00:00Z')],
        initialAmazonReadState,
      );
      expect([...cancelled]).toStrictEqual([amazonCustomerId(ana)]);
      expect(await ledger.customerIds()).toStrictEqual([]);
      const stale = await ledger.record(
        [order('111-1', ana, '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z')],
        initialAmazonReadState,
      );
      expect(stale.size).toBe(0);
      expect(await ledger.customerIds()).toStrictEqual([]);
    });

    it('prunes orders created before the window and names their buyers', async (context) => {
      const opened = await open();
      if (opened === undefined) return context.skip();
      const { ledger } = opened;
      await ledger.record(
        [
          order('111-1', ana, '2024-01-01T10:00:00Z', '2024-01-02T10:00:00Z'),
          order('111-3', bea, '2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z'),
        ],
        initialAmazonReadState,
      );
      const touched = await ledger.record([], initialAmazonReadState, '2025-01-01T00:00:00Z');
      expect([...touched]).toStrictEqual([amazonCustomerId(ana)]);
      expect(await ledger.customerIds()).toStrictEqual([amazonCustomerId(bea)]);
    });

    it('keeps each store apart and goes with its store', async (context) => {
      const opened = await open();
      if (opened === undefined || database === undefined) return context.skip();
      const { ledger, repository } = opened;
      await repository.createStore(
        {
          id: 'store-b',
          platform: 'amazon',
          name: 'b',
          createdAt: '2026-01-01T00:00:00.000Z',
          baseUrl: null,
          credentials: { keyId: '00112233aabbccdd', ciphertext: 'v1.b' },
        },
        'bb'.repeat(32),
      );
      const other = createSqlAmazonOrderLedger(database, 'store-b');
      await ledger.record(
        [order('111-1', ana, '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z')],
        initialAmazonReadState,
      );
      expect(await other.customerIds()).toStrictEqual([]);
      await repository.deleteStore('store-a');
      expect(await ledger.customerIds()).toStrictEqual([]);
      expect(await ledger.state()).toStrictEqual(initialAmazonReadState);
    });
  });
}
