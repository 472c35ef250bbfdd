/** A small in-memory cache: entries expire after `ttlMs`, the oldest go first beyond `maxEntries`. */
export interface BoundedCache<Key, Value> {
  get(key: Key): Value | undefined;
  set(key: Key, value: Value): void;
  delete(key: Key): void;
  /** Removes every entry whose value matches. */
  deleteWhere(matches: (value: Value) => boolean): void;
}

export interface BoundedCacheOptions {
  readonly maxEntries: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export function createBoundedCache<Key, Value>(options: BoundedCacheOptions): BoundedCache<Key, Value> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  const entries = new Map<Key, { readonly value: Value; readonly expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      // Maps iterate in insertion order, so the first key is the oldest.
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as Key);
    },
    delete(key) {
      entries.delete(key);
    },
    deleteWhere(matches) {
      for (const [key, entry] of entries) if (matches(entry.value)) entries.delete(key);
    },
  };
}
