import type { EncryptedCredentials } from '../crypto/credential-cipher';
import type { IdempotencyRecords } from '../idempotency/idempotency-records';
import type { MirrorStore } from '../sync/customer-mirror-sql';
import type { WebhookEvents } from '../webhooks/webhook-events';
import type { SqlDatabase } from './sql-database';

/** A connected store as the admin API shows it: never its credentials. */
export interface StoreSummary {
  readonly id: string;
  /** Platform id, e.g. `ecwid`. */
  readonly platform: string;
  readonly name: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}

/** A store as the registry keeps it. */
export interface StoreRecord extends StoreSummary {
  /** Replaces the platform's public origin; `null` for the platform's own. */
  readonly baseUrl: string | null;
  readonly credentials: EncryptedCredentials;
}

/** Where stores and the hashes of their access tokens live (SQLite or PostgreSQL). */
export interface StoreRepository {
  /** Adds a store and its first access token, atomically. */
  createStore(store: StoreRecord, tokenHash: string): Promise<void>;
  /** Every store, oldest first. */
  listStores(): Promise<StoreSummary[]>;
  /** A store by id (the sync engine opens stores without a token). */
  findStore(storeId: string): Promise<StoreRecord | undefined>;
  /** The store an active (not revoked) token belongs to. */
  findStoreByTokenHash(tokenHash: string): Promise<StoreRecord | undefined>;
  /** Revokes every active token of the store and adds a new one; `false` when there is no such store. */
  replaceTokens(storeId: string, tokenHash: string): Promise<boolean>;
  /** Replaces the store's encrypted credentials (rotated by the platform); `false` when there is no such store. */
  updateCredentials(storeId: string, credentials: EncryptedCredentials): Promise<boolean>;
  /** The store's encrypted credentials as stored now (another process may have rotated them). */
  readCredentials(storeId: string): Promise<EncryptedCredentials | undefined>;
  /** Deletes the store and its tokens; `false` when there is no such store. */
  deleteStore(storeId: string): Promise<boolean>;
  /** One trivial query: throws when the database cannot answer (readiness). */
  ping(): Promise<void>;
  /**
   * Hears every process that deletes a store or replaces its tokens (this one included), where the
   * database can tell (PostgreSQL); absent where it cannot (SQLite). Answers a function that stops.
   */
  readonly watchStoreChanges?: ((watcher: StoreChangeWatcher) => () => Promise<void>) | undefined;
  /**
   * Locks the writes to one customer of a store across every process on the database, waiting
   * until `signal` aborts; resolves the release. Absent where the database cannot (SQLite).
   */
  readonly lockCustomerWrites?:
    | ((storeId: string, customerId: string, signal: AbortSignal) => Promise<() => Promise<void>>)
    | undefined;
  /**
   * Locks the rotation of a store's credentials (read, refresh, store) across every process on the
   * database, waiting until `signal` aborts; resolves the release. Absent where the database cannot
   * (SQLite: one process per database file is supported for platforms that rotate credentials).
   */
  readonly lockCredentials?:
    | ((storeId: string, signal: AbortSignal) => Promise<() => Promise<void>>)
    | undefined;
  /** The database itself, for what lives beside the stores (the sync state, the mirror). */
  readonly database: SqlDatabase;
  /** The `Idempotency-Key`s of every store (CONTRACT.md §7), in the same database. */
  readonly idempotency: IdempotencyRecords;
  /** The customer mirror and change feed of every store with sync (CONTRACT.md §5), in the same database. */
  readonly mirror: MirrorStore;
  /** The webhook event ids every store received (CONTRACT.md §5), in the same database. */
  readonly webhookEvents: WebhookEvents;
  close(): Promise<void>;
}

export interface StoreChangeWatcher {
  /** The tokens of this store changed, or the store is gone. */
  changed(storeId: string): void;
  /** `false` while changes cannot be heard (a lost connection): some may have been missed. */
  listening(active: boolean): void;
}
