import type { Customer } from '@unicart/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../src/stores/migrations';
import { openPostgresDatabase } from '../src/stores/postgres-database';
import type { SqlDatabase } from '../src/stores/sql-database';
import { createSqlStoreRepository } from '../src/stores/sql-store-repository';
import { openSqliteDatabase } from '../src/stores/sqlite-database';
import type { StoreRepository } from '../src/stores/store-repository';
import type { MirrorStore } from '../src/sync/customer-mirror-sql';
import type { MirrorFilters, MirrorPosition, MirrorSort } from '../src/sync/mirror-query';
import { address, customer, mirrorFixtures } from './support/mirror-fixtures';
import { oracleMatches, oracleSorted } from './support/mirror-oracle';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

const postgres = postgresForThisFile();

interface Backend {
  readonly name: string;
  open(): Promise<SqlDatabase | undefined>;
}

const backends: Backend[] = [
  { name: 'SQLite', open: async () => openSqliteDatabase(':memory:') },
  {
    name: 'PostgreSQL',
    async open() {
      const server = postgres();
      if (server === undefined) return undefined;
      await emptyDatabase(server.url);
      return openPostgresDatabase(server.url);
    },
  },
];

const storeId = 'store-1';
const otherStoreId = 'store-2';
const detectedAt = new Date('2026-12-01T12:00:00.000Z');

async function addStore(repository: StoreRepository, id: string) {
  await repository.createStore(
    {
      id,
      platform: 'acme',
      name: id,
      createdAt: '2026-01-01T00:00:00.000Z',
      baseUrl: null,
      credentials: { keyId: '00112233aabbccdd', ciphertext: `v1.${id}` },
    },
    `${id.replace(/\D/g, '').padStart(2, '0')}`.repeat(32),
  );
}

/** Every customer of a filtered, sorted list, read `limit` at a time through the page positions. */
async function listAll(
  mirror: MirrorStore,
  filters: MirrorFilters,
  sort: MirrorSort | undefined,
  limit: number,
) {
  const seen: Customer[] = [];
  let after: MirrorPosition | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await mirror.list(storeId, { filters, sort, limit, after });
    expect(page.customers.length).toBeLessThanOrEqual(limit);
    seen.push(...page.customers);
    if (page.next === null) return seen;
    expect(page.customers).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('the pages never ended');
}

const ids = (customers: readonly Customer[]) => customers.map((item) => item.id);

/** Every filter alone and a few together, with values the fixtures hit (and miss). */
const filterCases: readonly MirrorFilters[] = [
  {},
  { ids: ['5', '8', '1030', '999999'] },
  { sinceId: '50' },
  { sinceId: '0050' },
  { sinceId: '1000' },
  { createdAt: { from: '2024-01-01T00:00:00.000Z' } },
  { createdAt: { to: '2024-01-15T23:59:59.999Z' } },
  { createdAt: { from: '2024-01-01T10:30:00.000Z', to: '2024-02-29T10:30:00.000Z' } },
  { updatedAt: { from: '2024-06-30T23:59:59.999Z' } },
  { email: 'ADA.3@example.COM' },
  { email: 'zoë.1@example.com' },
  { name: 'ada lov' },
  { name: 'ÅNGSTRÖM' },
  { name: 'ü' },
  { name: 'bob' },
  { search: 'ADA' },
  { search: 'müller' },
  { search: 'example.com' },
  { search: '%' },
  { acceptsMarketing: true },
  { acceptsMarketing: false },
  { ordersCount: { min: 2 } },
  { ordersCount: { max: 1 } },
  { ordersCount: { min: 0, max: 0 } },
  { totalSpent: { min: 10.5 } },
  { totalSpent: { min: 10.5, max: 99.99 } },
  { totalSpent: { max: 0 } },
  { country: ['DE'] },
  { country: ['FR', 'BR'] },
  { tags: ['vip'] },
  { tags: ['VIP', 'Wholesale'] },
  { tags: ['FRÜH'] },
  { tags: ['late'] },
  { phone: '5550100' },
  { phone: '1234' },
  { phone: '3012345' },
  { country: ['DE', 'US'], acceptsMarketing: true, ordersCount: { min: 1 } },
  { name: 'a', createdAt: { from: '2024-01-01T00:00:00.000Z' }, tags: ['vip'] },
  { sinceId: '30', search: 'o', totalSpent: { min: 1 } },
];

const sorts: readonly (MirrorSort | undefined)[] = [
  undefined,
  ...(['createdAt', 'updatedAt', 'id', 'email', 'name'] as const).flatMap((key) => [
    { key, direction: 'asc' as const },
    { key, direction: 'desc' as const },
  ]),
];

describe.each(backends)('the customer mirror on $name', (backend) => {
  let database: SqlDatabase | undefined;
  let repository: StoreRepository;
  let mirror: MirrorStore;

  beforeEach(async (context) => {
    database = await backend.open();
    if (database === undefined) {
      context.skip();
      return;
    }
    await migrate(database);
    repository = createSqlStoreRepository(database);
    mirror = repository.mirror;
    await addStore(repository, storeId);
    await addStore(repository, otherStoreId);
  });

  afterEach(async () => {
    await database?.close();
  });

  describe('filters and sorts, against the contract written plainly', () => {
    const fixtures = mirrorFixtures();

    beforeEach(async () => {
      if (database === undefined) return;
      await mirror.apply(storeId, { upserts: fixtures, deletes: [] }, detectedAt);
      // Another store's customers never leak into this one's answers.
      await mirror.apply(otherStoreId, { upserts: mirrorFixtures(20, 3), deletes: [] }, detectedAt);
    });

    it('the fixtures reach every awkward case', () => {
      expect(fixtures.some((item) => item.email === null)).toBe(true);
      expect(fixtures.some((item) => item.lastName === null)).toBe(true);
      expect(fixtures.some((item) => item.firstName === null && item.lastName !== null)).toBe(true);
      expect(fixtures.some((item) => item.addresses.length === 0)).toBe(true);
      expect(fixtures.some((item) => item.dates.createdAt === null)).toBe(true);
      // Ties on every key, so the id tie-break matters.
      const createdAt = fixtures.map((item) => item.dates.createdAt);
      expect(new Set(createdAt).size).toBeLessThan(createdAt.length);
    });

    it.each(filterCases)('filter %j: count and every page agree with the oracle', async (filters) => {
      const expected = oracleSorted(
        fixtures.filter((item) => oracleMatches(item, filters)),
        { key: 'id', direction: 'asc' },
      );
      expect(await mirror.count(storeId, filters)).toBe(expected.length);
      expect(ids(await listAll(mirror, filters, undefined, 7))).toEqual(ids(expected));
    });

    it.each(sorts.filter((sort) => sort !== undefined))(
      'sort %j pages exactly as the oracle orders',
      async (sort) => {
        for (const filters of [
          {},
          { country: ['DE', 'FR'] },
          { acceptsMarketing: true },
        ] as MirrorFilters[]) {
          const expected = oracleSorted(
            fixtures.filter((item) => oracleMatches(item, filters)),
            sort,
          );
          for (const limit of [1, 4, 100]) {
            expect(ids(await listAll(mirror, filters, sort, limit))).toEqual(ids(expected));
          }
        }
      },
    );

    it('answers whole customers as stored, and get finds one or answers null', async () => {
      const [first] = await listAll(mirror, { ids: [fixtures[3]!.id] }, undefined, 10);
      expect(first).toEqual(fixtures[3]);
      expect(await mirror.get(storeId, fixtures[5]!.id)).toEqual(fixtures[5]);
      expect(await mirror.get(storeId, '424242')).toBeNull();
      expect(await mirror.get(otherStoreId, fixtures[70]!.id)).toBeNull();
      expect(await mirror.size(storeId)).toBe(fixtures.length);
      expect(await mirror.ids(storeId)).toEqual(new Set(ids(fixtures)));
    });
  });

  describe('the change feed', () => {
    const ada = customer('101', { firstName: 'Ada', addresses: [address('GB')], tags: ['VIP'] });
    const bob = customer('102', { firstName: 'Bob' });

    it('appends one upsert per new or changed customer and one delete per mirrored one, in order', async () => {
      expect(await mirror.apply(storeId, { upserts: [ada, bob], deletes: [] }, detectedAt)).toBe(2);
      // The same customers again (keys in another order): no change, no entry.
      const reordered = Object.fromEntries(Object.entries(ada).reverse()) as Customer;
      expect(await mirror.apply(storeId, { upserts: [reordered, bob], deletes: [] }, detectedAt)).toBe(0);
      const renamed = { ...ada, lastName: 'Byron', tags: ['wholesale'] };
      const later = new Date('2026-12-01T12:05:00.000Z');
      expect(await mirror.apply(storeId, { upserts: [renamed], deletes: ['102', '999', '102'] }, later)).toBe(
        2,
      );
      // Deleting what is not mirrored appends nothing.
      expect(await mirror.apply(storeId, { upserts: [], deletes: ['102'] }, later)).toBe(0);

      const feed = await mirror.changes(storeId, 0, 100);
      expect(feed.lastSeq).toBe(4);
      expect(
        feed.entries.map(({ seq, type, customerId, detectedAt: at }) => [seq, type, customerId, at]),
      ).toEqual([
        [1, 'upsert', '101', detectedAt.toISOString()],
        [2, 'upsert', '102', detectedAt.toISOString()],
        [3, 'upsert', '101', later.toISOString()],
        [4, 'delete', '102', later.toISOString()],
      ]);
      expect(feed.entries[0]?.customer).toEqual(ada);
      expect(feed.entries[2]?.customer).toEqual(renamed);
      expect(feed.entries[3]?.customer).toBeNull();
      expect((await mirror.changes(storeId, 2, 1)).entries.map((entry) => entry.seq)).toEqual([3]);
      expect((await mirror.changes(storeId, 4, 100)).entries).toEqual([]);
      // The indexed columns followed the change.
      expect(await mirror.count(storeId, { tags: ['vip'] })).toBe(0);
      expect(await mirror.count(storeId, { tags: ['WHOLESALE'], name: 'byron' })).toBe(1);
      expect(await mirror.count(storeId, { country: ['GB'] })).toBe(1);
      expect(await mirror.get(storeId, '102')).toBeNull();
    });

    it('writes several versions of one customer in one change in their order, keeping the last', async () => {
      const versions = [ada, { ...ada, note: 'second' }, { ...ada, note: 'third' }];
      expect(await mirror.apply(storeId, { upserts: versions, deletes: [] }, detectedAt)).toBe(3);
      const feed = await mirror.changes(storeId, 0, 10);
      expect(feed.entries.map((entry) => entry.customer?.note)).toEqual([null, 'second', 'third']);
      expect((await mirror.get(storeId, '101'))?.note).toBe('third');
    });

    it('keeps nothing of a change that failed half-way, and numbers the next one without a gap', async () => {
      await mirror.apply(storeId, { upserts: [ada], deletes: [] }, detectedAt);
      const broken = { ...bob, tags: null } as unknown as Customer;
      await expect(
        mirror.apply(storeId, { upserts: [{ ...ada, note: 'x' }, broken], deletes: [] }, detectedAt),
      ).rejects.toThrow();
      expect((await mirror.get(storeId, '101'))?.note).toBeNull();
      expect(await mirror.apply(storeId, { upserts: [bob], deletes: [] }, detectedAt)).toBe(1);
      expect(
        (await mirror.changes(storeId, 0, 10)).entries.map((entry) => [entry.seq, entry.customerId]),
      ).toEqual([
        [1, '101'],
        [2, '102'],
      ]);
    });

    it('survives a restart: a new handle on the same database continues the positions', async () => {
      await mirror.apply(storeId, { upserts: [ada], deletes: [] }, detectedAt);
      const again = createSqlStoreRepository(database!).mirror;
      expect(await again.apply(storeId, { upserts: [ada, bob], deletes: [] }, detectedAt)).toBe(1);
      expect((await again.changes(storeId, 0, 10)).entries.map((entry) => entry.seq)).toEqual([1, 2]);
    });

    it('prunes a prefix of old entries and remembers how far, per store', async () => {
      await mirror.apply(storeId, { upserts: [ada], deletes: [] }, new Date('2026-11-01T00:00:00.000Z'));
      await mirror.apply(storeId, { upserts: [bob], deletes: [] }, new Date('2026-11-20T00:00:00.000Z'));
      await mirror.apply(otherStoreId, { upserts: [bob], deletes: [] }, new Date('2026-11-30T00:00:00.000Z'));
      expect(await mirror.pruneChanges(new Date('2026-11-10T00:00:00.000Z'))).toBe(1);
      const feed = await mirror.changes(storeId, 0, 10);
      expect(feed.entries.map((entry) => entry.seq)).toEqual([2]);
      expect(feed.prunedThroughSeq).toBe(1);
      expect((await mirror.changes(otherStoreId, 0, 10)).prunedThroughSeq).toBe(0);
      expect(await mirror.pruneChanges(new Date('2026-11-10T00:00:00.000Z'))).toBe(0);
    });

    it('clear empties the store mirror and feed, and keeps the positions going', async () => {
      await mirror.apply(storeId, { upserts: [ada, bob], deletes: [] }, detectedAt);
      await mirror.apply(otherStoreId, { upserts: [ada], deletes: [] }, detectedAt);
      await mirror.clear(storeId);
      expect(await mirror.size(storeId)).toBe(0);
      expect(await mirror.size(otherStoreId)).toBe(1);
      const feed = await mirror.changes(storeId, 0, 10);
      expect(feed).toEqual({ entries: [], lastSeq: 2, prunedThroughSeq: 2 });
      await mirror.apply(storeId, { upserts: [ada], deletes: [] }, detectedAt);
      expect((await mirror.changes(storeId, 2, 10)).entries.map((entry) => entry.seq)).toEqual([3]);
    });

    it('goes with its store', async () => {
      await mirror.apply(storeId, { upserts: [ada], deletes: [] }, detectedAt);
      await repository.deleteStore(storeId);
      expect(await mirror.size(storeId)).toBe(0);
      expect((await mirror.changes(storeId, 0, 10)).lastSeq).toBe(0);
    });
  });
});
