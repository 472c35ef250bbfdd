import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStoreRepository } from '../../src/stores/open-store-repository';
import type { StoreRepository } from '../../src/stores/store-repository';
import { emptyDatabase, type PostgresServer } from './postgres-server';

/** The registry engines a test runs on; PostgreSQL only where a server could be started. */
export const storageBackends = [
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
] as const;

/** Two registries opened on one fresh database, as two gateway processes would. */
export interface TwoProcesses {
  readonly first: StoreRepository;
  readonly second: StoreRepository;
}

/**
 * Before each test: a fresh database of `backend` (skipped without a PostgreSQL server), opened twice,
 * holding the stores `storeIds` (created at `createdAt`). After each test: both closed, files removed.
 */
export function twoProcessesOnOneDatabase(
  backend: (typeof storageBackends)[number],
  postgres: () => PostgresServer | undefined,
  storeIds: readonly string[],
  createdAt: string,
): TwoProcesses {
  const processes = {} as { first: StoreRepository; second: StoreRepository };
  let dataDir: string;
  beforeEach(async (context) => {
    dataDir = mkdtempSync(join(tmpdir(), 'unicart-two-processes-'));
    if (backend.postgres) {
      if (postgres() === undefined) context.skip();
      await emptyDatabase(postgres()!.url);
    }
    const config = { dataDir, databaseUrl: backend.postgres ? postgres()!.url : undefined };
    processes.first = await openStoreRepository(config);
    processes.second = await openStoreRepository(config);
    for (const id of storeIds) {
      await processes.first.createStore(
        {
          id,
          platform: 'acme',
          name: id,
          baseUrl: null,
          createdAt,
          credentials: { keyId: 'k1', ciphertext: 'opaque' },
        },
        `${id}-token-hash`,
      );
    }
  });
  afterEach(async () => {
    await processes.first?.close();
    await processes.second?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return processes;
}
