import { join } from 'node:path';
import type { GatewayConfig } from '../config';
import { migrate } from './migrations';
import { openPostgresDatabase } from './postgres-database';
import { createSqlStoreRepository } from './sql-store-repository';
import { openSqliteDatabase } from './sqlite-database';
import type { StoreRepository } from './store-repository';

/** Where the stores registry lives, for logs (never the database URL: it may hold a password). */
export function describeStoreLocation(config: Pick<GatewayConfig, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${sqliteFile(config.dataDir)}`;
}

function sqliteFile(dataDir: string): string {
  return join(dataDir, 'unicart.sqlite');
}

/** Opens the stores registry (PostgreSQL when `DATABASE_URL` is set, else SQLite in the data dir) and migrates it. */
export async function openStoreRepository(
  config: Pick<GatewayConfig, 'databaseUrl' | 'dataDir'>,
): Promise<StoreRepository> {
  const database = config.databaseUrl
    ? openPostgresDatabase(config.databaseUrl)
    : openSqliteDatabase(sqliteFile(config.dataDir));
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return createSqlStoreRepository(database);
}
