export interface MirrorReadiness {
  /** `null` when sync is disabled for the store. */
  readonly firstFullReadAt: string | null; // ISO; null while initializing
  /** ISO time of the last successful poll or full read (`Unicart-Synced-At`), null before the first. */
  readonly syncedAt: string | null;
}
export interface SyncStatusReader {
  /** The store's readiness, or `null` when sync is not enabled for it. */
  readiness(storeId: string): Promise<MirrorReadiness | null>;
}
