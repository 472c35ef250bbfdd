import { describe, expect, it } from 'vitest';
import { createBoundedCache } from './bounded-cache';

describe('the bounded cache', () => {
  it('forgets entries after their time to live', () => {
    let now = 0;
    const cache = createBoundedCache<string, number>({ maxEntries: 10, ttlMs: 100, now: () => now });
    cache.set('a', 1);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entry beyond its size', () => {
    const cache = createBoundedCache<string, number>({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toStrictEqual([3, undefined, 4]);
  });

  it('removes every entry whose value matches', () => {
    const cache = createBoundedCache<string, { store: string }>({ maxEntries: 10 });
    cache.set('token-1', { store: 's1' });
    cache.set('token-2', { store: 's1' });
    cache.set('token-3', { store: 's2' });
    cache.deleteWhere((value) => value.store === 's1');
    expect([cache.get('token-1'), cache.get('token-2'), cache.get('token-3')]).toStrictEqual([
      undefined,
      undefined,
      { store: 's2' },
    ]);
  });
});
