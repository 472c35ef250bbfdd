import type { Customer } from '@unicart/core';

/** What one sync step (or one written customer) changes in a store's mirror. */
export interface MirrorChange {
  /** Customers as read from the platform now (canonical, complete). */
  readonly upserts: readonly Customer[];
  /** Ids of customers the platform no longer has. */
  readonly deletes: readonly string[];
}

export interface CustomerMirror {
  /**
   * In ONE transaction: upserts and deletes, and one feed entry per upsert whose canonical customer
   * differs from the mirrored one (or is new) and per delete of a mirrored customer. Returns the
   * number of feed entries appended. Safe to call again with the same change (no new entries).
   */
  apply(storeId: string, change: MirrorChange, detectedAt: Date): Promise<number>;
  /** Every mirrored customer id of the store (the full-scan deletion comparison). */
  ids(storeId: string): Promise<ReadonlySet<string>>;
  /** How many customers the store's mirror holds. */
  size(storeId: string): Promise<number>;
  /** Removes the store's mirror and feed (sync disabled, store deleted). */
  clear(storeId: string): Promise<void>;
}
