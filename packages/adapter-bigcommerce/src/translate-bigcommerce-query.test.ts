import { describe, expect, it } from 'vitest';
import { translateBigCommerceQuery } from './translate-bigcommerce-query';

describe('translateBigCommerceQuery', () => {
  it('sends nothing without filters, and needs no addresses', () => {
    expect(translateBigCommerceQuery({})).toStrictEqual({
      params: { query: {}, addresses: false },
      remainder: null,
    });
  });

  it('sends ids as id:in, exact upstream', () => {
    expect(translateBigCommerceQuery({ ids: ['4', '5', '6'] })).toStrictEqual({
      params: { query: { 'id:in': '4,5,6' }, addresses: false },
      remainder: null,
    });
  });

  it('sends whole-second date bounds with Z, exact when the bounds have no milliseconds', () => {
    expect(
      translateBigCommerceQuery({
        createdAt: { from: '2024-05-14T00:00:00.000Z', to: '2024-05-14T23:59:59.000Z' },
        updatedAt: { from: '2025-01-01T10:00:00.000Z' },
      }),
    ).toStrictEqual({
      params: {
        query: {
          'date_created:min': '2024-05-14T00:00:00Z',
          'date_created:max': '2024-05-14T23:59:59Z',
          'date_modified:min': '2025-01-01T10:00:00Z',
        },
        addresses: false,
      },
      remainder: null,
    });
  });

  it('floors millisecond bounds to their second and re-checks the range locally', () => {
    const createdAt = { from: '2024-05-14T09:34:00.500Z', to: '2024-05-14T23:59:59.999Z' };
    expect(translateBigCommerceQuery({ createdAt })).toStrictEqual({
      params: {
        query: {
          'date_created:min': '2024-05-14T09:34:00Z',
          'date_created:max': '2024-05-14T23:59:59Z',
        },
        addresses: false,
      },
      remainder: { createdAt },
    });
  });

  it('narrows email:in and name:like locally, which are looser than the contract', () => {
    expect(translateBigCommerceQuery({ email: 'Ana+shop@Example.com', name: 'ana re' })).toStrictEqual({
      params: { query: { 'email:in': 'Ana+shop@Example.com', 'name:like': 'ana re' }, addresses: false },
      remainder: { email: 'Ana+shop@Example.com', name: 'ana re' },
    });
  });

  it('never sends a comma inside email:in or name:like, where BigCommerce would split the value', () => {
    expect(translateBigCommerceQuery({ email: 'a,b@example.com', name: 'Reyes, Ana María' })).toStrictEqual({
      params: { query: { 'name:like': ' Ana María' }, addresses: false },
      remainder: { email: 'a,b@example.com', name: 'Reyes, Ana María' },
    });
    expect(translateBigCommerceQuery({ name: ',' }).params.query).toStrictEqual({});
  });

  it('leaves sinceId to core: BigCommerce has no id bound on customers', () => {
    expect(translateBigCommerceQuery({ sinceId: '40' })).toStrictEqual({
      params: { query: {}, addresses: false },
      remainder: { sinceId: '40' },
    });
  });

  it('checks phone and country on the listed customers, reading the addresses for country', () => {
    expect(translateBigCommerceQuery({ phone: '5550100', country: ['US', 'CA'] })).toStrictEqual({
      params: { query: {}, addresses: true },
      remainder: { phone: '5550100', country: ['US', 'CA'] },
    });
  });

  it('sorts createdAt and updatedAt by date_created and date_modified, and refuses any other key', () => {
    expect(translateBigCommerceQuery({ ids: ['4'] }, { key: 'createdAt', direction: 'desc' })).toStrictEqual({
      params: {
        query: { 'id:in': '4' },
        addresses: false,
        sort: { field: 'date_created', direction: 'desc' },
      },
      remainder: null,
    });
    expect(translateBigCommerceQuery({}, { key: 'updatedAt', direction: 'asc' }).params.sort).toStrictEqual({
      field: 'date_modified',
      direction: 'asc',
    });
    expect(() => translateBigCommerceQuery({}, { key: 'name', direction: 'desc' })).toThrow(/'-name'/);
  });
});
