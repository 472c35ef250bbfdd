import { describe, expect, it } from 'vitest';
import { translateWooCommerceQuery } from './translate-woocommerce-query';

const everyRoleByAscendingId = { role: 'all', orderby: 'id', order: 'asc' };

describe('translateWooCommerceQuery', () => {
  it('lists every role in ascending id order without filters', () => {
    expect(translateWooCommerceQuery({})).toStrictEqual({
      params: { query: everyRoleByAscendingId, afterId: null },
      remainder: null,
    });
  });

  it('sends ids as include', () => {
    expect(translateWooCommerceQuery({ ids: ['7', '25'] })).toStrictEqual({
      params: { query: { ...everyRoleByAscendingId, include: '7,25' }, afterId: null },
      remainder: null,
    });
  });

  it('sends email as WooCommerce exact email filter', () => {
    expect(translateWooCommerceQuery({ email: 'Ana@Example.com' })).toStrictEqual({
      params: { query: { ...everyRoleByAscendingId, email: 'Ana@Example.com' }, afterId: null },
      remainder: null,
    });
  });

  it('sends search as WooCommerce search', () => {
    expect(translateWooCommerceQuery({ search: 'ana' })).toStrictEqual({
      params: { query: { ...everyRoleByAscendingId, search: 'ana' }, afterId: null },
      remainder: null,
    });
  });

  it('sends search and checks email itself when both are given, as email replaces search upstream', () => {
    expect(translateWooCommerceQuery({ search: 'ana', email: 'ana@example.com' })).toStrictEqual({
      params: { query: { ...everyRoleByAscendingId, search: 'ana' }, afterId: null },
      remainder: { email: 'ana@example.com' },
    });
  });

  it('starts after sinceId in ascending id order', () => {
    expect(translateWooCommerceQuery({ sinceId: '12' })).toStrictEqual({
      params: { query: everyRoleByAscendingId, afterId: '12' },
      remainder: null,
    });
  });

  it('checks createdAt itself', () => {
    const createdAt = { from: '2023-01-01T00:00:00.000Z', to: '2023-12-31T23:59:59.999Z' };
    expect(translateWooCommerceQuery({ createdAt })).toStrictEqual({
      params: { query: everyRoleByAscendingId, afterId: null },
      remainder: { createdAt },
    });
  });

  it('checks updatedAt itself', () => {
    const updatedAt = { from: '2024-01-01T00:00:00.000Z' };
    expect(translateWooCommerceQuery({ updatedAt })).toStrictEqual({
      params: { query: everyRoleByAscendingId, afterId: null },
      remainder: { updatedAt },
    });
  });

  it('checks name itself, as WordPress search does not cover first and last names', () => {
    expect(translateWooCommerceQuery({ name: 'reyes' })).toStrictEqual({
      params: { query: everyRoleByAscendingId, afterId: null },
      remainder: { name: 'reyes' },
    });
  });
});
