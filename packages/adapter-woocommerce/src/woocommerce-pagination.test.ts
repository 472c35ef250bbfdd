import { describe, expect, it } from 'vitest';
import { readTotal } from './woocommerce-pagination';

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
