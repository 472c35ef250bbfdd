/** What the mirror routes need to know of a store's sync (CONTRACT.md §5, "Reading from the mirror"). */
export interface MirrorReadiness {
  /** ISO time the first complete full read finished; `null` while the store is initializing. */
  readonly firstFullReadAt: string | null;
  /** ISO time of the last successful poll or full read (`Unicart-Synced-At`), `null` before the first. */
  readonly syncedAt: string | null;
}

/** Reads the sync state the engine keeps (`sync_state`). */
export interface SyncStatusReader {
  /** The store's readiness, or `null` when sync is not enabled for it. */
  readiness(storeId: string): Promise<MirrorReadiness | null>;
}
