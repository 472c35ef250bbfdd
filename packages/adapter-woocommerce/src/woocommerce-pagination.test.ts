import { describe, expect, it } from 'vitest';
import { nextOffset, readTotal } from './woocommerce-pagination';

describe('readTotal', () => {
  it('reads the count of X-WP-Total', () => {
    expect(readTotal(new Headers({ 'X-WP-Total': '42' }))).toBe(42);
  });

  it('gives null when a proxy dropped the header', () => {
    expect(readTotal(new Headers())).toBeNull();
  });

  it('gives null for a value that is not a count', () => {
    expect(readTotal(new Headers({ 'x-wp-total': 'many' }))).toBeNull();
  });
});

describe('nextOffset', () => {
  it('moves on by a page while the total has more', () => {
    expect(nextOffset(20, 10, 10, 31)).toBe(30);
  });

  it('ends when the next offset reaches the total', () => {
    expect(nextOffset(20, 10, 10, 30)).toBeNull();
  });

  it('ends on a short page when the total is unknown', () => {
    expect(nextOffset(20, 10, 9, null)).toBeNull();
  });

  it('moves on after a full page when the total is unknown', () => {
    expect(nextOffset(20, 10, 10, null)).toBe(30);
  });
});
