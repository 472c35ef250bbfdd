import type { CustomerAdapterV1 } from '@unicart/core';
import type { SqlDatabase } from '../stores/sql-database';
import { amazonSyncSource } from './amazon-sync-source';
import type { CustomerMirror } from './customer-mirror';

/** What one sync step of one store is given; the engine runs it in exactly one process at a time. */
export interface SyncStepContext {
  readonly storeId: string;
  readonly adapter: CustomerAdapterV1;
  readonly mirror: CustomerMirror;
  /**
   * `full`: read everything (the first read, then at least every `UNICART_SYNC_FULL_SCAN_SECONDS`);
   * `incremental`: what changed since `since`.
   */
  readonly kind: 'full' | 'incremental';
  /** ISO: when the last successful step began, minus the overlap; `null` for a full read. */
  readonly since: string | null;
  /** Aborted at the step's deadline and at shutdown: stop, apply nothing more, throw. */
  readonly signal: AbortSignal;
}

/** What a step reports back for `GET /api/v2/sync`. */
export interface SyncStepResult {
  /** How many customers the store's mirror holds now. */
  readonly customers: number;
  /**
   * `false`: the full read is still under way and goes on at the next step (Amazon's first read of
   * 100,000 orders takes about two days at its rate limit); the step then counts as no full read.
   * Absent: `true`.
   */
  readonly complete?: boolean;
}

/**
 * How a store's mirror is kept. The engine's own source reads the customer resource as
 * `capabilities.sync` declares; a platform without one (Amazon: buyers derived from orders) brings
 * its own, registered in `platformSyncSources`.
 */
export interface SyncSource {
  /** What `GET /api/v2/sync` shows as `deletes` (before webhooks are taken into account). */
  readonly deletes: 'native' | 'webhook' | 'scan';
  /** Runs one step: reads the platform and hands what changed to `context.mirror.apply`; throws to fail it. */
  step(context: SyncStepContext): Promise<SyncStepResult>;
}

/** Builds a platform's own source over the gateway's database (for tables of its own, e.g. an orders ledger). */
export type SyncSourceFactory = (dependencies: { readonly database: SqlDatabase }) => SyncSource;

/** Platforms whose mirror is not kept from their customer resource, by platform id. */
export const platformSyncSources: Readonly<Record<string, SyncSourceFactory>> = {
  amazon: amazonSyncSource,
};
