import { describe, expect, it } from 'vitest';
import { translateWooCommerceQuery } from './translate-woocommerce-query';

const everyRoleByAscendingId = { role: 'all', orderby: 'id', order: 'asc' };

describe('translateWooCommerceQuery', () => {
  it('lists every role in ascending id order without filters', () => {
    expect(translateWooCommerceQuery({})).toStrictEqual({
      params: everyRoleByAscendingId,
      clientFilters: null,
      afterId: null,
    });
  });

  it('sends ids as include', () => {
    expect(translateWooCommerceQuery({ ids: ['7', '25'] })).toStrictEqual({
      params: { ...everyRoleByAscendingId, include: '7,25' },
      clientFilters: null,
      afterId: null,
    });
  });

  it('sends email as WooCommerce exact email filter', () => {
    expect(translateWooCommerceQuery({ email: 'Ana@Example.com' })).toStrictEqual({
      params: { ...everyRoleByAscendingId, email: 'Ana@Example.com' },
      clientFilters: null,
      afterId: null,
    });
  });

  it('sends search as WooCommerce search', () => {
    expect(translateWooCommerceQuery({ search: 'ana' })).toStrictEqual({
      params: { ...everyRoleByAscendingId, search: 'ana' },
      clientFilters: null,
      afterId: null,
    });
  });

  it('sends search and checks email itself when both are given, as email replaces search upstream', () => {
    expect(translateWooCommerceQuery({ search: 'ana', email: 'ana@example.com' })).toStrictEqual({
      params: { ...everyRoleByAscendingId, search: 'ana' },
      clientFilters: { email: 'ana@example.com' },
      afterId: null,
    });
  });

  it('starts after sinceId in ascending id order', () => {
    expect(translateWooCommerceQuery({ sinceId: '12' })).toStrictEqual({
      params: everyRoleByAscendingId,
      clientFilters: null,
      afterId: '12',
    });
  });

  it('checks createdAt itself', () => {
    const createdAt = { from: '2023-01-01T00:00:00.000Z', to: '2023-12-31T23:59:59.999Z' };
    expect(translateWooCommerceQuery({ createdAt })).toStrictEqual({
      params: everyRoleByAscendingId,
      clientFilters: { createdAt },
      afterId: null,
    });
  });

  it('checks updatedAt itself', () => {
    const updatedAt = { from: '2024-01-01T00:00:00.000Z' };
    expect(translateWooCommerceQuery({ updatedAt })).toStrictEqual({
      params: everyRoleByAscendingId,
      clientFilters: { updatedAt },
      afterId: null,
    });
  });

  it('checks name itself, as WordPress search does not cover first and last names', () => {
    expect(translateWooCommerceQuery({ name: 'reyes' })).toStrictEqual({
      params: everyRoleByAscendingId,
      clientFilters: { name: 'reyes' },
      afterId: null,
    });
  });
});
