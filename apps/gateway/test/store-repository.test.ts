import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashStoreToken } from '../src/crypto/store-token';
import { migrate, migrations } from '../src/stores/migrations';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { openPostgresDatabase } from '../src/stores/postgres-database';
import type { SqlDatabase } from '../src/stores/sql-database';
import { openSqliteDatabase } from '../src/stores/sqlite-database';
import type { StoreRecord, StoreRepository } from '../src/stores/store-repository';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

/** One storage engine under test: how to reach a fresh, empty registry of it. */
interface Backend {
  readonly name: string;
  /** The configuration `openStoreRepository` gets. */
  config(): { dataDir: string; databaseUrl: string | undefined };
  /** A raw database handle on the same storage. */
  openDatabase(): SqlDatabase;
  /** Empties the storage (no tables at all). */
  reset(): Promise<void>;
  /** Runs two migrators the way two instances starting at once would. */
  migrateBoth(first: SqlDatabase, second: SqlDatabase): Promise<number[][]>;
}

let dataDir: string;
const postgres = postgresForThisFile();

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-registry-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const sqlite: Backend = {
  name: 'SQLite',
  config: () => ({ dataDir, databaseUrl: undefined }),
  openDatabase: () => openSqliteDatabase(join(dataDir, 'unicart.sqlite')),
  reset: async () => undefined,
  // better-sqlite3 is synchronous: in one process a second handle would block the first one's event
  // loop. Separate processes are serialised by BEGIN IMMEDIATE and the busy timeout instead.
  migrateBoth: async (first, second) => [await migrate(first), await migrate(second)],
};

const postgresql: Backend = {
  name: 'PostgreSQL',
  config: () => ({ dataDir, databaseUrl: postgres()?.url }),
  openDatabase: () => openPostgresDatabase(postgres()!.url),
  reset: () => emptyDatabase(postgres()!.url),
  migrateBoth: (first, second) => Promise.all([migrate(first), migrate(second)]),
};

function storeRecord(id: string, createdAt: string): StoreRecord {
  return {
    id,
    platform: 'acme',
    name: `Store ${id}`,
    createdAt,
    baseUrl: id === 'store-a' ? 'https://proxy.example' : null,
    credentials: { keyId: '00112233aabbccdd', ciphertext: `v1.ciphertext-of-${id}` },
  };
}

describe.each([sqlite, postgresql])('the stores registry on $name', (backend) => {
  let repository: StoreRepository;
  const tokenA = hashStoreToken('uc_token-a');
  const tokenB = hashStoreToken('uc_token-b');

  beforeEach(async (context) => {
    if (backend === postgresql && postgres() === undefined) context.skip();
    await backend.reset();
    repository = await openStoreRepository(backend.config());
  });

  afterEach(async () => {
    await repository?.close();
  });

  it('finds a store by the hash of an active token, with its encrypted credentials', async () => {
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    expect(await repository.findStoreByTokenHash(tokenA)).toStrictEqual(
      storeRecord('store-a', '2024-01-01T00:00:00.000Z'),
    );
    expect(await repository.findStoreByTokenHash(tokenB)).toBeUndefined();
  });

  it('lists stores oldest first, without credentials', async () => {
    await repository.createStore(storeRecord('store-b', '2024-02-01T00:00:00.000Z'), tokenB);
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    expect(await repository.listStores()).toStrictEqual([
      { id: 'store-a', platform: 'acme', name: 'Store store-a', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'store-b', platform: 'acme', name: 'Store store-b', createdAt: '2024-02-01T00:00:00.000Z' },
    ]);
  });

  it('replaces tokens: the previous ones are revoked, the new one works', async () => {
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    expect(await repository.replaceTokens('store-a', tokenB)).toBe(true);
    expect(await repository.findStoreByTokenHash(tokenA)).toBeUndefined();
    expect((await repository.findStoreByTokenHash(tokenB))?.id).toBe('store-a');
    expect(await repository.replaceTokens('no-such-store', hashStoreToken('uc_other'))).toBe(false);
  });

  it('replaces the encrypted credentials of a store, and of no other', async () => {
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    await repository.createStore(storeRecord('store-b', '2024-02-01T00:00:00.000Z'), tokenB);
    const rotated = { keyId: '8899aabbccddeeff', ciphertext: 'v1.ciphertext-of-rotated' };
    expect(await repository.updateCredentials('store-a', rotated)).toBe(true);
    expect((await repository.findStoreByTokenHash(tokenA))?.credentials).toStrictEqual(rotated);
    expect((await repository.findStoreByTokenHash(tokenB))?.credentials).toStrictEqual(
      storeRecord('store-b', '2024-02-01T00:00:00.000Z').credentials,
    );
    expect(await repository.updateCredentials('no-such-store', rotated)).toBe(false);
  });

  it('deletes a store with its tokens', async () => {
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    expect(await repository.deleteStore('store-a')).toBe(true);
    expect(await repository.findStoreByTokenHash(tokenA)).toBeUndefined();
    expect(await repository.listStores()).toStrictEqual([]);
    expect(await repository.deleteStore('store-a')).toBe(false);
  });

  it('adds a store and its token atomically', async () => {
    await repository.createStore(storeRecord('store-a', '2024-01-01T00:00:00.000Z'), tokenA);
    // The token hash is already taken, so the whole creation rolls back.
    await expect(
      repository.createStore(storeRecord('store-b', '2024-01-02T00:00:00.000Z'), tokenA),
    ).rejects.toThrow();
    expect((await repository.listStores()).map((store) => store.id)).toStrictEqual(['store-a']);
  });

  it('applies each migration once, even with two instances starting together', async () => {
    const first = backend.openDatabase();
    const second = backend.openDatabase();
    try {
      const applied = await backend.migrateBoth(first, second);
      // The repository above already migrated: nothing is left to apply, by either instance.
      expect(applied).toStrictEqual([[], []]);
      const rows = await first.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((row) => ({ version: Number(row.version), name: row.name }))).toStrictEqual(
        migrations.map(({ version, name }) => ({ version, name })),
      );
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('migrates an empty database from scratch with two instances starting together', async () => {
    await repository.close();
    await backend.reset();
    rmSync(join(dataDir, 'unicart.sqlite'), { force: true });
    const first = backend.openDatabase();
    const second = backend.openDatabase();
    try {
      const applied = await backend.migrateBoth(first, second);
      expect(applied.flat()).toStrictEqual(migrations.map((migration) => migration.version));
    } finally {
      await first.close();
      await second.close();
    }
    repository = await openStoreRepository(backend.config());
  });
});
